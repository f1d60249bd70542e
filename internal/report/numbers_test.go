package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestNumbersEqualAPI builds an edition from the published sample and
// walks every data file of every language: each count must be the one
// GET /api/v1/stats/aggregate (or /api/v1/stats/flows) answers for the
// same query; each flag must be what the answer implies; each share must
// follow from the counts it is a share of. On both engines.
func TestNumbersEqualAPI(t *testing.T) {
	eachWithSample(t, func(t *testing.T, srv *apptest.Server, svc *report.Service) {
		ed, err := svc.Build(t.Context(), report.Spec{Edition: "check", Years: stats.Span{From: 2003, To: 2021}, Langs: []string{"en", "fr"}})
		if err != nil {
			t.Fatal(err)
		}
		api := &apiCache{t: t, srv: srv, seen: map[string]map[string]any{}}
		checked := map[string]int{}
		files := 0
		for _, path := range ed.Paths() {
			if !strings.Contains(path, "data/") || !strings.HasSuffix(path, ".csv") {
				continue
			}
			files++
			rows := readRows(t, path, ed.Files[path])
			for _, r := range rows {
				if msg := api.check(r); msg != "" {
					t.Errorf("%s line %d: %s", path, r.line, msg)
				}
				checked[r.get("source")]++
			}
			for _, msg := range checkShares(rows, api) {
				t.Errorf("%s: %s", path, msg)
			}
		}
		if files < 40 || checked[report.SourceAggregate] < 1000 || checked[report.SourceFlows] == 0 {
			t.Fatalf("checked only %d files, %v rows: the edition lacks data", files, checked)
		}
		t.Logf("%d data files, rows checked by source: %v; API queries: %d", files, checked, len(api.seen))
	})
}

// row is one line of a data file, by column name.
type row struct {
	line int
	cols map[string]string
}

func (r row) get(c string) string { return r.cols[c] }

func readRows(t *testing.T, path string, data []byte) []row {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.Join(recs[0], ",") != strings.Join(report.DataColumns, ",") {
		t.Fatalf("%s: header %v", path, recs[0])
	}
	out := make([]row, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		r := row{line: i + 2, cols: map[string]string{}}
		for j, c := range recs[0] {
			r.cols[c] = rec[j]
		}
		out = append(out, r)
	}
	return out
}

// apiCache asks the app's API once per query.
type apiCache struct {
	t    *testing.T
	srv  *apptest.Server
	seen map[string]map[string]any
}

func (a *apiCache) get(path string) map[string]any {
	if v, ok := a.seen[path]; ok {
		return v
	}
	res := a.srv.Get(a.t, apptest.Client(), path)
	body := apptest.ReadBody(a.t, res)
	if res.StatusCode != 200 {
		a.t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		a.t.Fatalf("GET %s: %v", path, err)
	}
	a.seen[path] = v
	return v
}

// check compares one row with the API; "" when they agree.
func (a *apiCache) check(r row) string {
	switch r.get("source") {
	case report.SourceAggregate:
		return a.checkAggregate(r)
	case report.SourceFlows:
		return a.checkFlows(r)
	case report.SourceCoverage:
		return ""
	}
	return "unknown source " + r.get("source")
}

// row is the API's answer to a row's aggregate query: the row of its
// place; nil when there is none.
func (a *apiCache) row(r row) map[string]any {
	q := url.Values{}
	for _, c := range []string{"indicator", "dimension", "category", "sex", "age", "year", "grouping"} {
		q.Set(c, r.get(c))
	}
	code := r.get("place")
	if r.get("place_kind") == report.KindCountry {
		q.Set("country", code)
		code = "world"
	}
	for _, x := range a.get("/api/v1/stats/aggregate?" + q.Encode())["rows"].([]any) {
		if m := x.(map[string]any); m["code"] == code {
			return m
		}
	}
	return nil
}

func (a *apiCache) checkAggregate(r row) string {
	path := "aggregate " + r.get("indicator") + " " + r.get("year") + " " + r.get("place")
	got := a.row(r)
	if got == nil {
		return fmt.Sprintf("%s has no row %s", path, r.get("place"))
	}
	switch s := r.get("series"); s {
	case "countries_reporting", "suppressed_cells", "countries_missing":
		return compare(r.get("value"), got[s], path+" "+s)
	case "countries_with_figure":
		n := got["countries_reporting"].(float64) + got["suppressed_cells"].(float64) + got["withheld_cells"].(float64)
		return compare(r.get("value"), n, path+" "+s)
	case "population_covered":
		return "" // populations: TestRealEdition checks them
	case "value":
		return checkValue(r, got, path)
	}
	return "unknown series " + r.get("series")
}

// checkValue: a printed count is the API's; a flag is what the API's row
// implies ("x" may also be the edition's own, stricter, withholding).
func checkValue(r row, got map[string]any, path string) string {
	value, flag := r.get("value"), r.get("flag")
	reporting, cells := got["countries_reporting"].(float64), got["suppressed_cells"].(float64)
	switch {
	case value != "":
		return compare(value, got["value"], path)
	case flag == stats.WithheldText:
		return ""
	case got["value"] != nil:
		return fmt.Sprintf("%s: the API publishes %v, the edition shows %q", path, got["value"], flag)
	case flag == stats.SuppressedText && reporting == 0 && cells == 1, flag == stats.SuppressedNText && reporting == 0 && cells > 1:
		return ""
	case flag == "" && reporting == 0 && cells == 0 && got["suppressed"] == false:
		return ""
	}
	return fmt.Sprintf("%s: flag %q, API row %v", path, flag, got)
}

func compare(csvValue string, apiValue any, what string) string {
	n, err := strconv.ParseFloat(csvValue, 64)
	if err != nil || apiValue == nil || n != apiValue.(float64) {
		return fmt.Sprintf("%s: edition %q, API %v", what, csvValue, apiValue)
	}
	return ""
}

// checkFlows compares a kind of flow of a group (or the world) with the
// flows API: its victims and its share.
func (a *apiCache) checkFlows(r row) string {
	path := "/api/v1/stats/flows?" + url.Values{"year": {r.get("year")}, "grouping": {r.get("grouping")}}.Encode()
	f := a.get(path)
	var value any
	var share *float64
	if r.get("place") == "world" {
		total := f["total"].(map[string]any)["value"]
		if r.get("series") == "total" {
			value = total
		}
		for _, c := range f["classes"].([]any) {
			if m := c.(map[string]any); m["class"] == r.get("series") {
				value = m["value"]
				if value != nil && total != nil && total.(float64) > 0 {
					s := 100 * value.(float64) / total.(float64)
					share = &s
				}
			}
		}
	} else {
		for _, x := range f["shares"].([]any) {
			m := x.(map[string]any)
			if m["destination"] != r.get("place") {
				continue
			}
			if r.get("series") == "total" {
				value = m["total"].(map[string]any)["value"]
			}
			for _, c := range m["classes"].([]any) {
				if cm := c.(map[string]any); cm["class"] == r.get("series") {
					value = cm["value"]
					if s, ok := cm["share"].(float64); ok {
						share = &s
					}
				}
			}
		}
	}
	if r.get("value") != "" {
		if msg := compare(r.get("value"), value, path+" "+r.get("place")+" "+r.get("series")); msg != "" {
			return msg
		}
	} else if value != nil {
		return fmt.Sprintf("%s: the API publishes %v for %s %s, the edition nothing", path, value, r.get("place"), r.get("series"))
	}
	if r.get("share_min_percent") != "" && r.get("share_percent") == "" {
		// A kind "<5" beside it: the edition gives the range the API's
		// share of the counted kinds alone leaves out (TestRealFile).
		return ""
	}
	if want := oneDecimal(share); want != r.get("share_percent") {
		return fmt.Sprintf("%s: share of %s %s is %q, the API's is %q", path, r.get("place"), r.get("series"), r.get("share_percent"), want)
	}
	return ""
}

func oneDecimal(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'f', 1, 64)
}

// checkShares recomputes every share from the counts of its group and
// the API's figures below five: the rows of one share_group, summed by
// share_part, each part between its count plus one and plus four for each
// figure below five it leaves out. A share is exact only when both ends
// round to the same; otherwise the row gives the range. A part without any
// figure has no share.
func checkShares(rows []row, api *apiCache) []string {
	type acc struct {
		lo, hi   float64
		partLo   map[string]float64
		partHi   map[string]float64
		reported map[string]bool
	}
	groups := map[string]*acc{}
	for _, r := range rows {
		g := r.get("share_group")
		if g == "" || r.get("source") != report.SourceAggregate {
			continue
		}
		if groups[g] == nil {
			groups[g] = &acc{partLo: map[string]float64{}, partHi: map[string]float64{}, reported: map[string]bool{}}
		}
		v, _ := strconv.ParseFloat(r.get("value"), 64)
		cells := 0.0
		if got := api.row(r); got != nil {
			cells = got["suppressed_cells"].(float64)
		}
		a, part := groups[g], r.get("share_part")
		a.lo, a.hi = a.lo+v+cells, a.hi+v+4*cells
		a.partLo[part] += v + cells
		a.partHi[part] += v + 4*cells
		a.reported[part] = a.reported[part] || r.get("value") != "" || cells > 0
	}
	var out []string
	for _, r := range rows {
		g := groups[r.get("share_group")]
		if g == nil || r.get("source") != report.SourceAggregate {
			continue
		}
		want, wantMin, wantMax := "", "", ""
		if part := r.get("share_part"); g.reported[part] && g.lo > 0 {
			lo := 100 * g.partLo[part] / (g.partLo[part] + g.hi - g.partHi[part])
			hi := 100 * g.partHi[part] / (g.partHi[part] + g.lo - g.partLo[part])
			if oneDecimal(&lo) == oneDecimal(&hi) {
				want = oneDecimal(&lo)
			} else {
				wantMin, wantMax = oneDecimal(&lo), oneDecimal(&hi)
			}
		}
		if got := r.get("share_percent"); got != want {
			out = append(out, fmt.Sprintf("line %d: share %q, the counts give %q", r.line, got, want))
		}
		if gotMin, gotMax := r.get("share_min_percent"), r.get("share_max_percent"); gotMin != wantMin || gotMax != wantMax {
			out = append(out, fmt.Sprintf("line %d: share between %q and %q, the counts give %q–%q", r.line, gotMin, gotMax, wantMin, wantMax))
		}
	}
	return out
}
