package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// sharedData is a file of ../shared/data (from the repository's root):
// the test skips, saying so, when it is absent, and fails in CI.
func sharedData(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "..", "..", "shared", "data"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the real data %s is missing in CI: %v", p, err)
		}
		t.Skipf("the real data is absent (%v): put UNODC's data_glotip.xlsx and the population CSV under ../shared/data to run this test", err)
	}
	return p
}

// loadPopulation loads ../shared/data/population/population.csv, World
// Bank's layout (Country Name, Country Code, Year, Value, with regional
// aggregates), converted to the importer's iso3,year,population.
func loadPopulation(t *testing.T, srv *apptest.Server) {
	t.Helper()
	f, err := os.Open(sharedData(t, "population", "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"iso3", "year", "population"})
	for _, r := range recs[1:] {
		if len(r) >= 4 && srv.App.Rooms.Geo.Known(r[1]) && strings.TrimSpace(r[3]) != "" {
			w.Write([]string{r[1], r[2], r[3]})
		}
	}
	w.Flush()
	rows, err := geo.ParsePopulation(&b, srv.App.Rooms.Geo.Known, srv.App.Rooms.Stats.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.App.Rooms.Geo.ImportPopulation(t.Context(), auth.System("test"), rows, "World Bank WDI (test)"); err != nil {
		t.Fatal(err)
	}
}

// sheetRows reads a sheet's rows, each padded to the layout's columns.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i := range rows {
		for len(rows[i]) < len(stats.Columns) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// published is a row of the layout as a reader compares it: every column
// but Region and Subregion (tipsom's own regions).
func published(r []string) string {
	// The file writes counts from 1,000 with a thousands separator, as
	// text; the export writes the same count as digits.
	return strings.Join([]string{r[0], r[1], r[4], r[5], r[6], r[7], r[8], r[9], r[10], strings.ReplaceAll(r[11], ",", ""), r[12]}, "|")
}

// mojibake is text a wrong character set left: double-encoded UTF-8 or a
// lost character.
var mojibake = regexp.MustCompile("Ã[\u0080-\u00BF]|Â[\u00A0-\u00BF]|â€|\uFFFD")

// TestRealFile imports UNODC's published data_glotip.xlsx and checks
// issue 15 on it: the round trip, the citizenship categories mapped, the
// key findings comparing like with like, coverage beside totals, shares
// with parts below five never exact, and no mojibake in any page. On
// SQLite only: the import alone takes a minute or more on two cores.
func TestRealFile(t *testing.T) {
	path := sharedData(t, "glotip", "data_glotip.xlsx")
	srv := apptest.Start(t, db.SQLite)
	ctx := t.Context()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, srv.App.Rooms.Stats, "data_glotip.xlsx", data)
	loadPopulation(t, srv)

	t.Run("round trip", func(t *testing.T) { checkRoundTrip(t, srv, data) })
	t.Run("citizenship mapped", func(t *testing.T) { checkCitizenship(ctx, t, srv, data) })

	svc := srv.App.Rooms.Report
	ed, err := svc.Build(ctx, report.Spec{Edition: "real", Years: stats.Span{From: 2017, To: 2021}, Langs: []string{"en", "fr", "ar"}})
	if err != nil {
		t.Fatalf("build the edition of the real file: %v", err)
	}
	t.Run("no mojibake", func(t *testing.T) {
		for _, p := range ed.Paths() {
			text := ed.Files[p]
			switch {
			case strings.HasSuffix(p, ".csv"):
				// The category column is the query's key as stored: the
				// file's text, which the API is asked with.
				var b bytes.Buffer
				for _, r := range readRows(t, p, text) {
					r.cols["category"] = ""
					fmt.Fprintln(&b, r.cols)
				}
				text = b.Bytes()
			case !strings.HasSuffix(p, ".html"):
				continue
			}
			if m := mojibake.FindIndex(text); m != nil {
				lo, hi := max(0, m[0]-60), min(len(text), m[1]+60)
				t.Errorf("%s: mojibake %q", p, text[lo:hi])
			}
		}
	})
	t.Run("like with like", func(t *testing.T) { checkLikeWithLike(ctx, t, srv, ed) })
	t.Run("shares with parts below five", func(t *testing.T) { checkRanges(t, ed) })
}

// checkRoundTrip: the export gives back every accepted row of the file as
// published — its country names, its Source — and lists every row it
// leaves out, with why: the 102 rows with a blank code (Sark) among them.
func checkRoundTrip(t *testing.T, srv *apptest.Server, data []byte) {
	var out bytes.Buffer
	if _, err := srv.App.Rooms.Stats.Export(t.Context(), &out, stats.FormatXLSX, stats.ExportFilter{Explain: app.English}, srv.App.RegionNameEN); err != nil {
		t.Fatal(err)
	}
	orig, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	exp, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	left := map[int][]string{}
	for i, r := range sheetRows(t, exp, stats.LeftOutSheet) {
		if i == 0 {
			continue
		}
		n, _ := strconv.Atoi(r[1])
		left[n] = append(left[n], r[3])
	}
	exported := map[string]bool{}
	for _, r := range sheetRows(t, exp, "data_glotip_1")[3:] {
		exported[published(r)] = true
	}
	origRows := sheetRows(t, orig, orig.GetSheetList()[0])
	header := 0
	for i, r := range origRows {
		if r[0] == stats.Columns[0] {
			header = i
			break
		}
	}
	want := map[string]bool{}
	missing, blank := 0, 0
	for i, r := range origRows[header+1:] {
		line := header + 2 + i
		if strings.TrimSpace(r[0]) == "" {
			// A blank code (Sark): left out, and the note says so.
			blank++
			if !strings.Contains(strings.Join(left[line], " "), "code is blank") {
				t.Errorf("line %d, %s with a blank code, is not in the note of rows left out: %q", line, r[1], left[line])
			}
		}
		if _, out := left[line]; out {
			continue
		}
		k := published(r)
		want[k] = true
		if !exported[k] {
			if missing++; missing <= 10 {
				t.Errorf("line %d not given back as published: %q", line, k)
			}
		}
	}
	extra := 0
	for k := range exported {
		if !want[k] {
			if extra++; extra <= 10 {
				t.Errorf("exported row not in the file as published: %q", k)
			}
		}
	}
	if blank == 0 {
		t.Error("no row with a blank code in the file: is it the real one?")
	}
	t.Logf("%d distinct published rows, %d exported, %d rows left out (%d with a blank code); %d missing, %d extra",
		len(want), len(exported), len(left), blank, missing, extra)
}

// checkCitizenship: the flows of Europe in 2021 are not all unclassified;
// the unclassified victims of each region equal an independent count —
// the file's citizenship figures whose label the API lists as naming no
// country — and no label left unmapped is a country's name damaged.
func checkCitizenship(ctx context.Context, t *testing.T, srv *apptest.Server, data []byte) {
	namer := stats.Namer{Country: func(s string) string { return s }, Group: func(_ *geo.Grouping, g string) string { return g },
		T: func(k string, _ ...any) string { return k }}
	for _, year := range []int{2019, 2020, 2021} {
		f, err := srv.App.Rooms.Stats.Flows(ctx, stats.FlowQuery{Year: year, Grouping: "m49-regions"}, namer)
		if err != nil {
			t.Fatal(err)
		}
		unknown := map[string]bool{}
		for _, u := range f.Coverage.UnknownOrigins {
			unknown[u.Label] = true
			if mojibake.MatchString(u.Label) && !namesNoCountry[u.Label] {
				t.Errorf("%d: %q left unmapped", year, u.Label)
			}
		}
		regionOf := map[string]string{}
		g, err := srv.App.Rooms.Geo.Grouping(ctx, "m49-regions")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range g.Members {
			regionOf[m.ISO3] = m.Group
		}
		count := map[string]int64{}
		for _, r := range fileRows(t, data) {
			if r[5] != "by citizenship" || r[9] != strconv.Itoa(year) || !unknown[strings.TrimSpace(r[6])] ||
				r[4] != "Detected trafficking victims" || r[7] != "Total" || r[8] != "Total" {
				continue
			}
			if n, err := strconv.ParseInt(r[11], 10, 64); err == nil {
				count[regionOf[strings.ToUpper(r[0])]] += n
			}
		}
		// Unclassified also holds the victims of a country outside the
		// grouping's regions.
		for _, fl := range f.Flows {
			if fl.Origin != "" && fl.Class == stats.FlowUnclassified && fl.Value != nil {
				count[regionOf[fl.Destination]] += *fl.Value
			}
		}
		for _, s := range f.Shares {
			// The victims of no named country: foreigners whose country was
			// not stated, and the unclassified.
			var got int64
			for _, c := range s.Classes {
				if c.Class == stats.FlowUnclassified || c.Class == stats.FlowForeign {
					if c.Cell.Value != nil {
						got += *c.Cell.Value
					}
				}
				if year == 2021 && s.Destination == "150" && c.Class == stats.FlowUnclassified && c.Share != nil && *c.Share > 99.9 {
					t.Errorf("Europe 2021: %.1f%% unclassified", *c.Share)
				}
			}
			if got != count[s.Destination] {
				t.Errorf("%d %s: %d victims of no named country, the file's figures under the labels the API lists as unmapped count %d",
					year, s.Destination, got, count[s.Destination])
			}
		}
	}
}

// namesNoCountry are damaged labels of the file that name no one country.
var namesNoCountry = map[string]bool{"Personnes de nationalit\uFFFD \uFFFDtrang\uFFFDre": true, "(especifique el pa\uFFFDs)": true}

// fileRows are the data rows of the published file.
func fileRows(t *testing.T, data []byte) [][]string {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows := sheetRows(t, f, f.GetSheetList()[0])
	for i, r := range rows {
		if r[0] == stats.Columns[0] {
			return rows[i+1:]
		}
	}
	return nil
}

var sameCountries = regexp.MustCompile(`Over the same ([\d,]+) countries, which reported in both (\d{4}) and (\d{4}) \(([\d,]+) and ([\d,]+)\)`)

// checkLikeWithLike: each comparison of a group's key findings is the sum
// over the same countries in both years — the test finds that set itself
// from the countries' own figures — and every group total of the findings
// says its coverage.
func checkLikeWithLike(ctx context.Context, t *testing.T, srv *apptest.Server, ed *report.Edition) {
	page := string(ed.Files["overview.html"])
	ms := sameCountries.FindAllStringSubmatch(page, -1)
	if len(ms) == 0 {
		t.Fatalf("the world's key findings compare no two years over the same countries")
	}
	for _, m := range ms {
		base, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		var set []string
		var was, now int64
		for _, indicator := range []string{"detected_victims", "convicted"} {
			q := func(y int) map[string]stats.AggregateRow {
				rows, err := srv.App.Rooms.Stats.CountryAggregates(ctx, stats.Query{Indicator: indicator, Dimension: stats.DimTotal,
					Category: stats.CategoryTotal, Sex: "total", Age: "total", Year: y})
				if err != nil {
					t.Fatal(err)
				}
				return rows
			}
			a, b := q(base), q(year)
			set, was, now = nil, 0, 0
			for c, r := range a {
				if r.Value != nil && b[c].Value != nil {
					set = append(set, c)
					was += *r.Value
					now += *b[c].Value
				}
			}
			got := fmt.Sprintf("%s %s %s", m[1], m[4], m[5])
			want := fmt.Sprintf("%s %s %s", commas(int64(len(set))), commas(was), commas(now))
			if got == want {
				t.Logf("%d→%d over the same %d countries: %s", base, year, len(set), want)
				goto next
			}
		}
		t.Errorf("comparison %q: no indicator's countries with a count in both years give it", m[0])
	next:
	}
	if !strings.Contains(page, "countries reporting, with") || !strings.Contains(page, "% of the population") {
		t.Errorf("the world's total in the key findings does not say its coverage")
	}
}

// checkRanges: in every country's data file, each share is recomputed
// from the counts and the flags "<5" (one to four): exact only when both
// ends round alike, else a range — never an exact share that a part
// below five leaves uncertain. Cyprus's is a range.
func checkRanges(t *testing.T, ed *report.Edition) {
	ranged := 0
	for _, p := range ed.Paths() {
		if !strings.HasPrefix(p, "data/country-") || !strings.HasSuffix(p, ".csv") {
			continue
		}
		rows := readRows(t, p, ed.Files[p])
		type bound struct{ lo, hi float64 }
		parts := map[string]map[string]bound{}
		for _, r := range rows {
			g := r.get("share_group")
			if g == "" || r.get("source") != report.SourceAggregate {
				continue
			}
			if parts[g] == nil {
				parts[g] = map[string]bound{}
			}
			b := parts[g][r.get("share_part")]
			switch v, err := strconv.ParseFloat(r.get("value"), 64); {
			case err == nil:
				b.lo, b.hi = b.lo+v, b.hi+v
			case r.get("flag") == stats.SuppressedText:
				b.lo, b.hi = b.lo+1, b.hi+4
			}
			parts[g][r.get("share_part")] = b
		}
		for _, r := range rows {
			ps := parts[r.get("share_group")]
			if ps == nil || r.get("source") != report.SourceAggregate {
				continue
			}
			var sumLo, sumHi float64
			for _, b := range ps {
				sumLo, sumHi = sumLo+b.lo, sumHi+b.hi
			}
			b := ps[r.get("share_part")]
			if b.hi == 0 || sumLo == 0 {
				continue
			}
			lo, hi := 100*b.lo/(b.lo+sumHi-b.hi), 100*b.hi/(b.hi+sumLo-b.lo)
			l, h := strconv.FormatFloat(lo, 'f', 1, 64), strconv.FormatFloat(hi, 'f', 1, 64)
			exact := r.get("share_percent")
			if l != h && exact != "" {
				t.Errorf("%s line %d: share %s%% shown as exact, the parts below five leave %s–%s", p, r.line, exact, l, h)
			}
			if l != h && (r.get("share_min_percent") != l || r.get("share_max_percent") != h) {
				t.Errorf("%s line %d: range %s–%s, want %s–%s", p, r.line, r.get("share_min_percent"), r.get("share_max_percent"), l, h)
			}
			if r.get("share_min_percent") != "" {
				ranged++
			}
		}
	}
	found := false
	for _, r := range readRows(t, "data/country-CYP-sexage.csv", ed.Files["data/country-CYP-sexage.csv"]) {
		found = found || r.get("share_min_percent") != ""
	}
	if !found {
		t.Error("Cyprus's sex and age shares show no range")
	}
	// Europe 2021: Switzerland's 58 foreigners beside its "<5" nationals
	// are not 100% of Europe's victims.
	for _, r := range readRows(t, "data/region-150-flowkinds.csv", ed.Files["data/region-150-flowkinds.csv"]) {
		if r.get("series") == stats.FlowForeign && (r.get("share_percent") != "" || r.get("share_min_percent") == "") {
			t.Errorf("Europe 2021 foreigners: share %q, range %q–%q; want a range", r.get("share_percent"),
				r.get("share_min_percent"), r.get("share_max_percent"))
		}
	}
	t.Logf("%d shares of countries given as ranges", ranged)
}
