package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// extraCountries adds to the sample the countries whose names broke the
// printed outline (Timor-Leste: "تيمور- ليشتي" in Arabic) or mix scripts
// and punctuation in some language.
const extraCountries = `UNODC,unodc_ddds@un.org
30/05/2023
Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source
TLS,Timor-Leste,Asia,South-eastern Asia,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,12,GLOTIP
GNB,Guinea-Bissau,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,7,GLOTIP
CIV,Côte d'Ivoire,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,31,GLOTIP
`

// TestEveryLanguageWebAndPDF builds one edition in all six languages, web
// and PDF, and checks each cell of the 6 × {web, PDF} matrix: every
// language has its pages and its printed report, whose outline held every
// chapter (the printer checks it, and fails naming the chapter).
func TestEveryLanguageWebAndPDF(t *testing.T) {
	browser := chromiumOrSkip(t)
	srv, svc := startWithSample(t, db.SQLite)
	importFile(t, srv.App.Rooms.Stats, "extra.csv", []byte(extraCountries))
	langs := web.LangCodes
	if len(langs) != 6 {
		t.Fatalf("languages %v, want the six", langs)
	}
	e, err := svc.Build(t.Context(), report.Spec{Edition: "matrix", Years: stats.Span{From: 2018, To: 2021}, Langs: langs, PDF: true})
	if err != nil {
		t.Fatalf("web edition in six languages: %v", err)
	}
	dir := t.TempDir()
	if err := e.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if err := (report.Printer{Chromium: browser}).Print(t.Context(), dir, e); err != nil {
		t.Fatalf("PDF in six languages: %v", err)
	}
	for i, lang := range langs {
		prefix := ""
		if i > 0 {
			prefix = lang + "/"
		}
		for _, page := range []string{"index.html", "overview.html", "annex.html", "countries/TLS.html", "print.html"} {
			html, ok := e.Files[prefix+page]
			if !ok || !strings.Contains(string(html), `lang="`+lang+`"`) {
				t.Errorf("%s web: %s missing or not in its language", lang, page)
			}
		}
		pdf, err := os.ReadFile(filepath.Join(dir, prefix+"report.pdf"))
		if err != nil || len(pdf) < 1000 || !strings.HasPrefix(string(pdf), "%PDF") {
			t.Errorf("%s PDF: %d bytes, %v", lang, len(pdf), err)
		}
	}
}
