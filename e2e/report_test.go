package e2e_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ledongthuc/pdf"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestReportFromDemoData: in demo mode (published GLOTIP rows) an analyst
// builds an edition in English and Arabic on /reports, previews
// the draft and publishes it; every page of it is then visited in the
// two languages (axe-core on each; Arabic right to left), and an
// edition printed to PDF holds its key findings.
func TestReportFromDemoData(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.Demo = true })
	// The published rows of five countries (the GLOTIP sample), not the
	// whole file the demo loads: an edition of every country would take
	// this test far too long to visit page by page. The demo's own
	// edition is then built from them as demo mode builds it.
	sample, err := os.ReadFile("../../shared/data/glotip/sample.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.App.Rooms.Stats.Import(t.Context(), auth.System("test"), "sample.xlsx", sample, stats.ImportOptions{AcceptFindings: true}); err != nil {
		t.Fatal(err)
	}
	demoSvc := srv.App.Rooms.Report
	if err := demoSvc.LoadDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	analyst := srv.CreateUser(t, "analyst@report.example.org", auth.RoleAnalyst)
	b := startBrowser(t, execPath, axe, srv.URL)

	b.step(t, "analyst_builds_a_draft", func(p *tab) {
		login(p, srv, analyst)
		p.open("/reports")
		if !p.exists(`a[href="/reports/glotip-2023/"]`) {
			p.errorf("the demo edition is not listed: %s", p.text("main"))
		}
		p.fill("#f-edition", "demo-web")
		p.fill("#f-years", "2017-2021")
		p.check("#lang-ar")
		p.click(`#build-form button[type=submit]`)
		if flash := p.text(".flash"); flash == "" || !p.exists("#preview-demo-web") {
			p.fatalf("no draft after building: %s", p.text("main"))
		}
	})
	b.step(t, "analyst_previews_and_publishes", func(p *tab) {
		p.click("#preview-demo-web")
		if got := p.path(); got != "/reports/demo-web/" {
			p.fatalf("preview opened %s", got)
		}
		p.open("/reports")
		p.do("skip the confirmation", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-confirm]").forEach(f => f.removeAttribute("data-confirm"))`))
		p.click("#publish-demo-web")
		if !p.exists(`#published a[href="/reports/demo-web/"]`) {
			p.fatalf("the edition is not among the published: %s", p.text("main"))
		}
		logout(p)
	})
	visitEdition(t, b, srv, "demo-web")

	// With its PDF an edition is built in the background: the page lists
	// it as being built, then among the drafts.
	svc := srv.App.Rooms.Report
	// The step waits for a PDF to print, which takes a while on a busy machine.
	b.stepWithin(t, "analyst_builds_a_pdf_in_the_background", 2*time.Minute, func(p *tab) {
		login(p, srv, analyst)
		p.open("/reports")
		p.fill("#f-edition", "demo-pdf")
		p.fill("#f-years", "2017-2021")
		p.check("#f-pdf")
		p.click(`#build-form button[type=submit]`)
		if !p.exists("#job-demo-pdf") && !p.exists("#preview-demo-pdf") {
			p.fatalf("the build is neither running nor done: %s", p.text("main"))
		}
		svc.WaitJobs()
		p.open("/reports")
		if p.exists("#job-demo-pdf") || !p.exists("#preview-demo-pdf") {
			p.fatalf("no draft after the background build: %s", p.text("main"))
		}
		p.do("skip the confirmation", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-confirm]").forEach(f => f.removeAttribute("data-confirm"))`))
		p.click("#publish-demo-pdf")
		if !p.exists(`#published a[href="/reports/demo-pdf/report.pdf"]`) {
			p.fatalf("the edition's PDF is not among the published: %s", p.text("main"))
		}
		logout(p)
	})
	e, err := svc.Build(t.Context(), report.Spec{Edition: "demo-pdf", Years: stats.Span{From: 2017, To: 2021}, Langs: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, srv, e, "demo-pdf")
}

// TestReportFromSampleXLSX: UNODC's published sample (sample.xlsx) is
// imported; an edition built from it in English and French, with its PDF,
// is published, every page visited, the PDF's text holds the key findings,
// and the same edition written to a folder works from file://.
func TestReportFromSampleXLSX(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	sample, err := filepath.Abs("../../shared/data/glotip/sample.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sample)
	if err != nil {
		unavailable(t, "sample.xlsx: %v", err)
	}
	srv := apptest.Start(t, db.SQLite)
	by := &auth.Principal{UserID: 1, Email: "analyst@report.example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}
	if rep, err := srv.App.Rooms.Stats.Import(t.Context(), by, "sample.xlsx", data, stats.ImportOptions{AcceptFindings: true}); err != nil || !rep.Stored {
		t.Fatalf("import sample.xlsx: %v", err)
	}
	spec := report.Spec{Edition: "sample", Years: stats.Span{From: 2003, To: 2021}, Langs: []string{"en", "fr"}, PDF: true}
	e := publishWithPDF(t, srv, spec)
	b := startBrowser(t, execPath, axe, srv.URL)
	visitEdition(t, b, srv, "sample")
	checkPDF(t, srv, e, "sample")

	dir := t.TempDir()
	if err := e.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	b.step(t, "from_a_folder", func(p *tab) {
		for _, page := range []string{"index.html", "overview.html", "countries/NGA.html", "fr/regions/142.html"} {
			p.do("open "+page, chromedp.Navigate("file://"+filepath.Join(dir, page)))
			p.axe()
			if strings.Contains(page, "/") && !p.exists(".chart svg") {
				p.errorf("%s from a folder drew no chart", page)
			}
		}
		if !p.exists(".flow-map svg path.arc, .flow-map svg circle.dot") {
			p.errorf("the flow map drew no flow from a folder")
		}
	})
}

// publishWithPDF builds an edition with its PDF through the service and
// publishes it, as an analyst would on /reports.
func publishWithPDF(t *testing.T, srv *apptest.Server, spec report.Spec) *report.Edition {
	t.Helper()
	svc := srv.App.Rooms.Report
	by := &auth.Principal{UserID: 1, Email: "analyst@report.example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}
	if _, err := svc.BuildDraft(t.Context(), by, spec); err != nil {
		t.Fatalf("build %s: %v", spec.Edition, err)
	}
	if err := svc.Publish(t.Context(), by, spec.Edition); err != nil {
		t.Fatal(err)
	}
	spec.PDF = false
	e, err := svc.Build(t.Context(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// visitEdition opens every page of a published edition — each language —
// checking language, direction and that charts and maps drew.
func visitEdition(t *testing.T, b *browser, srv *apptest.Server, name string) {
	t.Helper()
	res := srv.Get(t, apptest.Client(), "/api/v1/reports/"+name)
	var m struct {
		Languages []string      `json:"languages"`
		Manifest  []report.File `json:"manifest"`
	}
	if err := json.Unmarshal([]byte(apptest.ReadBody(t, res)), &m); err != nil || len(m.Manifest) == 0 {
		t.Fatalf("manifest of %s: %v", name, err)
	}
	pages := 0
	for _, f := range m.Manifest {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		path := f.Path
		// print.html is the whole report in one document, for the PDF:
		// loading it and checking it with axe-core takes longer.
		limit := stepTimeout
		if strings.HasSuffix(path, "print.html") {
			limit = 2 * time.Minute
		}
		b.stepWithin(t, "visit_"+name+"_"+path, limit, func(p *tab) {
			p.open("/reports/" + name + "/" + path)
			lang, dir := m.Languages[0], "ltr"
			if code, _, ok := strings.Cut(path, "/"); ok && len(code) == 2 {
				lang = code
			}
			if lang == "ar" {
				dir = "rtl"
			}
			if got := eval[string](p, `document.documentElement.lang + " " + document.documentElement.dir`); got != lang+" "+dir {
				p.errorf("lang dir = %q, want %q", got, lang+" "+dir)
			}
			if p.exists(".chart") && !p.exists(".chart svg") {
				p.errorf("a chart did not draw")
			}
			if p.exists(".flow-map") && !p.exists(".flow-map svg") {
				p.errorf("a flow map did not draw")
			}
		})
	}
	t.Logf("%s: %d pages visited", name, pages)
}

// checkPDF reads an edition's report.pdf from the app and finds every key
// finding of its index page in the PDF's text.
func checkPDF(t *testing.T, srv *apptest.Server, e *report.Edition, name string) {
	t.Helper()
	res := srv.Get(t, apptest.Client(), "/reports/"+name+"/report.pdf")
	body := apptest.ReadBody(t, res)
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("/reports/%s/report.pdf: %d", name, res.StatusCode)
	}
	text := squash(pdfText(t, []byte(body)))
	list := regexp.MustCompile(`(?s)<ul class="findings">(.*?)</ul>`).FindStringSubmatch(string(e.Files["index.html"]))
	if list == nil {
		t.Fatalf("%s has no key findings", name)
	}
	found := 0
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(list[1], -1) {
		f := squash(strings.NewReplacer("&#39;", "'", "&amp;", "&").Replace(li[1]))
		if !strings.Contains(text, f) {
			t.Errorf("%s/report.pdf lacks the key finding %q", name, f)
		}
		found++
	}
	if found < 3 {
		t.Errorf("%s: only %d key findings", name, found)
	}
}

// pdfText is a PDF's text, read with the Go reader tipsom uses for judgments.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(rd)
	return b.String()
}

// squash undoes what text extraction changes: ligatures, line breaks,
// no-break spaces.
func squash(s string) string {
	s = strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl", "’", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
