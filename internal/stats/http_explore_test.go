package stats_test

import (
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
)

// plain drops the thousands separators the page adds to numbers.
func plain(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
		for j := 1; j < len(r) && i > 0; j++ {
			out[i][j] = strings.ReplaceAll(r[j], ",", "")
		}
	}
	return out
}

// TestExplorerDownloadsEqualTable: for every view, the CSV and the XLSX
// hold exactly the table the page shows.
func TestExplorerDownloadsEqualTable(t *testing.T) {
	eachWithData(t, func(t *testing.T, srv *apptest.Server) {
		for _, q := range []string{
			"",
			"view=table&grouping=m49-subregion&from=2015&to=2020",
			"view=line&country=NGA,THA,ALB&from=2010&to=2021",
			"view=bar&grouping=none&indicator=convicted",
			"view=line&country=NGA,FRA&measure=rate&from=2019&to=2020",
			"view=stacked&dimension=exploitation&country=NGA,THA&from=2018&to=2020",
			"view=stacked&dimension=total&grouping=m49-region&from=2019&to=2020",
			"view=stacked&dimension=citizenship&country=NGA&from=2019&to=2020",
			"view=map&grouping=un-regional-groups&sex=female&age=child",
			"view=flows&to=2020&grouping=m49-region",
			"view=flows&to=2019&grouping=m49-subregion&min=10",
		} {
			res, body := get(t, srv, "/stats/explore?"+q)
			if res.StatusCode != 200 {
				t.Fatalf("%s: status %d", q, res.StatusCode)
			}
			shown := plain(pageTable(t, body, "explorer-table"))
			res, csvBody := get(t, srv, "/stats/explore.csv?"+q)
			if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.HasPrefix(ct, "text/csv") {
				t.Fatalf("%s: csv %d %s", q, res.StatusCode, ct)
			}
			rows, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(shown, rows); diff != "" {
				t.Errorf("%s: CSV differs from the table shown (-page +csv):\n%s", q, diff)
			}
			res, xlsxBody := get(t, srv, "/stats/explore.xlsx?"+q)
			if res.StatusCode != 200 {
				t.Fatalf("%s: xlsx %d", q, res.StatusCode)
			}
			if diff := cmp.Diff(rows, xlsxRows(t, xlsxBody), cmp.Comparer(sameCell)); diff != "" {
				t.Errorf("%s: XLSX differs from the CSV (-csv +xlsx):\n%s", q, diff)
			}
		}
	}, "sample", "handmade")
}

// sameCell compares two cells as text, or as numbers when both are.
func sameCell(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 == nil && err2 == nil {
		return x == y
	}
	return a == b
}

// TestExplorerShowsNumberAndChart: the default view has the world's
// figure in its table and a chart drawn from the same figures.
func TestExplorerShowsNumberAndChart(t *testing.T) {
	eachWithData(t, func(t *testing.T, srv *apptest.Server) {
		_, body := get(t, srv, "/stats/explore?from=2011&to=2020")
		rows := pageTable(t, body, "explorer-table")
		last := rows[len(rows)-1]
		if last[0] != "World" || last[10] != "1,624" {
			t.Errorf("world row: %v, want 1,624 in 2020", last)
		}
		for _, want := range []string{`class="chart"`, `id="explorer-chart-data"`, `"name":"Africa","data":[`, `id="f-indicator"`,
			`id="f-view"`, `id="download-csv"`, `id="permalink"`, "js/chart."} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		// The permalink reproduces the view.
		link := regexp.MustCompile(`id="permalink" href="([^"]+)"`).FindStringSubmatch(body)
		if link == nil {
			t.Fatal("no permalink")
		}
		_, again := get(t, srv, html.UnescapeString(link[1]))
		if diff := cmp.Diff(rows, pageTable(t, again, "explorer-table")); diff != "" {
			t.Errorf("permalink shows another table (-first +permalink):\n%s", diff)
		}
	}, "sample")
}

// TestExplorerDisclosure: France's 3 victims (2020) are published as "<5",
// exactly like the source's own "<5": they add nothing to the total of the
// countries shown, which is Nigeria's 220 and gives nothing away.
func TestExplorerDisclosure(t *testing.T) {
	eachWithData(t, func(t *testing.T, srv *apptest.Server) {
		_, body := get(t, srv, "/stats/explore?view=table&country=FRA,NGA&from=2020&to=2020")
		got := pageTable(t, body, "explorer-table")
		want := [][]string{{"Country", "2020"}, {"France", "<5"}, {"Nigeria", "220"}, {"Total of the countries shown", "220"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("table (-want +got):\n%s", diff)
		}
		_, csvBody := get(t, srv, "/stats/explore.csv?view=table&country=FRA,NGA&from=2020&to=2020")
		if strings.Contains(csvBody, ",3\n") || strings.Contains(csvBody, "223") {
			t.Errorf("the CSV publishes a withheld figure:\n%s", csvBody)
		}
		// Source "<5" stays "<5": Brazil → France 2020.
		_, body = get(t, srv, "/stats/explore?view=flows&to=2020")
		if !strings.Contains(body, "&lt;5") {
			t.Error("the flows page lost the source's <5")
		}
	}, "handmade")
}

// TestExplorerBadParameters: each malformed parameter gets a 400 that
// names it, on the page, the downloads and the flows API.
func TestExplorerBadParameters(t *testing.T) {
	srv := withData(t, apptest.Start(t, db.SQLite), "handmade")
	cases := map[string]string{
		"indicator=nope": "indicator", "dimension=colour": "dimension", "sex=x": "sex", "age=old": "age",
		"from=1800": "from", "to=abc": "to", "from=2020&to=2010": "from", "from=1990&to=2100": "from", "view=pie": "view",
		"measure=per": "measure", "min=3": "min", "min=many": "min", "country=XXX": "country", "grouping=nope": "grouping",
	}
	for q, param := range cases {
		for _, path := range []string{"/stats/explore?", "/stats/explore.csv?", "/stats/explore.xlsx?"} {
			res, _ := get(t, srv, path+q)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("%s%s: status %d, want 400", path, q, res.StatusCode)
			}
		}
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/stats/explore?"+q, nil)
		req.Header.Set("Accept", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if body := apptest.ReadBody(t, res); !strings.Contains(body, `"field": "`+param+`"`) {
			t.Errorf("%s: problem does not name %s: %s", q, param, body)
		}
	}
	for q, param := range map[string]string{"year=abc": "year", "grouping=nope": "grouping", "min=4": "min", "indicator=x": "indicator",
		"sex=x": "sex"} {
		res, body := get(t, srv, "/api/v1/stats/flows?"+q)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"field": "`+param+`"`) {
			t.Errorf("flows API %s: %d %s", q, res.StatusCode, body)
		}
	}
}
