package stats_test

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestAttackerRecoversNoWithheldCell publishes national figures with small
// counts through the collection workflow beside UNODC's sample, then plays
// an attacker who has only public answers: every page of the observations
// API, the aggregate API for every cell and grouping, the flows API, the
// explorer's CSV and XLSX downloads (counts, rates, breakdowns) and the
// country profiles. (1) No public answer carries a count from 1 to 4.
// (2) Every derived count is the sum of the published counts it covers, so
// it tells nothing of a withheld one, and no derived cell is withheld that
// adding published counts gives back. (3) Tightening bounds over every
// additive line — a total and its parts, a group and its countries, the
// world and its groups, a flow matrix and its flows — with an oracle that
// keeps only true deductions, the attacker pins down no withheld count.
// On both engines.
func TestAttackerRecoversNoWithheldCell(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		importFile(t, srv.App.Rooms.Stats, "sample.xlsx", sample(t, "xlsx"))
		written := publishNational(t, srv, 1)
		a := newAttacker(storedCounts(t, srv))
		a.readObservations(t, srv)
		targets := a.targets()
		if len(targets) == 0 || written == 0 {
			t.Fatalf("%d national figures written, %d indicator-years with small counts: nothing to attack", written, len(targets))
		}
		a.structure()
		gs := readGroupings(t, srv)
		a.readAggregates(t, srv, targets, gs)
		a.readFlows(t, srv, targets, gs)
		a.readExplorer(t, srv, targets)
		a.readProfiles(t, srv)
		a.solve()

		for _, s := range a.small {
			t.Errorf("a public answer carries a count below five: %s", s)
		}
		for _, s := range a.invalid {
			t.Errorf("a derived count tells more than the published counts: %s", s)
		}
		for _, s := range a.recovered() {
			t.Errorf("the attacker recovers a withheld count: %s", s)
		}
		for _, s := range a.redone {
			t.Errorf("a withheld cell is the sum of published counts: %s", s)
		}
		f := a.figures()
		t.Logf("%s: %d stored counts (%d from 1 to 4); observations published: %d, of which %d counts, %d \"<5\" at source, "+
			"%d stored counts shown as \"<5\", %d withheld (x; %d of them UNODC's); derived counts read: %d, derived cells withheld: %d; "+
			"%d of them recomputed by adding published counts; lines: %d (%d refuted); small counts in public answers: %d; "+
			"withheld counts recovered: %d",
			srv.App.DB.Dialect, len(a.truth), f.smallStored, len(a.obs), f.counts, f.source, f.masked, f.withheld, f.withheldSample, a.derived, a.hidden,
			len(a.redone), len(a.eqns), f.refuted, len(a.small), len(a.recovered()))
	})
}

// storedCounts reads every published count as stored: the truth the
// oracle checks deductions against.
func storedCounts(t *testing.T, srv *apptest.Server) map[stats.Key]int64 {
	t.Helper()
	rows, err := srv.App.DB.SQL().Query(`SELECT iso3, indicator, dimension, category, sex, age, year, value FROM stat_observations
		WHERE status = 'published' AND value_kind = 'count'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[stats.Key]int64{}
	for rows.Next() {
		var k stats.Key
		var n int64
		if err := rows.Scan(&k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// getJSON decodes a public answer, failing on anything but 200.
func getJSON(t *testing.T, srv *apptest.Server, path string, v any) {
	t.Helper()
	res, body := get(t, srv, path)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// readObservations reads every page of the observations API.
func (a *attacker) readObservations(t *testing.T, srv *apptest.Server) {
	t.Helper()
	for path := "/api/v1/stats/observations?limit=1000"; path != ""; {
		var page struct {
			Observations []stats.Observation `json:"observations"`
			Next         string              `json:"next"`
		}
		getJSON(t, srv, path, &page)
		for _, o := range page.Observations {
			a.see(o.Key, seen{kind: o.Value.Kind, n: o.Value.N, categoryISO3: o.CategoryISO3,
				national: strings.Contains(o.Source, "national submission")})
			if o.Value.Kind == stats.KindCount {
				a.count("observation "+o.Key.String(), o.Value.N)
			}
		}
		path = page.Next
	}
}

// target is an indicator and year that holds a stored count from 1 to 4.
type target struct {
	Indicator string
	Year      int
}

func (a *attacker) targets() []target {
	set := map[target]bool{}
	for k, v := range a.truth {
		if v > 0 && v < stats.MinPublished {
			set[target{k.Indicator, k.Year}] = true
		}
	}
	var out []target
	for tg := range set {
		out = append(out, tg)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Indicator < out[j].Indicator || out[i].Indicator == out[j].Indicator && out[i].Year < out[j].Year
	})
	return out
}

// keysOf lists the published observations of an indicator and year.
func (a *attacker) keysOf(tg target) []stats.Key {
	var out []stats.Key
	for k := range a.obs {
		if k.Indicator == tg.Indicator && k.Year == tg.Year {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// structure adds every "total = sum of parts" an attacker can form within
// one country's figures of an indicator and year: by sex, by age, and each
// dimension's categories against the Total (for the forms of exploitation
// also the three published forms alone, and the finer forms against
// "Other forms"). Whether each holds in the data is the oracle's business.
func (a *attacker) structure() {
	type group struct {
		iso3, indicator string
		year            int
	}
	groups := map[group][]stats.Key{}
	for k := range a.obs {
		g := group{k.ISO3, k.Indicator, k.Year}
		groups[g] = append(groups[g], k)
	}
	for _, keys := range groups {
		for _, k := range keys {
			var bySex, byAge []stats.Key
			byDim := map[string][]stats.Key{}
			for _, p := range keys {
				switch {
				case p.Dimension == k.Dimension && p.Category == k.Category && p.Age == k.Age && p.Sex != k.Sex && k.Sex == "total":
					bySex = append(bySex, p)
				case p.Dimension == k.Dimension && p.Category == k.Category && p.Sex == k.Sex && p.Age != k.Age && k.Age == "total":
					byAge = append(byAge, p)
				case k.Dimension == stats.DimTotal && p.Dimension != stats.DimTotal && p.Sex == k.Sex && p.Age == k.Age:
					byDim[p.Dimension] = append(byDim[p.Dimension], p)
				}
			}
			a.relation("by sex: "+k.String(), k, bySex)
			a.relation("by age: "+k.String(), k, byAge)
			for dim, parts := range byDim {
				a.relation("by "+dim+": "+k.String(), k, parts)
				if dim != stats.DimExploitation {
					continue
				}
				var top, finer []stats.Key
				for _, p := range parts {
					if indexOfString(stats.Categories[dim][:3], p.Category) >= 0 {
						top = append(top, p)
					} else {
						finer = append(finer, p)
					}
				}
				a.relation("by published form: "+k.String(), k, top)
				other := k
				other.Dimension, other.Category = dim, stats.Categories[dim][2]
				a.relation("by finer form: "+other.String(), other, finer)
			}
		}
	}
}

func indexOfString(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// readProfiles reads the statistics section of every country profile: its
// latest figures and its sex and age profile, each one country's figure.
func (a *attacker) readProfiles(t *testing.T, srv *apptest.Server) {
	t.Helper()
	countries := map[string]bool{}
	for k := range a.obs {
		countries[k.ISO3] = true
	}
	for iso3 := range countries {
		var p countryProfile
		getJSON(t, srv, "/api/v1/countries/"+url.PathEscape(iso3), &p)
		st := p.Sections.Stats
		victimsYear := 0
		for _, l := range st.Latest {
			k := stats.Key{ISO3: iso3, Indicator: l.Indicator, Dimension: stats.DimTotal, Category: stats.CategoryTotal, Sex: "total",
				Age: "total", Year: l.Year}
			a.cellOf("profile "+k.String(), l.Value, l.Why, []stats.Key{k})
			if l.Indicator == "detected_victims" {
				victimsYear = l.Year
			}
		}
		sexAge := map[string][2]string{"women": {"female", "adult"}, "men": {"male", "adult"}, "girls": {"female", "child"},
			"boys": {"male", "child"}}
		for _, g := range st.Profile {
			sa := sexAge[g.Group]
			k := stats.Key{ISO3: iso3, Indicator: "detected_victims", Dimension: stats.DimTotal, Category: stats.CategoryTotal,
				Sex: sa[0], Age: sa[1], Year: victimsYear}
			a.cellOf("profile "+iso3+" "+g.Group+" "+strconv.Itoa(victimsYear), g.Value, g.Why, []stats.Key{k})
			if g.Share != nil && g.Value == nil {
				a.invalid = append(a.invalid, "profile "+iso3+" "+g.Group+": a share without its count")
			}
		}
	}
}

// cellOf records a derived cell of the API: a count over keys, or why it
// has none.
func (a *attacker) cellOf(what string, v *int64, why string, keys []stats.Key) {
	switch {
	case v != nil:
		a.derivedSum(what, *v, keys)
	case why == stats.SuppressedDisclosure:
		a.withheldSum(what, keys)
	}
}
