package stats_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// profile returns a one-year breakdown as "code: text share%".
func profile(t *testing.T, s *stats.Service, dim string, year int, countries ...string) []string {
	t.Helper()
	g, err := s.Profile(ctx, stats.ProfileQuery{Indicator: "detected_victims", Dimension: dim, Span: stats.Span{From: year, To: year},
		Countries: countries}, english)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, r := range g.Rows {
		line := r.Code + ": " + stats.CellOf(r.Sums[0]).Text()
		if sh, ok := g.Share(i, 0); ok {
			line += fmt.Sprintf(" %.1f%%", sh)
		}
		out = append(out, line)
	}
	return append(out, "total: "+stats.CellOf(g.Total.Sums[0]).Text())
}

// TestProfiles checks the breakdowns against the sample, added up by hand.
func TestProfiles(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "sample.csv", sample(t, "csv"))
		cases := []struct {
			name, dim string
			year      int
			countries []string
			want      []string
		}{
			// Nigeria 2020: Female × 18 or over 451, Male × 18 or over 65, Female × 0–17 417, Male × 0–17 154.
			{"sex and age, Nigeria", stats.DimTotal, 2020, []string{"NGA"},
				[]string{"women: 451 41.5%", "men: 65 6.0%", "girls: 417 38.4%", "boys: 154 14.2%", "total: 1087"}},
			// Albania 2020: men are "<5" at source and stay so; the shares are of the figures counted.
			{"sex and age, Albania", stats.DimTotal, 2020, []string{"ALB"},
				[]string{"women: 27 31.8%", "men: <5", "girls: 35 41.2%", "boys: 23 27.1%", "total: 85"}},
			{"sex and age, both", stats.DimTotal, 2020, []string{"NGA", "ALB"},
				[]string{"women: 478 40.8%", "men: 65 5.5%", "girls: 452 38.6%", "boys: 177 15.1%", "total: 1172"}},
			// Nigeria 2020 by form: Sexual 494, Forced labour 310, Other 26.
			{"forms of exploitation", stats.DimExploitation, 2020, []string{"NGA"},
				[]string{"Sexual exploitation: 494 59.5%", "Forced labour: 310 37.3%", "Other forms of exploitation: 26 3.1%", "total: 830"}},
			// Nigeria 2020 by citizenship: Nationals 1,068; Togo 5 with Ghana and Cameroon "<5"; "Benin Rep" 9 and
			// "Niger Rep" "<5", which the reviewed table maps to Benin and the Niger: no origin is unknown.
			{"domestic and abroad", stats.DimCitizenship, 2020, []string{"NGA"},
				[]string{"domestic: 1068 98.7%", "abroad: 14 1.3%", "unknown: ", "total: 1082"}},
		}
		for _, c := range cases {
			if diff := cmp.Diff(c.want, profile(t, s, c.dim, c.year, c.countries...)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}
	})
}

// TestTrend sums one cell over places year by year.
func TestTrend(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "sample.csv", sample(t, "csv"))
		places := []stats.Place{{Code: "NGA", Countries: []string{"NGA"}}, {Code: "THA", Countries: []string{"THA"}}}
		g, err := s.Trend(ctx, stats.TrendQuery{Indicator: "detected_victims", Span: stats.Span{From: 2019, To: 2021}, Places: places,
			Total: stats.Place{Code: "total", Countries: []string{"NGA", "THA"}}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range append(g.Rows, g.Total) {
			line := r.Code
			for _, sum := range r.Sums {
				line += " " + stats.CellOf(sum).Text()
			}
			got = append(got, line)
		}
		if diff := cmp.Diff([]string{"NGA 1152 1087 1470", "THA 1540 146 134", "total 2692 1233 1604"}, got); diff != "" {
			t.Errorf("trend (-want +got):\n%s", diff)
		}
	})
}

// TestRates: per 100,000 population where population is loaded; a country
// without population is left out of its group's rate, and so is a country
// without a published count.
func TestRates(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "sample.csv", sample(t, "csv"))
		importFile(t, s, "handmade.csv", []byte(handmade))
		if _, err := s.Geo.ImportPopulation(ctx, analyst, []geo.Population{{ISO3: "NGA", Year: 2020, Value: 200000000},
			{ISO3: "FRA", Year: 2020, Value: 65000000}}, "test"); err != nil {
			t.Fatal(err)
		}
		africa := stats.Place{Code: "africa", Countries: []string{"NGA", "BEN"}}
		world := stats.Place{Code: "world", Countries: []string{"NGA", "THA", "FRA", "ALB"}}
		g, err := s.Rates(ctx, stats.TrendQuery{Indicator: "detected_victims", Span: stats.Span{From: 2020, To: 2020},
			Places: []stats.Place{{Code: "NGA", Countries: []string{"NGA"}}, {Code: "THA", Countries: []string{"THA"}},
				{Code: "FRA", Countries: []string{"FRA"}}, africa}, Total: world})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range append(g.Rows, g.Total) {
			if x, ok := r.Rate(0); ok {
				got[r.Code] = fmt.Sprintf("%.4f", x)
			} else {
				got[r.Code] = fmt.Sprintf("%s nopop=%d", stats.CellOf(r.Sums[0]).Text(), r.NoPop[0])
			}
		}
		// The handmade file replaces Nigeria's 2020 total by 220: 220 / 200 million. Thailand and Albania
		// have no population. France's 3 is published as "<5", so France has no rate and stays out of
		// the world's, which is Nigeria's.
		want := map[string]string{"NGA": "0.1100", "THA": " nopop=1", "FRA": " nopop=0", "africa": "0.1100", "world": "0.1100"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rates (-want +got):\n%s", diff)
		}
	})
}
