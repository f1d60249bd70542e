package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReferenceRooms visits the reference rooms as a visitor and as an
// editor would: an admin uploads the UN Treaty Collection table of the
// Convention on the treaty page, the page then counts 166 parties as at
// 29 February 2012; the ICAT page and the comparison of bodies, the
// countries index with its map and a country profile with its treaty
// section — in English and in French — each checked by axe-core.
func TestReferenceRooms(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	table, err := filepath.Abs("../../shared/data/treaties/untc_18-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(table); err != nil {
		unavailable(t, "UN Treaty Collection table: %v", err)
	}
	srv, admin := startApp(t)
	b := startBrowser(t, execPath, axe, srv.URL)

	b.step(t, "sign_in", func(p *tab) { signIn(p, srv, admin) })
	b.step(t, "upload_treaty_table", func(p *tab) {
		p.open("/treaties")
		p.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{table}))
		p.do("choose the instrument", chromedp.SetValue(chromedp.CSS("#f-instrument"), "untoc"))
		p.click(`form[action="/treaties/import"] button[type=submit]`)
		if flash := p.text(".flash"); flash == "" {
			p.errorf("no confirmation after the upload; main reads:\n%s", p.text("main"))
		}
	})
	b.step(t, "parties_as_at_2012", func(p *tab) {
		p.open("/treaties/untoc?as_of=2012-02-29")
		if main := p.text("main"); !strings.Contains(main, "166") {
			p.errorf("the treaty page as at 2012-02-29 does not show 166 parties:\n%s", main)
		}
		if !p.exists(".world-map svg path.country.m2") {
			p.errorf("the map shows no party")
		}
		if !p.exists(".chart svg") {
			p.errorf("the chart of parties over time did not draw")
		}
	})
	b.step(t, "bodies", func(p *tab) {
		p.open("/bodies/icat")
		if main := p.text("main"); !strings.Contains(main, "UNHCR") || !strings.Contains(main, "UNODC") {
			p.errorf("the ICAT page lacks its members:\n%s", main)
		}
		p.open("/bodies/compare")
	})
	b.step(t, "countries_and_profile", func(p *tab) {
		p.open("/countries")
		if !p.exists(".world-map svg path.country.m1") {
			p.errorf("the countries map did not draw")
		}
		p.open("/countries/KEN")
		if !p.exists("#treaties") || !strings.Contains(p.text("#treaties"), "2004") {
			p.errorf("the profile of Kenya lacks its treaty section: %q", p.text("main"))
		}
	})
	b.step(t, "french", func(p *tab) {
		p.open("/lang/fr?next=/treaties")
		if lang := eval[string](p, `document.documentElement.lang`); lang != "fr" {
			p.fatalf("lang = %q after choosing French", lang)
		}
		p.open("/bodies/icat")
		p.open("/countries/KEN")
		p.open("/lang/en?next=/")
	})
}
