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
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = sourceCounts(ctx, tx, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sources of %d–%d: %w", from, to, err)
	}
	return out, nil
}
