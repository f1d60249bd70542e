package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Printer prints an edition's printed report (print.html, the same pages
// in one document) to A4 PDF with headless Chromium: page numbers in the
// footer, the table of contents filled with the page each chapter starts
// on, an outline and a tagged PDF for screen readers.
type Printer struct {
	Chromium string        // the browser; DefaultChromium when empty
	Timeout  time.Duration // for one language; 15 minutes when zero
	// Log, when set, hears how long each step took (tipsom report -v,
	// the benchmark).
	Log func(format string, args ...any)
}

func (p Printer) logf(format string, args ...any) {
	if p.Log != nil {
		p.Log(format, args...)
	}
}

// A4 in inches, and the margins of static/edition.css's @page rule (15 mm,
// 18 mm at the foot for the page number).
const (
	marginSide   = 15 / 25.4
	marginBottom = 18 / 25.4
	// printWidth is the width of the printed text in CSS pixels: the
	// browser lays the page out at that width, so charts are drawn at
	// the size they are printed.
	printWidth = 680
)

func (p Printer) chromium() string {
	if p.Chromium == "" {
		return DefaultChromium
	}
	return p.Chromium
}

// Check says plainly when the browser cannot be found, before any work.
func (p Printer) Check() error {
	if _, err := exec.LookPath(p.chromium()); err != nil {
		return fmt.Errorf("the PDF is printed with Chromium, and there is no Chromium at %s: install it (apt-get install chromium), name it with --chromium, or build without --pdf", p.chromium())
	}
	return nil
}

// Print prints each language of an edition written under dir, adds the
// PDFs to the edition and writes them beside print.html.
func (p Printer) Print(ctx context.Context, dir string, e *Edition) error {
	if err := p.Check(); err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "tipsom-chromium-")
	if err != nil {
		return fmt.Errorf("print: %w", err)
	}
	defer os.RemoveAll(profile)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx),
		chromedp.ExecPath(p.chromium()), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true), chromedp.UserDataDir(profile))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("start chromium %s: %w", p.chromium(), err)
	}
	for i, code := range e.Spec.Langs {
		prefix := ""
		if i > 0 {
			prefix = code + "/"
		}
		doc, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(prefix+printName)))
		if err != nil {
			return err
		}
		data, err := p.printDoc(ctx, bctx, doc)
		if err != nil && ctx.Err() == nil && errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("print %s: not printed within %s (Printer.Timeout): %w", prefix+printName, p.timeout(), err)
		}
		if err != nil {
			return fmt.Errorf("print %s: %w", prefix+printName, err)
		}
		e.Files[prefix+pdfName] = data
		if err := os.WriteFile(filepath.Join(filepath.Dir(doc), pdfName), data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", prefix+pdfName, err)
		}
	}
	return nil
}

// timeout bounds the printing of one language.
func (p Printer) timeout() time.Duration {
	if p.Timeout == 0 {
		// The full edition of the real data prints a language in four
		// to eight minutes on two shared cores.
		return 15 * time.Minute
	}
	return p.Timeout
}

// tocEntry is a chapter as the printed report's table of contents lists it.
type tocEntry struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// printDoc prints one document. Two tabs work at once: one lays the
// document out with its scripts off (no charts: their boxes have fixed
// sizes, so the pages break in the same places) and prints it once to learn
// where each chapter starts; the other loads it with its charts and maps.
// The second then gets those page numbers in its table of contents and is
// printed; its outline must confirm them (they fill fixed-width boxes),
// else it is printed again with the numbers it shows.
func (p Printer) printDoc(ctx, bctx context.Context, doc string) ([]byte, error) {
	timeout := p.timeout()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type layout struct {
		pages []int
		err   error
	}
	done := make(chan layout, 1)
	go func() {
		pages, err := p.paginate(ctx, bctx, doc)
		done <- layout{pages, err}
	}()
	tab, cancelTab := p.openTab(ctx, bctx)
	defer cancelTab()
	start := time.Now()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(printWidth, 1000), chromedp.Navigate(fileURL(doc)),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete" && !document.querySelector(".chart:empty, .flow-map:empty")`,
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(timeout))); err != nil {
		return nil, fmt.Errorf("load and draw: %w", err)
	}
	p.logf("%s: charts and maps drawn in %.1f s", doc, time.Since(start).Seconds())
	toc, err := chromedp.Run(tab, chromedp.Evaluate[[]tocEntry](`[...document.querySelectorAll(".toc [data-chapter]")].map(e => ({
		id: e.dataset.chapter, title: document.getElementById(e.dataset.chapter).querySelector("h1").textContent}))`))
	if err != nil {
		return nil, fmt.Errorf("read the table of contents: %w", err)
	}
	l := <-done
	if l.err != nil {
		return nil, l.err
	}
	pages := l.pages
	for pass := 1; pass <= 3; pass++ {
		if err := setPageNumbers(tab, toc, pages); err != nil {
			return nil, err
		}
		data, got, err := p.print(tab, doc, titles(toc))
		if err != nil {
			return nil, err
		}
		if slices.Equal(got, pages) {
			return data, nil
		}
		pages = got
	}
	return nil, fmt.Errorf("the table of contents' page numbers did not settle after 3 prints")
}

// paginate lays the document out without running its scripts and prints
// it once: the page each chapter starts on.
func (p Printer) paginate(ctx, bctx context.Context, doc string) ([]int, error) {
	tab, cancel := p.openTab(ctx, bctx)
	defer cancel()
	start := time.Now()
	err := chromedp.Do(tab, chromedp.EmulateViewport(printWidth, 1000), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(fileURL(doc)))
	if err != nil {
		return nil, fmt.Errorf("lay out: %w", err)
	}
	p.logf("%s: laid out in %.1f s", doc, time.Since(start).Seconds())
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](markChapters))
	if err != nil {
		return nil, fmt.Errorf("mark the chapters: %w", err)
	}
	start = time.Now()
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargins(marginSide, marginSide, marginBottom, marginSide), chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(footer), chromedp.PDFStream(), func(pp *page.PrintToPDFParams) { pp.GenerateTaggedPDF = new(bool) }))
	if err != nil {
		return nil, fmt.Errorf("print the layout: %w", err)
	}
	p.logf("%s: layout printed, %d bytes, in %.1f s", doc, len(data), time.Since(start).Seconds())
	return markedPages(data, n)
}

// markChapters puts a tiny mark, "[[i]]", at the top of each chapter of
// the layout print — out of the flow, so the pages break as they will in
// the report — and returns how many chapters there are. Plain digits read
// back from any PDF, whatever the language of the chapter's title.
const markChapters = `[...document.querySelectorAll(".toc [data-chapter]")].map((e, i) => {
	const ch = document.getElementById(e.dataset.chapter), m = document.createElement("span");
	m.textContent = "[[" + i + "]]";
	m.style.cssText = "position:absolute;font:2px monospace;color:#000";
	ch.prepend(m);
	return i;
}).length`

// print prints the report in tab — tagged, with an outline, for screen
// readers and bookmarks — and reads where each chapter starts from the
// outline.
func (p Printer) print(tab context.Context, doc string, chapters []string) ([]byte, []int, error) {
	start := time.Now()
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargins(marginSide, marginSide, marginBottom, marginSide), chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(`<span></span>`), chromedp.PDFFooterTemplate(footer), chromedp.PDFOutlineAndTagged(), chromedp.PDFStream()))
	if err != nil {
		return nil, nil, fmt.Errorf("print: %w", err)
	}
	p.logf("%s: printed, %d bytes, in %.1f s", doc, len(data), time.Since(start).Seconds())
	entries, err := outline(data)
	if err != nil {
		return nil, nil, err
	}
	pages, err := chapterPages(entries, chapters)
	return data, pages, err
}

// openTab opens a tab of the browser, closed with the returned function.
func (p Printer) openTab(ctx, bctx context.Context) (context.Context, context.CancelFunc) {
	tab, cancelTab := chromedp.NewContext(bctx)
	stop := context.AfterFunc(ctx, cancelTab)
	return tab, func() { stop(); cancelTab() }
}

func titles(toc []tocEntry) []string {
	out := make([]string, len(toc))
	for i, t := range toc {
		out[i] = t.Title
	}
	return out
}

func fileURL(doc string) string { return "file://" + filepath.ToSlash(doc) }

// footer numbers the pages: "12 / 345".
const footer = `<div style="font-size:8pt;width:100%;text-align:center;color:#4a5565;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`

// setPageNumbers writes each chapter's page into the table of contents.
func setPageNumbers(ctx context.Context, toc []tocEntry, pages []int) error {
	m := make(map[string]string, len(toc))
	for i, t := range toc {
		m[t.ID] = strconv.Itoa(pages[i])
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(m => { document.querySelectorAll(".toc [data-chapter]").forEach(e => {
		e.textContent = m[e.dataset.chapter]; }); return true; })(`+string(b)+`)`))
	if err != nil {
		return fmt.Errorf("fill the table of contents: %w", err)
	}
	return nil
}
