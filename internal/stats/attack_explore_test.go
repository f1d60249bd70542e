package stats_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// readExplorer downloads the explorer's tables for the targets, as CSV and
// as XLSX: every cell by country with the countries' total (and, for a
// dimension, all its categories at once), the same as rates, and each
// country's breakdowns by sex and age and by origin.
func (a *attacker) readExplorer(t *testing.T, srv *apptest.Server, targets []target) {
	t.Helper()
	years := map[string][]int{}
	for _, tg := range targets {
		years[tg.Indicator] = append(years[tg.Indicator], tg.Year)
	}
	for ind, ys := range years {
		var keys []stats.Key
		for _, y := range ys {
			keys = append(keys, a.keysOf(target{ind, y})...)
		}
		countries := inNameOrder(srv, countriesOf(keys)) // the explorer's rows are in name order
		span := "&from=" + strconv.Itoa(slices.Min(ys)) + "&to=" + strconv.Itoa(slices.Max(ys)) + "&country=" + strings.Join(countries, ",")
		cells := map[cellQuery]bool{}
		for _, k := range keys {
			cells[cellOfKey(k)] = true
			if k.Dimension != stats.DimTotal {
				cells[cellQuery{k.Indicator, k.Dimension, "", k.Sex, k.Age}] = true
			}
		}
		for c := range cells {
			match := func(k stats.Key) bool {
				return k.Dimension == c.Dimension && (c.Category == "" || k.Category == c.Category) && k.Sex == c.Sex && k.Age == c.Age
			}
			query := "view=table&" + c.values().Encode() + span
			counts := readCSV(t, srv, "/stats/explore.csv?"+query)
			a.explorerTable("explorer "+query, counts, countries, keys, match)
			_, body := get(t, srv, "/stats/explore.xlsx?"+query)
			a.explorerTable("explorer xlsx "+query, xlsxRows(t, body), countries, keys, match)
			if c.Dimension == stats.DimTotal {
				a.ratesFollowCounts(t, "explorer rates "+query, counts, readCSV(t, srv, "/stats/explore.csv?measure=rate&"+query))
				a.chartCounts(t, srv, "/stats/explore?"+strings.Replace(query, "view=table", "view=bar", 1))
			}
		}
		for _, iso3 := range countries {
			a.breakdowns(t, srv, ind, iso3, span[:strings.Index(span, "&country=")], keys)
		}
		for _, y := range ys {
			a.chartCounts(t, srv, "/stats/explore?view=flows&indicator="+ind+"&to="+strconv.Itoa(y))
		}
	}
}

// chartRe finds the data a page's chart is drawn from.
var chartRe = regexp.MustCompile(`(?s)<script type="application/json" id="explorer-chart-data">(.*?)</script>`)

// chartCounts reads the counts a chart of the explorer draws: its bars and
// lines, or its flows between groups.
func (a *attacker) chartCounts(t *testing.T, srv *apptest.Server, path string) {
	t.Helper()
	res, body := get(t, srv, path)
	m := chartRe.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil {
		t.Fatalf("GET %s: %d, chart data found: %v", path, res.StatusCode, m != nil)
	}
	var spec struct {
		Series []struct {
			Data []*float64 `json:"data"`
		} `json:"series"`
		Links []struct {
			Value float64 `json:"value"`
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(m[1]), &spec); err != nil {
		t.Fatalf("GET %s: chart data: %v", path, err)
	}
	for _, s := range spec.Series {
		for _, v := range s.Data {
			if v != nil {
				a.count("chart "+path, int64(*v))
			}
		}
	}
	for _, l := range spec.Links {
		a.count("chart "+path, int64(l.Value))
	}
}

// explorerTable reads a table of countries by years: row i is countries[i],
// the last row their total.
func (a *attacker) explorerTable(what string, rows [][]string, countries []string, keys []stats.Key, match func(stats.Key) bool) {
	for i, r := range rows[1:] {
		for j, col := range rows[0][1:] {
			y, err := strconv.Atoi(col)
			if err != nil {
				continue
			}
			var covered []stats.Key
			for _, k := range keys {
				if k.Year == y && match(k) && (i >= len(countries) || k.ISO3 == countries[i]) {
					covered = append(covered, k)
				}
			}
			a.tableCell(what+" row "+strconv.Itoa(i)+" "+col, r[j+1], covered)
		}
	}
}

// tableCell records one downloaded cell: a count over keys, "x", or a flag.
func (a *attacker) tableCell(what, text string, keys []stats.Key) {
	if n, ok := explorerCount(text); ok {
		a.derivedSum(what, n, keys)
	} else if text == stats.WithheldText {
		a.withheldSum(what, keys)
	}
}

// ratesFollowCounts checks a rate is shown only where its count is: a rate
// times the population gives its count back.
func (a *attacker) ratesFollowCounts(t *testing.T, what string, counts, rates [][]string) {
	t.Helper()
	if len(counts) != len(rates) {
		t.Fatalf("%s: %d rows of rates, %d of counts", what, len(rates), len(counts))
	}
	for i := 1; i < len(rates); i++ {
		for j := 1; j < len(rates[i]); j++ {
			if _, err := strconv.ParseFloat(rates[i][j], 64); err == nil {
				if _, ok := explorerCount(counts[i][j]); !ok {
					a.invalid = append(a.invalid, what+": a rate beside a count not published ("+counts[i][j]+")")
				}
			}
		}
	}
}

// breakdowns downloads one country's stacked breakdowns: women, men, girls
// and boys, and victims by origin, each year's count with its share.
func (a *attacker) breakdowns(t *testing.T, srv *apptest.Server, ind, iso3, span string, keys []stats.Key) {
	t.Helper()
	sexAge := [][2]string{{"female", "adult"}, {"male", "adult"}, {"female", "child"}, {"male", "child"}}
	total := func(part int) func(stats.Key) bool {
		return func(k stats.Key) bool {
			in := func(i int) bool { return k.Sex == sexAge[i][0] && k.Age == sexAge[i][1] }
			return k.Dimension == stats.DimTotal && (part < 4 && in(part) || part == 4 && (in(0) || in(1) || in(2) || in(3)))
		}
	}
	origin := func(part int) func(stats.Key) bool {
		return func(k stats.Key) bool {
			if k.Dimension != stats.DimCitizenship || k.Sex != "total" || k.Age != "total" {
				return false
			}
			o := a.obs[k].categoryISO3
			return part == 3 || part == 0 && o == k.ISO3 || part == 1 && o != "" && o != k.ISO3 || part == 2 && o == ""
		}
	}
	for dim, parts := range map[string]func(int) func(stats.Key) bool{stats.DimTotal: total, stats.DimCitizenship: origin} {
		query := "view=stacked&indicator=" + ind + "&dimension=" + dim + "&country=" + iso3 + span
		rows := readCSV(t, srv, "/stats/explore.csv?"+query)
		for i, r := range rows[1:] {
			for j, col := range rows[0][1:] {
				y, err := strconv.Atoi(col)
				if err != nil {
					continue // a share: it must not stand without its count
				}
				if j+2 < len(r) {
					if _, err := strconv.ParseFloat(r[j+2], 64); err == nil {
						if _, ok := explorerCount(r[j+1]); !ok {
							a.invalid = append(a.invalid, query+": a share without its count")
						}
					}
				}
				var covered []stats.Key
				for _, k := range keys {
					if k.ISO3 == iso3 && k.Year == y && parts(i)(k) {
						covered = append(covered, k)
					}
				}
				a.tableCell("explorer "+query+" row "+strconv.Itoa(i)+" "+col, r[j+1], covered)
			}
		}
	}
}

// inNameOrder orders countries as the explorer orders its rows: by their
// English names (the tests' language), geo.SortByName.
func inNameOrder(srv *apptest.Server, iso3s []string) []string {
	cs := make([]geo.Country, 0, len(iso3s))
	for _, c := range iso3s {
		if country, ok := srv.App.Rooms.Geo.Country(c); ok {
			cs = append(cs, country)
		}
	}
	geo.SortByName(cs, "en")
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ISO3
	}
	return out
}
