package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/profile"
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
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM caselaw_cases WHERE country = $1 AND published_rev IS NOT NULL`,
			iso3).Scan(&out.Count); err != nil {
			return fmt.Errorf("cases of %s: %w", iso3, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT ref, decision_date FROM caselaw_cases
			WHERE country = $1 AND published_rev IS NOT NULL ORDER BY decision_date DESC, ref LIMIT $2`, iso3, latestShown)
		if err != nil {
			return fmt.Errorf("latest cases of %s: %w", iso3, err)
		}
		var refs []string
		for rows.Next() {
			h := Hit{Country: iso3}
			var d time.Time
			if err := rows.Scan(&h.ID, db.DateInto(&d)); err != nil {
				rows.Close()
				return err
			}
			h.DecisionDate = db.FormatDate(d)
			out.Latest, refs = append(out.Latest, h), append(refs, h.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
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

// CountrySection is the case law part of a country profile: how many
// published decisions, the latest, and the country's legislation. It
// implements profile.Provider.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	cc, err := h.Svc.ForCountry(r.Context(), iso3)
	if err != nil {
		return nil, err
	}
	html, err := h.UI.Fragment(r, "caselaw/country", struct {
		ISO3 string
		*CountryCases
	}{iso3, cc})
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "caselaw", Title: "caselaw.profile_title", Order: 30, HTML: html, Data: cc}, nil
}
