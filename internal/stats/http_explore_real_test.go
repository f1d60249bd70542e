package stats_test

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/xuri/excelize/v2"
)

// getIn fetches path in language lang.
func getIn(t *testing.T, srv *apptest.Server, lang, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", lang)
	res, err := apptest.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res, apptest.ReadBody(t, res)
}

// labels are a table's row labels without its total (the last row).
func labels(rows [][]string) []string {
	var out []string
	for _, r := range rows[1 : len(rows)-1] {
		out = append(out, r[0])
	}
	return out
}

// sortedByName reports whether names are in the order geo.SortByName
// gives in lang.
func sortedByName(names []string, lang string) bool {
	cs := make([]geo.Country, len(names))
	for i, n := range names {
		cs[i] = geo.Country{ISO3: strconv.Itoa(i), Names: map[string]string{lang: n}}
	}
	geo.SortByName(cs, lang)
	for i, c := range cs {
		if c.Names[lang] != names[i] {
			return false
		}
	}
	return true
}

var mapDataRe = regexp.MustCompile(`(?s)<script type="application/json" id="[^"]*map[^"]*">(.*?)</script>`)

// TestExplorerRealFile reads the explorer as a reader would with the real
// file and the World Bank's population: rows in name or value order, the
// map with each country's own figure, the category in the reader's
// language, smuggling's empty views explained, rates filled, metadata
// beside the figures, the embed page, two indicators side by side.
func TestExplorerRealFile(t *testing.T) {
	eachReal(t, func(t *testing.T, srv *apptest.Server) {

		t.Run("sorted by name in the reader's language", func(t *testing.T) {
			_, fr := getIn(t, srv, "fr", "/stats/explore?view=table&grouping=none")
			if !strings.Contains(fr, `lang="fr"`) {
				t.Fatal("the page is not in French")
			}
			for _, l := range []string{"en", "fr", "es", "ru", "zh", "ar"} {
				_, body := getIn(t, srv, l, "/stats/explore?view=table&grouping=none")
				names := labels(pageTable(t, body, "explorer-table"))
				if len(names) < 100 || !sortedByName(names, l) {
					t.Errorf("%s: %d rows, not in name order: %v", l, len(names), names[:min(8, len(names))])
				}
			}
		})

		t.Run("sorted by value", func(t *testing.T) {
			_, body := get(t, srv, "/stats/explore?view=table&grouping=none&sort=value")
			rows := pageTable(t, body, "explorer-table")
			last, prev, ended := len(rows[0])-1, -1.0, false
			for _, r := range rows[1 : len(rows)-1] {
				x, err := strconv.ParseFloat(strings.ReplaceAll(r[last], ",", ""), 64)
				switch {
				case err != nil:
					ended = true
				case ended:
					t.Fatalf("%s has a figure (%s) after rows without one", r[0], r[last])
				case prev >= 0 && x > prev:
					t.Fatalf("%s: %v after %v: not largest first", r[0], x, prev)
				default:
					prev = x
				}
			}
			if prev < 0 {
				t.Fatal("no figure in the last year")
			}
		})

		t.Run("map shows countries with their own figures", func(t *testing.T) {
			_, body := get(t, srv, "/stats/explore?view=map&grouping=m49-region")
			groups := pageTable(t, body, "explorer-table")
			countries := pageTable(t, body, "explorer-map-table")
			last := len(countries[0]) - 1
			own := map[string]string{}
			for _, r := range countries[1 : len(countries)-1] {
				own[r[0]] = r[last]
			}
			m := mapDataRe.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no map data on the page")
			}
			var values map[string]struct{ Class, Title string }
			if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &values); err != nil {
				t.Fatal(err)
			}
			totals := map[string]bool{}
			for _, r := range groups[1:] {
				totals[r[len(groups[0])-5]] = true // the last year's column, before the four coverage columns
			}
			checked := 0
			for _, v := range values {
				name, rest, _ := strings.Cut(v.Title, " (")
				_, shown, _ := strings.Cut(rest, "): ")
				if want, ok := own[name]; ok && want != "" && want != "<5" {
					if shown != want {
						t.Errorf("%s: map shows %q, its row %q", name, shown, want)
					}
					checked++
				}
			}
			if checked < 30 {
				t.Fatalf("only %d countries on the map carry their own figure", checked)
			}
		})

		t.Run("the stacked chart follows the grouping", func(t *testing.T) {
			for grouping, want := range map[string]int{"m49-region": 5, "m49-subregion": 17} {
				_, body := get(t, srv, "/stats/explore?view=stacked&dimension=exploitation&grouping="+grouping)
				rows := pageTable(t, body, "explorer-table")
				if len(rows)-2 < want-1 || len(rows)-2 > want {
					t.Errorf("%s: %d groups in the stacked table, want about %d", grouping, len(rows)-2, want)
				}
				m := chartRe.FindStringSubmatch(body)
				var spec struct {
					X []string `json:"x"`
				}
				if m == nil || json.Unmarshal([]byte(m[1]), &spec) != nil || strings.Join(spec.X, "|") != strings.Join(labels(rows), "|") {
					t.Errorf("%s: the chart's bars are not the table's groups", grouping)
				}
				// One matrix, one protection: no row or column with a
				// shown total holds exactly one withheld count.
				counts := func(r []string) []string {
					var out []string
					for j := 1; j < len(r)-1; j += 2 {
						out = append(out, r[j])
					}
					return out
				}
				lone := func(total string, parts []string) bool {
					n := 0
					for _, p := range parts {
						if p == "x" {
							n++
						}
					}
					return total != "x" && total != "" && n == 1
				}
				for _, r := range rows[1:] {
					if lone(r[len(r)-1], counts(r)) {
						t.Errorf("%s: %s has one withheld part beside its total: %v", grouping, r[0], r)
					}
				}
				last := rows[len(rows)-1]
				for j := range counts(last) {
					var col []string
					for _, r := range rows[1 : len(rows)-1] {
						col = append(col, counts(r)[j])
					}
					if lone(counts(last)[j], col) {
						t.Errorf("%s: column %d has one withheld group beside its total", grouping, j)
					}
				}
			}
		})

		t.Run("category in the reader's language", func(t *testing.T) {
			_, body := getIn(t, srv, "fr", "/stats/explore?dimension=exploitation&category=Forced+labour")
			if !regexp.MustCompile(`<option value="Forced labour" selected>Travail forcé</option>`).MatchString(body) {
				t.Fatal("the category select does not name Forced labour in French")
			}
		})

		t.Run("smuggling says why it is empty", func(t *testing.T) {
			for _, ind := range []string{"som_detected", "som_prosecuted", "som_convicted"} {
				_, body := get(t, srv, "/stats/explore?indicator="+ind)
				if !strings.Contains(body, `data-about="smuggling-empty"`) {
					t.Errorf("%s: no word of why the view is empty", ind)
				}
			}
			_, body := get(t, srv, "/stats/explore?indicator=detected_victims")
			if strings.Contains(body, `data-about="smuggling-empty"`) || strings.Contains(body, `data-about="empty"`) {
				t.Error("detected victims said to be empty")
			}
		})

		t.Run("rates from population", func(t *testing.T) {
			_, body := get(t, srv, "/stats/explore?view=table&grouping=none&measure=rate&from=2019&to=2020")
			rows := pageTable(t, body, "explorer-table")
			rates := 0
			for _, r := range rows[1:] {
				for _, c := range r[1:] {
					if strings.Contains(c, ".") {
						rates++
					}
				}
			}
			if rates < 100 || strings.Contains(body, `data-about="no-population"`) {
				t.Fatalf("%d rates per 100,000 shown", rates)
			}
		})

		t.Run("metadata and source beside the figures", func(t *testing.T) {
			_, body := get(t, srv, "/stats/explore?view=bar")
			about := regexp.MustCompile(`(?s)<dl class="facts explorer-about" id="explorer-about">(.*?)</dl>`).FindStringSubmatch(body)
			if about == nil || !strings.Contains(about[1], "GLOTIP") || !strings.Contains(about[1], `data-about="reporting"`) {
				t.Fatalf("no source or coverage beside the figures: %v", about)
			}
			_, x := get(t, srv, "/stats/explore.xlsx?view=bar")
			f, err := excelize.OpenReader(strings.NewReader(x))
			if err != nil {
				t.Fatal(err)
			}
			notes, _ := f.GetRows("about")
			found := false
			for _, n := range notes {
				found = found || len(n) > 0 && strings.Contains(n[0], "GLOTIP (")
			}
			if !found {
				t.Fatalf("the XLSX download does not name its sources: %v", notes)
			}
		})

		t.Run("embed page may be framed, the explorer may not", func(t *testing.T) {
			res, body := get(t, srv, "/stats/explore/embed?view=bar&grouping=none&sort=value")
			if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors *") {
				t.Fatalf("embed: %d %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
			}
			embedded := pageTable(t, body, "explorer-table")
			res, page := get(t, srv, "/stats/explore?view=bar&grouping=none&sort=value")
			if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Fatal("the explorer itself may be framed")
			}
			if !strings.Contains(page, `id="embed-snippet"`) || len(embedded) != len(pageTable(t, page, "explorer-table")) {
				t.Fatal("the embed snippet is missing or shows another table")
			}
		})

		t.Run("two indicators side by side", func(t *testing.T) {
			_, body := get(t, srv, "/stats/explore?view=bar&compare=convicted")
			first, second := pageTable(t, body, "explorer-table"), pageTable(t, body, "compare-table")
			_, alone := get(t, srv, "/stats/explore?view=bar&indicator=convicted")
			if len(first) < 3 || strings.Join(second[len(second)-1], "|") != strings.Join(pageTable(t, alone, "explorer-table")[len(second)-1], "|") {
				t.Fatal("the second indicator's table is not the one it has alone")
			}
		})
	}, true)
}
