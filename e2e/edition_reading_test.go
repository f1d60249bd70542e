package e2e_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestEditionReadsInEachLanguage: an edition built from the GLOTIP sample
// in English and Arabic is read in a browser — its index, a region, a
// country and the list of countries. Table cells name countries (never a
// bare ISO3), the Arabic pages' tables write numbers in one digit system,
// and each region's country list is in the reader's collation order
// (geo.SortByName).
func TestEditionReadsInEachLanguage(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	data, err := os.ReadFile("../../shared/data/glotip/sample.xlsx")
	if err != nil {
		unavailable(t, "sample.xlsx: %v", err)
	}
	srv := apptest.Start(t, db.SQLite)
	by := &auth.Principal{UserID: 1, Email: "analyst@report.example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}
	if rep, err := srv.App.Rooms.Stats.Import(t.Context(), by, "sample.xlsx", data, stats.ImportOptions{AcceptFindings: true}); err != nil || !rep.Stored {
		t.Fatalf("import sample.xlsx: %v", err)
	}
	svc := srv.App.Rooms.Report
	spec := report.Spec{Edition: "reading", Years: stats.Span{From: 2003, To: 2021}, Langs: []string{"en", "ar"}}
	if _, err := svc.BuildDraft(t.Context(), by, spec); err != nil {
		t.Fatalf("build: %v", err)
	}
	if err := svc.Publish(t.Context(), by, spec.Edition); err != nil {
		t.Fatal(err)
	}
	g := srv.App.Rooms.Geo
	iso3 := regexp.MustCompile(`^[A-Z]{3}$`)
	b := startBrowser(t, execPath, axe, srv.URL)
	for _, lang := range []string{"en", "ar"} {
		prefix := ""
		if lang != "en" {
			prefix = lang + "/"
		}
		for _, page := range []string{"index.html", "regions/142.html", "countries/NGA.html"} {
			b.step(t, "read_"+lang+"_"+strings.ReplaceAll(page, "/", "_"), func(p *tab) {
				p.open("/reports/" + spec.Edition + "/" + prefix + page)
				if got := eval[string](p, `document.documentElement.lang`); got != lang {
					p.fatalf("lang = %q, want %q", got, lang)
				}
				cells := eval[[]string](p, `[...document.querySelectorAll("main table td, main table th[scope=row]")].map(c => c.textContent.trim())`)
				for _, c := range cells {
					if iso3.MatchString(c) {
						p.errorf("a table cell is a bare ISO3 code: %q", c)
					}
				}
				if lang == "ar" {
					html := eval[string](p, `document.querySelector("main").outerHTML`)
					if !strings.Contains(html, "<table") && page != "index.html" {
						p.errorf("no table to check")
					}
					for _, m := range apptest.MixedDigitTables(html) {
						p.errorf("a table mixes digit systems: %.300s", m)
					}
				}
			})
		}
		b.step(t, "read_"+lang+"_countries", func(p *tab) {
			p.open("/reports/" + spec.Edition + "/" + prefix + "countries.html")
			lists := eval[[][]string](p, `[...document.querySelectorAll("main ul.link-list")].map(ul => [...ul.querySelectorAll("a")].map(a => a.getAttribute("href") + "\t" + a.textContent.trim()))`)
			checked := 0
			for _, list := range lists {
				var shown []string
				var cs []geo.Country
				for _, item := range list {
					href, label, _ := strings.Cut(item, "\t")
					code := strings.TrimSuffix(href[strings.LastIndex(href, "/")+1:], ".html")
					c, ok := g.Country(code)
					if !strings.Contains(href, "countries/") || !ok {
						continue
					}
					if iso3.MatchString(label) {
						p.errorf("a country is listed by its code: %q", label)
					}
					shown = append(shown, code)
					cs = append(cs, c)
				}
				geo.SortByName(cs, lang)
				want := make([]string, len(cs))
				for i, c := range cs {
					want[i] = c.ISO3
				}
				if !slices.Equal(shown, want) {
					p.errorf("countries listed %v, want collation order %v", shown, want)
				}
				checked += len(shown)
			}
			if checked == 0 {
				p.fatalf("no country listed: %s", p.text("main"))
			}
		})
	}
}
