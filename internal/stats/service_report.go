package stats

import (
	"context"
	"database/sql"
	"fmt"
)

// This file is the statistics room's small API for the Global Report
// (internal/report): thin wrappers over unexported helpers, so the report
// prints exactly what the room's own API answers without reading its tables.

// CountryAggregates answers, for every country with a figure for q's cell,
// what Aggregate answers for q restricted to that one country — the World
// row of GET /api/v1/stats/aggregate?country=ISO3 — with one read of the
// cells instead of one query per country. q must name a cell
// (RequireCell) and no countries.
func (s *Service) CountryAggregates(ctx context.Context, q Query) (map[string]AggregateRow, error) {
	values, err := s.cellValues(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("country figures of %s %d: %w", q.Indicator, q.Year, err)
	}
	all := s.allCountries()
	out := make(map[string]AggregateRow, len(values))
	for c, v := range values {
		one := map[string]Value{c: v}
		group := sumOver([]string{c}, one)
		world := sumOver(all, one)
		world.Code, world.Group = "world", "World"
		protect([]AggregateRow{group}, &world)
		out[c] = world
	}
	return out, nil
}

// Lines is a set of aggregate figures tied by additive lines — a region is
// the sum of its countries, the world the sum of its regions — protected
// together, so that a publication printing many of them side by side (the
// Global Report) gives away no withheld figure by subtraction. The figures
// come from Aggregate, already protected: a withheld one counts as unknown,
// unless no published count went into it (its figures are all "<5" or
// "x"), since such a figure adds nothing to any sum. Protect may withhold
// more of them, never reveal one.
type Lines struct {
	d    disclosure
	rows []*AggregateRow
}

// Add puts r in the set and returns its index for Sum.
func (l *Lines) Add(r *AggregateRow) int {
	var n int64
	if r.Value != nil {
		n = *r.Value
	}
	hidden := r.Suppressed && r.CountriesReporting > 0
	i := l.d.cell(n, r.Value != nil || hidden)
	l.d.withheld[i] = hidden
	l.rows = append(l.rows, r)
	return i
}

// Sum says the figure total is exactly the sum of parts.
func (l *Lines) Sum(total int, parts ...int) { l.d.line(total, parts...) }

// Protect applies disclosure control to the whole set and marks each
// figure it withholds as Suppressed, without a value.
func (l *Lines) Protect() {
	l.d.protect()
	for i, r := range l.rows {
		if l.d.isWithheld(i) {
			r.Value, r.Suppressed = nil, true
		}
	}
}

// SourceCount is one data source of the published figures and how many
// figures it gave.
type SourceCount struct {
	Source  string
	Figures int
}

// Sources lists the sources of the figures published for years from…to,
// for a report's note on its data.
func (s *Service) Sources(ctx context.Context, from, to int) ([]SourceCount, error) {
	var out []SourceCount
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT source, COUNT(*) FROM stat_observations
			WHERE status = $1 AND year BETWEEN $2 AND $3 GROUP BY source ORDER BY source`, StatusPublished, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sc SourceCount
			if err := rows.Scan(&sc.Source, &sc.Figures); err != nil {
				return err
			}
			out = append(out, sc)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sources of %d–%d: %w", from, to, err)
	}
	return out, nil
}
