package stats

import (
	"context"
	"fmt"
)

// Rates turns a trend into rates per 100,000 population (SDG indicator
// 16.2.2 for detected victims). For each place and year the rate is the sum
// of the counts of the countries that reported a count and have a
// population for that year, over the sum of their populations: a country
// without population is left out rather than diluting the rate. The
// numerators pass disclosure control like any other sum (a rate times a
// population gives its numerator back).
func (s *Service) Rates(ctx context.Context, q TrendQuery) (*Grid, error) {
	ix, err := s.loadRows(ctx, q.filter())
	if err != nil {
		return nil, err
	}
	pops, err := s.populations(ctx, s.reporting(ix))
	if err != nil {
		return nil, err
	}
	yrs := years(q.From, q.To)
	row := func(p Place) GridRow {
		r := GridRow{Code: p.Code, Label: p.Label, Sums: make([]Sum, len(yrs)), Pop: make([]int64, len(yrs)), NoPop: make([]int, len(yrs))}
		for j, y := range yrs {
			for _, c := range p.Countries {
				one := ix.sum(y, []string{c}, matchAll)
				pop := pops[c][y]
				switch {
				case pop == 0 && one.Missing == 0:
					r.NoPop[j]++
					one = Sum{Missing: 1}
				case !one.HasCount():
					one = Sum{Missing: 1}
				default:
					r.Pop[j] += pop
				}
				r.Sums[j].add(one)
			}
		}
		return r
	}
	g := &Grid{Years: yrs}
	for _, p := range q.Places {
		g.Rows = append(g.Rows, row(p))
	}
	g.Total = row(q.Total)
	g.protect()
	return g, nil
}

// add merges the coverage and count of b into s.
func (s *Sum) add(b Sum) {
	s.N += b.N
	s.Reporting += b.Reporting
	s.SuppressedCells += b.SuppressedCells
	s.WithheldCells += b.WithheldCells
	s.Missing += b.Missing
}

// populations reads the population series of countries, by country and
// year.
func (s *Service) populations(ctx context.Context, countries []string) (map[string]map[int]int64, error) {
	out := make(map[string]map[int]int64, len(countries))
	for _, c := range countries {
		series, err := s.Geo.PopulationOf(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("population of %s: %w", c, err)
		}
		out[c] = make(map[int]int64, len(series))
		for _, p := range series {
			out[c][p.Year] = p.Value
		}
	}
	return out, nil
}
