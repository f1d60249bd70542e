package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/web"
)

// TestArabicTablesUseOneDigitSystem renders the demo's treaty, case-law
// analysis and statistics pages in Arabic and checks that no table writes
// numbers in two digit systems (years, percentages and dates included).
func TestArabicTablesUseOneDigitSystem(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		if _, err := srv.App.LoadDemo(t.Context()); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		c := apptest.Client()
		for _, path := range []string{"/treaties", "/caselaw/analysis", "/stats/explore"} {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: "ar"})
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := apptest.ReadBody(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d\n%.500s", path, res.StatusCode, body)
			}
			if !apptest.HasArabicDigits(body) {
				t.Errorf("%s: no Arabic-Indic digits at all", path)
			}
			if !strings.Contains(body, "<table") {
				t.Errorf("%s: no table to check", path)
			}
			for _, m := range apptest.MixedDigitTables(body) {
				t.Errorf("%s: a table mixes digit systems: %s", path, m)
			}
		}
	}, func(c *app.Config) { c.Demo = true })
}
