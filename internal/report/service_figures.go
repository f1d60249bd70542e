package report

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// Levels of the query that answered a figure.
const (
	levelMain    = "main"    // Aggregate over the chosen grouping: its groups and the world
	levelSub     = "sub"     // Aggregate over the sub-grouping
	levelCountry = "country" // Aggregate restricted to one country (its World row)
)

type figKey struct {
	cell  string
	year  int
	level string
	code  string
}

// Figures holds every figure the edition prints, as the statistics API
// answered it and then protected across the whole edition.
type Figures struct {
	Years []int
	rows  map[figKey]*stats.AggregateRow
}

// key locates a place's figure.
func key(cell string, year int, p *Place) figKey {
	switch p.Kind {
	case KindWorld:
		return figKey{cell, year, levelMain, "world"}
	case KindRegion:
		return figKey{cell, year, levelMain, p.Code}
	case KindSubregion:
		return figKey{cell, year, levelSub, p.Code}
	}
	return figKey{cell, year, levelCountry, p.Code}
}

// Get returns a place's figure for a cell and year; a zero row (nothing
// reported) when the statistics hold none.
func (f *Figures) Get(cell string, year int, p *Place) stats.AggregateRow {
	if r := f.rows[key(cell, year, p)]; r != nil {
		return *r
	}
	return stats.AggregateRow{}
}

// groupLabel names groups by their code: the report names them itself, in
// each language.
func groupLabel(_ *geo.Grouping, group string) string { return group }

// gatherFigures asks the statistics service for every cell and year: one
// Aggregate over each grouping (the groups and the world) and one read of
// every country's figure, whatever the number of countries.
func gatherFigures(ctx context.Context, svc Statistics, years []int, main, sub *geo.Grouping) (*Figures, error) {
	f := &Figures{Years: years, rows: map[figKey]*stats.AggregateRow{}}
	put := func(c cell, y int, level string, rows []stats.AggregateRow) {
		for i := range rows {
			f.rows[figKey{c.ID, y, level, rows[i].Code}] = &rows[i]
		}
	}
	for _, c := range reportCells {
		for _, y := range years {
			q := c.query(y)
			rows, err := svc.Aggregate(ctx, q, main.ID, groupLabel)
			if err != nil {
				return nil, fmt.Errorf("aggregate %s %d over %s: %w", c.ID, y, main.ID, err)
			}
			put(c, y, levelMain, rows)
			if sub != nil {
				if rows, err = svc.Aggregate(ctx, q, sub.ID, groupLabel); err != nil {
					return nil, fmt.Errorf("aggregate %s %d over %s: %w", c.ID, y, sub.ID, err)
				}
				put(c, y, levelSub, rows)
			}
			byCountry, err := svc.CountryAggregates(ctx, q)
			if err != nil {
				return nil, err
			}
			for iso3, r := range byCountry {
				f.rows[figKey{c.ID, y, levelCountry, iso3}] = &r
			}
		}
	}
	return f, nil
}

// countriesWithData lists the countries that reported any of the report's
// figures (a count, or a count below five) in any year.
func (f *Figures) countriesWithData() map[string]bool {
	out := map[string]bool{}
	for k, r := range f.rows {
		if k.level == levelCountry && (r.CountriesReporting > 0 || r.SuppressedCells > 0) {
			out[k.code] = true
		}
	}
	return out
}
