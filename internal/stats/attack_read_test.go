package stats_test

import (
	"encoding/csv"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/stats"
)

// groupings maps each grouping the API lists to its members' groups.
type groupings map[string]map[string]string

func readGroupings(t *testing.T, srv *apptest.Server) groupings {
	t.Helper()
	var list struct {
		Groupings []struct {
			ID string `json:"id"`
		} `json:"groupings"`
	}
	getJSON(t, srv, "/api/v1/groupings", &list)
	out := groupings{}
	for _, g := range list.Groupings {
		var one struct {
			Members []struct {
				ISO3  string `json:"iso3"`
				Group string `json:"group"`
			} `json:"members"`
		}
		getJSON(t, srv, "/api/v1/groupings/"+url.PathEscape(g.ID), &one)
		out[g.ID] = map[string]string{}
		for _, m := range one.Members {
			out[g.ID][m.ISO3] = m.Group
		}
	}
	return out
}

// cellQuery is one cell of the published layout for every country.
type cellQuery struct{ Indicator, Dimension, Category, Sex, Age string }

func cellOfKey(k stats.Key) cellQuery {
	return cellQuery{k.Indicator, k.Dimension, k.Category, k.Sex, k.Age}
}

func (c cellQuery) values() url.Values {
	return url.Values{"indicator": {c.Indicator}, "dimension": {c.Dimension}, "category": {c.Category}, "sex": {c.Sex}, "age": {c.Age}}
}

// readAggregates asks GET /api/v1/stats/aggregate for every cell of the
// targets over every grouping: each group's sum covers its members' cells,
// the world's every country's.
func (a *attacker) readAggregates(t *testing.T, srv *apptest.Server, targets []target, gs groupings) {
	t.Helper()
	for _, tg := range targets {
		byCell := map[cellQuery][]stats.Key{}
		for _, k := range a.keysOf(tg) {
			byCell[cellOfKey(k)] = append(byCell[cellOfKey(k)], k)
		}
		for c, keys := range byCell {
			for id, members := range gs {
				v := c.values()
				v.Set("year", strconv.Itoa(tg.Year))
				v.Set("grouping", id)
				var res struct {
					Rows []struct {
						Code       string `json:"code"`
						Value      *int64 `json:"value"`
						Suppressed bool   `json:"suppressed"`
					} `json:"rows"`
				}
				getJSON(t, srv, "/api/v1/stats/aggregate?"+v.Encode(), &res)
				for _, r := range res.Rows {
					var covered []stats.Key
					for _, k := range keys {
						if r.Code == "world" || members[k.ISO3] == r.Code {
							covered = append(covered, k)
						}
					}
					why := ""
					if r.Suppressed {
						why = stats.SuppressedDisclosure
					}
					a.cellOf("aggregate "+v.Encode()+" "+r.Code, r.Value, why, covered)
				}
			}
		}
	}
}

// apiCell is a published cell in any answer of the API.
type apiCell struct {
	Value *int64 `json:"value"`
	Why   string `json:"suppressed"`
}

// readFlows asks GET /api/v1/stats/flows for every target year and
// grouping: each flow is one citizenship figure and must say what the
// observations say; the matrix, its totals and the classes are sums of
// the flows they cover.
func (a *attacker) readFlows(t *testing.T, srv *apptest.Server, targets []target, gs groupings) {
	t.Helper()
	for _, tg := range targets {
		var cit []stats.Key
		for _, k := range a.keysOf(tg) {
			if k.Dimension == stats.DimCitizenship && k.Sex == "total" && k.Age == "total" {
				cit = append(cit, k)
			}
		}
		if len(cit) == 0 {
			continue
		}
		for id, groupOf := range gs {
			v := url.Values{"indicator": {tg.Indicator}, "year": {strconv.Itoa(tg.Year)}, "grouping": {id}}
			var f struct {
				Flows []struct {
					OriginLabel string `json:"origin_label"`
					Destination string `json:"destination"`
					apiCell
				} `json:"flows"`
				Matrix []struct {
					Origin      string `json:"origin"`
					Destination string `json:"destination"`
					apiCell
				} `json:"matrix"`
				Origins []struct {
					Group string `json:"group"`
					apiCell
				} `json:"origin_totals"`
				Dests []struct {
					Group string `json:"group"`
					apiCell
				} `json:"destination_totals"`
				Total   apiCell `json:"total"`
				Classes []struct {
					Class string `json:"class"`
					apiCell
				} `json:"classes"`
				Shares []struct {
					Destination string `json:"destination"`
					Classes     []struct {
						Class string `json:"class"`
						apiCell
						Share *float64 `json:"share"`
					} `json:"classes"`
				} `json:"shares"`
			}
			getJSON(t, srv, "/api/v1/stats/flows?"+v.Encode(), &f)
			where := "flows " + v.Encode()
			for _, fl := range f.Flows {
				k := stats.Key{ISO3: fl.Destination, Indicator: tg.Indicator, Dimension: stats.DimCitizenship, Category: fl.OriginLabel,
					Sex: "total", Age: "total", Year: tg.Year}
				a.cellOf(where+" flow "+k.String(), fl.Value, fl.Why, []stats.Key{k})
			}
			place := func(k stats.Key) (origin, dest, class string) {
				o := a.obs[k].categoryISO3
				origin, dest = groupOf[o], groupOf[k.ISO3]
				switch {
				case o == k.ISO3:
					class = stats.FlowDomestic
				case o == "" || origin == "" || dest == "":
					class = stats.FlowUnclassified
				case origin == dest:
					class = stats.FlowIntraregional
				default:
					class = stats.FlowTransregional
				}
				return origin, dest, class
			}
			covering := func(match func(origin, dest, class string) bool) []stats.Key {
				var out []stats.Key
				for _, k := range cit {
					if match(place(k)) {
						out = append(out, k)
					}
				}
				return out
			}
			for _, m := range f.Matrix {
				a.cellOf(where+" matrix "+m.Origin+">"+m.Destination, m.Value, m.Why,
					covering(func(o, d, _ string) bool { return o == m.Origin && d == m.Destination }))
			}
			for _, g := range f.Origins {
				a.cellOf(where+" from "+g.Group, g.Value, g.Why, covering(func(o, _, _ string) bool { return o == g.Group }))
			}
			for _, g := range f.Dests {
				a.cellOf(where+" to "+g.Group, g.Value, g.Why, covering(func(_, d, _ string) bool { return d == g.Group }))
			}
			a.cellOf(where+" total", f.Total.Value, f.Total.Why, cit)
			for _, c := range f.Classes {
				a.cellOf(where+" class "+c.Class, c.Value, c.Why, covering(func(_, _, cl string) bool { return cl == c.Class }))
			}
			for _, s := range f.Shares {
				for _, c := range s.Classes {
					a.cellOf(where+" share "+s.Destination+" "+c.Class, c.Value, c.Why,
						covering(func(_, d, cl string) bool { return d == s.Destination && cl == c.Class }))
					if c.Share != nil && c.Value == nil {
						a.invalid = append(a.invalid, where+" share "+s.Destination+" "+c.Class+": a share without its count")
					}
				}
			}
		}
	}
}

// readCSV reads a download of the explorer.
func readCSV(t *testing.T, srv *apptest.Server, path string) [][]string {
	t.Helper()
	res, body := get(t, srv, path)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return rows
}

// explorerCount reads a downloaded cell as a count, if it is one.
func explorerCount(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// countriesOf lists the countries with a figure in keys, sorted.
func countriesOf(keys []stats.Key) []string {
	set := map[string]bool{}
	for _, k := range keys {
		set[k.ISO3] = true
	}
	var out []string
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
