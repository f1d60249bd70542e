package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
)

// Analysis is what the analysis page shows of the published cases.
type Analysis struct {
	Cases      int
	Years      []int
	ByYear     []YearCount // cases per year and country
	Conviction []Share     // per country, most defendants first
	Sentences  []Median    // median imprisonment per country and purpose
}

// YearCount is the number of cases of a country decided in a year.
type YearCount struct {
	Year    int
	Country string
	Cases   int
}

// Share is how many of a country's defendants were convicted on at least
// one charge.
type Share struct {
	Country    string
	Defendants int
	Convicted  int
}

// Percent is the conviction share in per cent, rounded.
func (s Share) Percent() int {
	if s.Defendants == 0 {
		return 0
	}
	return (s.Convicted*100 + s.Defendants/2) / s.Defendants
}

// Median is the median imprisonment of convicted defendants of a country
// for a purpose of exploitation ("" for all purposes).
type Median struct {
	Country string
	Purpose string
	N       int
	Months  float64
}

// defendant is one convicted-or-not defendant as the analysis counts it:
// convicted when any charge is; the sentence is the longest imprisonment
// of the charges they were convicted on (sentences mostly run concurrently).
type defendant struct {
	country   string
	convicted bool
	months    int
}

// Analyse computes the analysis over the published cases.
func (s *Service) Analyse(ctx context.Context) (*Analysis, error) {
	a := &Analysis{}
	defs := map[[2]int64]*defendant{}
	purposes := map[int64][]string{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		if err := each(ctx, tx, `SELECT decision_year, country, COUNT(*) FROM caselaw_cases WHERE published_rev IS NOT NULL
			GROUP BY decision_year, country ORDER BY decision_year, country`, func(rows *sql.Rows) error {
			var y YearCount
			if err := rows.Scan(&y.Year, &y.Country, &y.Cases); err != nil {
				return err
			}
			a.ByYear, a.Cases = append(a.ByYear, y), a.Cases+y.Cases
			if !slices.Contains(a.Years, y.Year) {
				a.Years = append(a.Years, y.Year)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := each(ctx, tx, `SELECT ch.case_id, ch.defendant, c.country, ch.verdict, ch.imprisonment_months
			FROM caselaw_charges ch JOIN caselaw_cases c ON c.id = ch.case_id`, func(rows *sql.Rows) error {
			var id, n int64
			var country, verdict string
			var months sql.NullInt64
			if err := rows.Scan(&id, &n, &country, &verdict, &months); err != nil {
				return err
			}
			d := defs[[2]int64{id, n}]
			if d == nil {
				d = &defendant{country: country}
				defs[[2]int64{id, n}] = d
			}
			if verdict == "convicted" {
				d.convicted = true
				d.months = max(d.months, int(months.Int64))
			}
			return nil
		}); err != nil {
			return err
		}
		return each(ctx, tx, `SELECT case_id, value FROM caselaw_keywords WHERE category = 'purposes'`, func(rows *sql.Rows) error {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			purposes[id] = append(purposes[id], v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("analyse cases: %w", err)
	}
	a.Conviction, a.Sentences = convictions(defs), sentences(defs, purposes)
	return a, nil
}

// each runs query and calls fn on every row.
func each(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func convictions(defs map[[2]int64]*defendant) []Share {
	by := map[string]*Share{}
	for _, d := range defs {
		s := by[d.country]
		if s == nil {
			s = &Share{Country: d.country}
			by[d.country] = s
		}
		s.Defendants++
		if d.convicted {
			s.Convicted++
		}
	}
	out := make([]Share, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Defendants != out[j].Defendants {
			return out[i].Defendants > out[j].Defendants
		}
		return out[i].Country < out[j].Country
	})
	return out
}

// sentences gives the median imprisonment per country and purpose, and per
// country over all purposes (Purpose ""), over convicted defendants
// sentenced to imprisonment.
func sentences(defs map[[2]int64]*defendant, purposes map[int64][]string) []Median {
	groups := map[[2]string][]int{}
	for key, d := range defs {
		if !d.convicted || d.months == 0 {
			continue
		}
		groups[[2]string{d.country, ""}] = append(groups[[2]string{d.country, ""}], d.months)
		for _, p := range purposes[key[0]] {
			groups[[2]string{d.country, p}] = append(groups[[2]string{d.country, p}], d.months)
		}
	}
	out := make([]Median, 0, len(groups))
	for k, ms := range groups {
		out = append(out, Median{Country: k[0], Purpose: k[1], N: len(ms), Months: median(ms)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Country != out[j].Country {
			return out[i].Country < out[j].Country
		}
		return out[i].Purpose < out[j].Purpose
	})
	return out
}

func median(xs []int) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return float64(xs[n/2])
	}
	return float64(xs[n/2-1]+xs[n/2]) / 2
}
