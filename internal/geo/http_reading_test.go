package geo_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

// TestArabicPagesOneDigitSystem renders the room's pages in Arabic and
// checks that every table writes its numbers in one system, CLDR's for
// Arabic (٠١٢…٩): counts, years, codes, the numbers in messages; and that
// an analyst's own text, quoted in <bdi>, keeps its digits and direction.
func TestArabicPagesOneDigitSystem(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	c := srv.SignIn(t, srv.CreateUser(t, "analyst@example.org", auth.RoleAnalyst))
	res := srv.PostFile(t, c, "/groupings", url.Values{"name": {"GLOTIP regions"}, "edition": {"2024"},
		"csv": {"iso3,group\nKEN,Sub-Saharan Africa\nISL,Europe\n"}}, "", nil)
	res.Body.Close()
	res = srv.PostFile(t, c, "/countries/population", url.Values{"source": {"test"}}, "upload.csv", []byte("iso3,year,population\nISL,2023,387758\nKEN,2023,55100586\n"))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("population import: %d", res.StatusCode)
	}
	get := func(path string) string {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: "ar"})
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return apptest.ReadBody(t, res)
	}
	for path, want := range map[string][]string{
		"/countries":                     {"٢٤٩", "<td>٣٥٢</td>"},     // the count in the caption, Iceland's M49 code
		"/countries/population":          {"<td>٢٠٢٣</td><td>٢</td>"}, // a year is not grouped
		"/groupings":                     {"<td>٢</td></tr>", "<bdi>GLOTIP regions</bdi>", "<td><bdi>2024</bdi></td>"},
		"/groupings/glotip-regions-2024": {"<bdi>Sub-Saharan Africa</bdi>", "٢"},
		"/countries/ISL":                 {"<dt>٢٠٢٣</dt><dd>٣٨٧٬٧٥٨</dd>", "<dd>٣٥٢</dd>"},
	} {
		body := get(path)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if path == "/countries/ISL" {
			continue // the profile's tables are the other rooms' sections
		}
		for _, m := range apptest.MixedDigitTables(body) {
			t.Errorf("%s: a table mixes digit systems: %.300s", path, m)
		}
	}
}
