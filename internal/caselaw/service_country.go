package caselaw

import (
	"context"
	"database/sql"
)

// latestShown is how many of a country's latest cases its profile lists.
const latestShown = 5

// CountryCases is a country's published case law, as its profile shows it.
type CountryCases struct {
	Count       int                 `json:"cases"`
	Latest      []Hit               `json:"latest"`
	Legislation []InstrumentSummary `json:"legislation"`
}

// ForCountry returns iso3's number of published cases, its latest ones and
// its legislation. The cases are listed as published: their titles come
// from the published revision, not from a draft saved since.
func (s *Service) ForCountry(ctx context.Context, iso3 string) (*CountryCases, error) {
	out := &CountryCases{Latest: []Hit{}, Legislation: []InstrumentSummary{}}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Count, err = publishedCount(ctx, tx, iso3); err != nil {
			return err
		}
		latest, err := latestPublished(ctx, tx, iso3, latestShown)
		if err != nil {
			return err
		}
		refs := make([]string, len(latest))
		for i, h := range latest {
			refs[i] = h.ID
		}
		out.Latest = append(out.Latest, latest...)
		cases, err := s.publishedCases(ctx, tx, refs)
		if err != nil {
			return err
		}
		for i := range out.Latest {
			out.Latest[i].Title = cases[out.Latest[i].ID].Title
		}
		leg, err := instrumentsWhere(ctx, tx, iso3)
		if leg != nil {
			out.Legislation = leg
		}
		return err
	})
	return out, err
}
