package report

import (
	"slices"

	"github.com/tipsom/tipsom/internal/stats"
)

// populations are the countries' populations by ISO3 and year, as loaded
// with "tipsom import population"; empty when none is loaded.
type populations map[string]map[int]int64

// coverage is what a total of a place rests on: the countries that gave a
// figure for it (a count, a figure below five or one withheld), and the
// share of the place's population they hold when populations are loaded.
type coverage struct {
	Countries []string // ISO3, sorted
	PopShare  *float64 // percent of the place's population in the year
}

// reported reports whether a country's figure is anything but missing.
func reported(r stats.AggregateRow) bool {
	return r.Value != nil || r.SuppressedCells > 0 || r.WithheldCells > 0 || r.Suppressed
}

// coverageOf is the coverage of p's figure of a cell in a year: the
// countries of p that reported it, and their share of p's population.
func (d *dataset) coverageOf(cellID string, year int, p *Place) coverage {
	var c coverage
	var covered, all int64
	for _, iso3 := range p.Countries {
		pop := d.pop[iso3][year]
		all += pop
		if reported(d.figs.Get(cellID, year, &Place{Kind: KindCountry, Code: iso3})) {
			c.Countries = append(c.Countries, iso3)
			covered += pop
		}
	}
	slices.Sort(c.Countries)
	if all > 0 && len(c.Countries) > 0 {
		s := 100 * float64(covered) / float64(all)
		c.PopShare = &s
	}
	return c
}

// comparison is a change of a place's total between two years computed
// over the same countries: those of p with a count (not a figure below
// five, nor one withheld) in both years, so that a change of coverage is
// not read as a change of trafficking.
type comparison struct {
	Base, Year int
	Countries  []string // ISO3, sorted: the same set in both years
	Was, Now   int64
	PopShare   *float64 // their share of p's population in Year
}

// compareLike compares p's cell between base and year over the countries
// that gave a count in both; ok is false when there are none.
func (d *dataset) compareLike(cellID string, base, year int, p *Place) (comparison, bool) {
	c := comparison{Base: base, Year: year}
	var covered, all int64
	for _, iso3 := range p.Countries {
		pop := d.pop[iso3][year]
		all += pop
		q := &Place{Kind: KindCountry, Code: iso3}
		was, now := d.figs.Get(cellID, base, q), d.figs.Get(cellID, year, q)
		if was.Value == nil || now.Value == nil {
			continue
		}
		c.Countries = append(c.Countries, iso3)
		c.Was += *was.Value
		c.Now += *now.Value
		covered += pop
	}
	slices.Sort(c.Countries)
	if all > 0 && len(c.Countries) > 0 {
		s := 100 * float64(covered) / float64(all)
		c.PopShare = &s
	}
	return c, len(c.Countries) > 0 && c.Was > 0
}

// flowCoverage is the coverage of a group's flows: the countries of p that
// reported victims by citizenship in the flow year, and their share of p's
// population.
func (d *dataset) flowCoverage(p *Place) coverage {
	var c coverage
	seen := map[string]bool{}
	for _, fl := range d.flows.into(p, false) {
		if !seen[fl.Destination] {
			seen[fl.Destination] = true
			c.Countries = append(c.Countries, fl.Destination)
		}
	}
	slices.Sort(c.Countries)
	var covered, all int64
	for _, iso3 := range p.Countries {
		pop := d.pop[iso3][d.flows.Year]
		all += pop
		if seen[iso3] {
			covered += pop
		}
	}
	if all > 0 && len(c.Countries) > 0 {
		s := 100 * float64(covered) / float64(all)
		c.PopShare = &s
	}
	return c
}
