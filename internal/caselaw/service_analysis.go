package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// Analyse computes the analysis over the published cases.
func (s *Service) Analyse(ctx context.Context) (*Analysis, error) {
	a := &Analysis{}
	defs := map[[2]int64]*defendant{}
	purposes := map[int64][]string{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		if err := publishedYearCounts(ctx, tx, func(y YearCount) {
			a.ByYear, a.Cases = append(a.ByYear, y), a.Cases+y.Cases
			if !slices.Contains(a.Years, y.Year) {
				a.Years = append(a.Years, y.Year)
			}
		}); err != nil {
			return err
		}
		if err := eachCharge(ctx, tx, func(id, n int64, country, verdict string, months int) {
			d := defs[[2]int64{id, n}]
			if d == nil {
				d = &defendant{country: country}
				defs[[2]int64{id, n}] = d
			}
			if verdict == "convicted" {
				d.convicted = true
				d.months = max(d.months, months)
			}
		}); err != nil {
			return err
		}
		return eachPurpose(ctx, tx, func(id int64, v string) { purposes[id] = append(purposes[id], v) })
	})
	if err != nil {
		return nil, fmt.Errorf("analyse cases: %w", err)
	}
	a.Conviction, a.Sentences = convictions(defs), sentences(defs, purposes)
	return a, nil
}
