package treaty_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/app/apptest"
)

// mapValues reads the world map's JSON from a page.
func mapValues(t *testing.T, body string) map[string]struct{ Class, Title, Href string } {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="map-values">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no map values on the page")
	}
	var v map[string]struct{ Class, Title, Href string }
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// tableRows returns the participants of the status table, in page order.
func tableRows(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr data-participant="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestStatusPage(t *testing.T) {
	eachWithTables(t, func(t *testing.T, srv *apptest.Server) {
		c := apptest.Client()
		body := apptest.ReadBody(t, srv.Get(t, c, "/treaties?as_of=2012-02-29"))
		for _, want := range []string{`<h1>Treaty status</h1>`, `<td class="parties">166</td>`, `<td class="parties">147</td>`,
			`<td class="parties">129</td>`, "181 participants as at 2012-02-29", `value="2012-02-29"`, "Natural Earth", "js/chart."} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		v := mapValues(t, body)
		for m49, class := range map[string]string{"352": "m2", "392": "m1", "408": "m0", "858": "m2"} {
			if v[m49].Class != class {
				t.Errorf("map %s: %+v, want %s", m49, v[m49], class)
			}
		}
		if v["352"].Title != "Iceland — Party" || v["392"].Title != "Japan — Signatory only" || v["392"].Href != "" {
			t.Errorf("map titles: %+v %+v", v["352"], v["392"])
		}
		// As at an earlier date Iceland had only signed.
		if v := mapValues(t, apptest.ReadBody(t, srv.Get(t, c, "/treaties?as_of=2009-01-01"))); v["352"].Class != "m1" {
			t.Errorf("Iceland in 2009: %+v", v["352"])
		}
	})
}

func TestStatusPageFilters(t *testing.T) {
	eachWithTables(t, func(t *testing.T, srv *apptest.Server) {
		c := apptest.Client()
		for query, want := range map[string][]string{
			"region=154&as_of=2012-02-29":                  {"DNK", "EST", "FIN", "ISL", "IRL", "LVA", "LTU", "NOR", "SWE", "GBR"},
			"kind=succession&as_of=2012-02-29":             {"MNE"},
			"status=signatory&as_of=2012-02-29":            {"AGO", "BRB", "BDI", "COG", "CIV", "CZE", "SWZ", "IRN", "JPN", "NRU", "KOR", "LCA", "SLE", "THA", "VNM"},
			"status=signatory&region=154&as_of=2003-01-01": {"DNK", "EST", "FIN", "ISL", "IRL", "NOR", "SWE", "GBR"},
			"status=party&kind=approval&as_of=2012-02-29":  {"European Union"},
		} {
			got := tableRows(apptest.ReadBody(t, srv.Get(t, c, "/treaties/untoc?"+query)))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: rows (-want +got):\n%s", query, diff)
			}
		}
		for path, code := range map[string]int{"/treaties/narnia": 404, "/treaties?as_of=yesterday": 400, "/treaties?region=1": 400,
			"/treaties?instrument=narnia": 400, "/treaties?status=ally": 400, "/treaties?kind=x": 400, "/treaties/uncac": 200} {
			if res := srv.Get(t, c, path); res.StatusCode != code {
				t.Errorf("%s: %d, want %d", path, res.StatusCode, code)
			}
		}
		if body := apptest.ReadBody(t, srv.Get(t, c, "/treaties/uncac")); !strings.Contains(body, `id="not-recorded"`) {
			t.Error("uncac page does not say its status is missing")
		}
	})
}

// TestPartiesOverTime checks the chart's data and the table beside it.
func TestPartiesOverTime(t *testing.T) {
	eachWithTables(t, partiesOverTime)
}

func partiesOverTime(t *testing.T, srv *apptest.Server) {
	body := apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/treaties/tip-protocol?as_of=2012-02-29"))
	if !strings.Contains(body, `<option value="tip-protocol" selected>`) {
		t.Error("tip-protocol page is not preselected")
	}
	chart := regexp.MustCompile(`(?s)<table class="data" id="chart-table">.*?</table>`).FindString(body)
	for _, want := range []string{`<th scope="col">Trafficking in Persons Protocol</th>`,
		`<tr><th scope="row">2012</th><td>173</td><td>154</td><td>135</td></tr>`,
		`<tr><th scope="row">2013</th><td>179</td><td>159</td><td>138</td></tr>`,
		`<tr><th scope="row">2000</th><td>0</td><td>0</td><td>0</td></tr>`} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart table lacks %s", want)
		}
	}
	if strings.Contains(chart, `<th scope="row">2014</th>`) {
		t.Error("the chart runs past the latest stored consent (2013)")
	}
	m := regexp.MustCompile(`<script type="application/json" id="treaty-chart-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, `data-chart="treaty-chart-data"`) {
		t.Fatal("chart data block missing")
	}
	var spec struct {
		Type   string
		X      []int
		Series []struct {
			Name string
			Data []int
		}
		YName string
	}
	if err := json.Unmarshal([]byte(m[1]), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Type != "line" || len(spec.X) != 14 || spec.X[0] != 2000 || len(spec.Series) != 3 || spec.YName != "Parties" ||
		spec.Series[0].Name != "Organized Crime Convention" || spec.Series[2].Data[12] != 135 {
		t.Errorf("chart spec: %+v", spec)
	}
}
