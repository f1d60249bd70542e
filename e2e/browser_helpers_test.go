package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds each step of the scenario.
const stepTimeout = 20 * time.Second

// axePath is axe-core as `make assets` installs it, relative to this package.
const axePath = "../ui/node_modules/axe-core/axe.min.js"

// axeRun runs axe-core on the WCAG 2.1 A and AA rules and answers a JSON list
// of the violations, each with its first few target selectors.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"]
}).then(r => JSON.stringify(r.violations.map(v => ({
  id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
  targets: v.nodes.slice(0, 5).map(n => n.target.map(String).join(" "))
}))))`

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Count   int      `json:"count"`
	Targets []string `json:"targets"`
}

// unavailable skips the test, or fails it in CI, where the browser and
// axe-core must be installed.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// findBrowser returns the path of a Chromium-family browser.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	unavailable(t, "no browser: install Debian's chromium (apt-get install chromium) to run the end-to-end test")
	return ""
}

// loadAxe returns the source of axe-core.
func loadAxe(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if err != nil {
		unavailable(t, "axe-core missing (%v): run `make assets`", err)
	}
	return string(b)
}

// browser is one headless Chromium with one tab, driving the app at base.
type browser struct {
	ctx   context.Context // the tab, without a deadline
	base  string
	axe   string
	shots string // folder of the failure screenshots
}

// startBrowser launches Chromium with a fresh profile; it closes when the
// test ends.
func startBrowser(t *testing.T, execPath, axe, base string) *browser {
	t.Helper()
	profile := t.TempDir()
	shots, err := filepath.Abs("screenshots")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Cleanups run last-in first-out: the browser ends before its profile
	// folder is removed.
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancel()
		acancel()
	})
	// The first run binds the browser's life to its context: no deadline here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start browser %s: %v", execPath, err)
	}
	return &browser{ctx: ctx, base: base, axe: axe, shots: shots}
}

// tab is the browser as one step of the scenario sees it.
type tab struct {
	t    *testing.T
	b    *browser
	ctx  context.Context // the tab, with the step's deadline
	shot bool            // a screenshot of this step is saved
}

// step runs fn as the subtest name; it stops the whole scenario when the
// step fails, since the later steps build on it.
func (b *browser) step(t *testing.T, name string, fn func(p *tab)) {
	t.Helper()
	b.stepWithin(t, name, stepTimeout, fn)
}

// stepWithin is step with its own deadline, for the few pages that are
// large by nature (a whole printed report in one document).
func (b *browser) stepWithin(t *testing.T, name string, limit time.Duration, fn func(p *tab)) {
	t.Helper()
	ok := t.Run(name, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(b.ctx, limit)
		defer cancel()
		p := &tab{t: t, b: b, ctx: ctx}
		t.Cleanup(func() {
			if t.Failed() {
				p.screenshot()
			}
		})
		fn(p)
	})
	if !ok {
		t.FailNow()
	}
}

// screenshot saves the whole page once per step, as screenshots/<step>.png.
func (p *tab) screenshot() {
	if p.shot {
		return
	}
	p.shot = true
	ctx, cancel := context.WithTimeout(p.b.ctx, 10*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, fullPage)
	if err != nil {
		p.t.Logf("screenshot failed: %v", err)
		return
	}
	if err := os.MkdirAll(p.b.shots, 0o755); err != nil {
		p.t.Logf("screenshot failed: %v", err)
		return
	}
	name := strings.NewReplacer("/", "-", " ", "_", ":", "_").Replace(p.t.Name()) + ".png"
	path := filepath.Join(p.b.shots, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Logf("screenshot failed: %v", err)
		return
	}
	p.t.Logf("screenshot: %s", path)
}

// fullPage captures the whole page as PNG: it makes the viewport as tall as
// the page for the shot. (chromedp.FullScreenshot captures beyond the
// viewport, which shifts right-to-left pages half out of the picture.)
func fullPage(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	if v, c := m.CSSLayoutViewport, m.CSSContentSize; v != nil && c != nil && int64(c.Height) > v.ClientHeight {
		if _, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: v.ClientWidth, Height: int64(math.Ceil(c.Height)), DeviceScaleFactor: 1,
		}); err != nil {
			return nil, err
		}
		defer cdp.Call(ctx, t, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}
	r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
	if err != nil {
		return nil, err
	}
	return r.Data, nil
}

// fatalf saves a screenshot of the page as it is and stops the step.
func (p *tab) fatalf(format string, args ...any) {
	p.t.Helper()
	p.screenshot()
	p.t.Fatalf(format, args...)
}

// errorf saves a screenshot of the page as it is and fails the step.
func (p *tab) errorf(format string, args ...any) {
	p.t.Helper()
	p.screenshot()
	p.t.Errorf(format, args...)
}

// do runs actions, stopping the step on error.
func (p *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.fatalf("%s: %v", what, err)
	}
}

// open loads path, checks that it answers 200 and runs axe-core on it.
func (p *tab) open(path string) *network.Response {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(p.b.base+path))
	if err != nil {
		p.fatalf("open %s: %v", path, err)
	}
	if res == nil {
		p.fatalf("open %s: no response", path)
	}
	if res.Status != 200 {
		p.fatalf("open %s: status %d, want 200", path, res.Status)
	}
	p.axe()
	return res
}

// click clicks the element sel and waits for the page it loads; it runs
// axe-core on that page and returns its response (after any redirect).
func (p *tab) click(sel string) *network.Response {
	p.t.Helper()
	res, err := chromedp.RunResponse(p.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		p.fatalf("click %s: %v", sel, err)
	}
	if res == nil {
		p.fatalf("click %s: no page loaded", sel)
	}
	p.axe()
	return res
}

// fill replaces the value of the field sel by typing text.
func (p *tab) fill(sel, text string) {
	p.t.Helper()
	p.do("fill "+sel, chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// check clicks the checkbox sel, which loads no page.
func (p *tab) check(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// path is the current path of the page, without query or fragment.
func (p *tab) path() string {
	p.t.Helper()
	return eval[string](p, `location.pathname`)
}

// exists reports whether an element matches sel now.
func (p *tab) exists(sel string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`document.querySelector(%s) !== null`, jsString(sel)))
}

// text is the trimmed text of the first element matching sel, which must exist.
func (p *tab) text(sel string) string {
	p.t.Helper()
	s := eval[*string](p, fmt.Sprintf(`(e => e ? e.textContent.trim() : null)(document.querySelector(%s))`, jsString(sel)))
	if s == nil {
		p.fatalf("no element matches %s on %s", sel, p.path())
	}
	return *s
}

// eval evaluates expr in the page and decodes its value.
func eval[T any](p *tab, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// axe runs axe-core on the page and fails the step on any violation.
func (p *tab) axe() {
	p.t.Helper()
	loaded := eval[bool](p, `typeof window.axe === "object"`)
	if !loaded {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](p.b.axe+"\n;void 0")); err != nil {
			p.fatalf("inject axe-core: %v", err)
		}
	}
	out, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fatalf("run axe-core on %s: %v", p.path(), err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		p.fatalf("axe-core result: %v", err)
	}
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s (%s): %s [%d nodes] %s", v.ID, v.Impact, v.Help, v.Count, v.HelpURL)
		for _, tg := range v.Targets {
			fmt.Fprintf(&b, "\n      %s", tg)
		}
	}
	p.errorf("axe-core: %d accessibility violations on %s (%s):%s", len(vs), p.path(), eval[string](p, `document.documentElement.lang`), b.String())
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
