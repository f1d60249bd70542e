package stats_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/xuri/excelize/v2"
)

var ctx = context.Background()

// newService is the statistics service on d, with the countries seeded.
func newService(t *testing.T, d *db.DB) *stats.Service {
	t.Helper()
	g := geotest.Seeded(t, d)
	return stats.NewService(d, g)
}

// sample is UNODC's published sample file of type ext (csv, xlsx); the
// test is skipped without it.
func sample(t *testing.T, ext string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/glotip/sample." + ext)
	if err != nil {
		t.Skipf("sample data: %v", err)
	}
	return b
}

// analyst is who imports in these tests.
var analyst = &auth.Principal{UserID: 1, Email: "analyst@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}

// importFile imports a file in the published layout, writing what is valid.
func importFile(t *testing.T, s *stats.Service, name string, data []byte) {
	t.Helper()
	if _, err := s.Import(ctx, analyst, name, data, stats.ImportOptions{AcceptFindings: true}); err != nil {
		t.Fatal(err)
	}
}

// eachWithData runs fn on every engine with the app started and files
// ("sample", "handmade") imported.
func eachWithData(t *testing.T, fn func(t *testing.T, srv *apptest.Server), files ...string) {
	t.Helper()
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) { fn(t, withData(t, srv, files...)) })
}

// withData imports files ("sample", "handmade") into the running app.
func withData(t *testing.T, srv *apptest.Server, files ...string) *apptest.Server {
	t.Helper()
	for _, f := range files {
		data := []byte(handmade)
		if f == "sample" {
			data = sample(t, "csv")
		}
		importFile(t, srv.App.Rooms.Stats, f+".csv", data)
	}
	return srv
}

var (
	tableRe = regexp.MustCompile(`(?s)<table[^>]*id="([^"]+)"[^>]*>(.*?)</table>`)
	rowRe   = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRe  = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	hidden  = regexp.MustCompile(`(?s)<span class="visually-hidden">.*?</span>`)
	tags    = regexp.MustCompile(`<[^>]+>`)
)

// pageTable reads the table with id from a page as the reader sees it:
// the heading row, then each row's label and cells.
func pageTable(t *testing.T, body, id string) [][]string {
	t.Helper()
	for _, m := range tableRe.FindAllStringSubmatch(body, -1) {
		if m[1] != id {
			continue
		}
		var out [][]string
		for _, r := range rowRe.FindAllStringSubmatch(m[2], -1) {
			var row []string
			for _, c := range cellRe.FindAllStringSubmatch(r[1], -1) {
				row = append(row, strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(hidden.ReplaceAllString(c[1], ""), ""))))
			}
			out = append(out, row)
		}
		return out
	}
	t.Fatalf("no table #%s on the page", id)
	return nil
}

func get(t *testing.T, srv *apptest.Server, path string) (*http.Response, string) {
	t.Helper()
	res := srv.Get(t, apptest.Client(), path)
	return res, apptest.ReadBody(t, res)
}

// xlsxRows reads the sheet "data" of a workbook.
func xlsxRows(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("data")
	if err != nil {
		t.Fatal(err)
	}
	width := len(rows[0])
	for i := range rows { // GetRows drops trailing empty cells
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// countryProfile is the statistics section of a country profile as the
// API gives it (/api/v1/countries/{iso3}).
type countryProfile struct {
	Sections struct {
		Stats struct {
			Latest []struct {
				Indicator string `json:"indicator"`
				Year      int    `json:"year"`
				Value     *int64 `json:"value"`
				Why       string `json:"suppressed"`
			} `json:"latest"`
			Profile []struct {
				Group string   `json:"group"`
				Value *int64   `json:"value"`
				Why   string   `json:"suppressed"`
				Share *float64 `json:"share"`
			} `json:"sex_age_profile"`
		} `json:"stats"`
	} `json:"sections"`
}
