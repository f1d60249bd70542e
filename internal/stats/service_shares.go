package stats

import (
	"context"
)

// Span is a range of years, both ends included.
type Span struct{ From, To int }

// ProfileQuery asks for the breakdown of one indicator over some countries
// (none: all), year by year.
type ProfileQuery struct {
	Indicator string
	Dimension string // total: sex and age profile; exploitation: forms; citizenship: origins; other: its categories
	Sex, Age  string // filter the breakdowns other than the sex and age profile ("": total)
	Span
	Countries []string
}

// Profile breaks an indicator down over the years for a set of countries:
// shares by form of exploitation, the sex and age profile (women, men,
// girls, boys), or victims detected domestically, abroad or of unknown
// origin. The total row is the sum of the parts, and every column passes
// disclosure control, so Grid.Share gives the published shares.
func (s *Service) Profile(ctx context.Context, q ProfileQuery, n Namer) (*Grid, error) {
	f := cellFilter{Indicator: q.Indicator, Dimension: q.Dimension, From: q.From, To: q.To, Sex: q.Sex, Age: q.Age}
	if f.Dimension == DimTotal {
		f.Category, f.Sex, f.Age = CategoryTotal, "", ""
	} else {
		f.Sex, f.Age = orTotal(q.Sex), orTotal(q.Age)
	}
	ix, err := s.loadRows(ctx, f)
	if err != nil {
		return nil, err
	}
	countries := q.Countries
	if len(countries) == 0 {
		countries = s.allCountries()
	}
	parts := partsOf(q.Dimension, ix)
	specs := make([]rowSpec, len(parts))
	for i, p := range parts {
		specs[i] = rowSpec{Code: p.Code, Label: p.Label, Countries: countries, Match: p.Match}
		if p.Key != "" {
			specs[i].Label = n.T(p.Key)
		}
	}
	total := rowSpec{Code: "total", Label: n.T("stats.total_of_parts"), Countries: countries, Match: anyPart(parts)}
	return buildGrid(ix, years(q.From, q.To), specs, total), nil
}

// TrendQuery asks for one cell of an indicator over the years, summed over
// each of some places.
type TrendQuery struct {
	Indicator string
	Dimension string
	Category  string // "" with a dimension other than Total: all its categories
	Sex, Age  string
	Span
	Places []Place
	Total  Place // the places' total row: their countries, or the world's
}

// Trend sums one cell over each place year by year: the rows of the
// explorer's tables, bars, lines and maps.
func (s *Service) Trend(ctx context.Context, q TrendQuery) (*Grid, error) {
	ix, err := s.loadRows(ctx, q.filter())
	if err != nil {
		return nil, err
	}
	specs := make([]rowSpec, len(q.Places))
	for i, p := range q.Places {
		specs[i] = rowSpec{Code: p.Code, Label: p.Label, Countries: p.Countries, Match: matchAll}
	}
	total := rowSpec{Code: q.Total.Code, Label: q.Total.Label, Countries: q.Total.Countries, Match: matchAll}
	return buildGrid(ix, years(q.From, q.To), specs, total), nil
}

func (q TrendQuery) filter() cellFilter {
	f := cellFilter{Indicator: q.Indicator, Dimension: q.Dimension, Category: q.Category, Sex: orTotal(q.Sex), Age: orTotal(q.Age),
		From: q.From, To: q.To}
	if f.Dimension == "" {
		f.Dimension = DimTotal
	}
	if f.Dimension == DimTotal {
		f.Category = CategoryTotal
	}
	return f
}

// orTotal reads an empty sex or age as Total.
func orTotal(s string) string {
	if s == "" {
		return "total"
	}
	return s
}
