package bench

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/ui"
)

// The targets for the Global Report.
const (
	targetReportWeb = 10 * time.Second
	targetReportPDF = 2 * time.Minute
)

// reportSpec is the full edition: every year of the generated data, the
// M49 regions and sub-regions, one language.
var reportSpec = report.Spec{Edition: "bench", Years: stats.Span{From: FirstYear, To: LastYear}, Langs: []string{"en"}}

// reportService is the report service on a benchmark database.
func reportService(b *testing.B, s *stats.Service) *report.Service {
	b.Helper()
	cat, err := app.NewCatalog()
	if err != nil {
		b.Fatal(err)
	}
	svc, err := report.NewService(s.DB, s, s.Geo, cat, ui.Roots())
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

// countPages counts an edition's pages: chapters, country profiles, data
// files.
func countPages(e *report.Edition) (pages, countries, data int) {
	for _, p := range e.Paths() {
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
			if strings.HasPrefix(p, "countries/") {
				countries++
			}
		case strings.HasSuffix(p, ".csv"):
			data++
		}
	}
	return
}

// BenchmarkReportWeb builds the full web edition — the world, every region
// and sub-region, a profile per country — from the 500,000-observation
// database (20 years, about 195 countries): target under 10 s.
func BenchmarkReportWeb(b *testing.B) {
	for _, e := range engines {
		b.Run(string(e), func(b *testing.B) {
			svc := reportService(b, loaded500k(b, e))
			var spent time.Duration
			var ed *report.Edition
			n := 0
			for b.Loop() {
				start := time.Now()
				var err error
				if ed, err = svc.Build(ctx, reportSpec); err != nil {
					b.Fatal(err)
				}
				spent += time.Since(start)
				n++
			}
			per := spent / time.Duration(n)
			pages, countries, data := countPages(ed)
			b.ReportMetric(per.Seconds(), "s/op")
			b.Logf("%s: web edition %d–%d, %d pages (%d country profiles), %d data files, %d files in all, built in %.2f s (target < %s): %s",
				e, reportSpec.Years.From, reportSpec.Years.To, pages, countries, data, len(ed.Files), per.Seconds(), targetReportWeb,
				verdict(per, targetReportWeb))
			if countries < 150 {
				b.Fatalf("only %d country profiles: the edition is not the full one", countries)
			}
		})
	}
}

// BenchmarkReportPDF builds the full edition and prints it to PDF with
// Chromium (the layout pass for the table of contents' page numbers, then
// the print with the charts): target under 2 minutes for both.
func BenchmarkReportPDF(b *testing.B) {
	chromium, err := exec.LookPath(report.DefaultChromium)
	if err != nil {
		b.Skip("no Chromium: the PDF benchmark needs Debian's chromium")
	}
	e := db.SQLite
	svc := reportService(b, loaded500k(b, e))
	spec := reportSpec
	spec.PDF = true
	var spent, printing time.Duration
	var size int
	n := 0
	for b.Loop() {
		start := time.Now()
		ed, err := svc.Build(ctx, spec)
		if err != nil {
			b.Fatal(err)
		}
		dir := b.TempDir()
		if err := ed.WriteDir(dir); err != nil {
			b.Fatal(err)
		}
		printStart := time.Now()
		if err := (report.Printer{Chromium: chromium, Timeout: 20 * time.Minute, Log: b.Logf}).Print(ctx, dir, ed); err != nil {
			b.Fatal(err)
		}
		printing += time.Since(printStart)
		spent += time.Since(start)
		n++
		size = len(ed.Files["report.pdf"])
		b.Log(ed.Summary(dir))
	}
	per := spent / time.Duration(n)
	b.ReportMetric(per.Seconds(), "s/op")
	b.Logf("%s: report.pdf of the full edition (%.1f MB) built and printed in %.1f s, of which printing %.1f s (target < %s): %s",
		e, float64(size)/1e6, per.Seconds(), (printing / time.Duration(n)).Seconds(), targetReportPDF, verdict(per, targetReportPDF))
}
