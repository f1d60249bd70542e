package stats

import (
	"encoding/json"
)

// obsRow is one published figure as the analyses read it.
type obsRow struct {
	ISO3         string
	Year         int
	Category     string
	CategoryISO3 string
	Sex          string
	Age          string
	Value        Value
}

// key is the figure's key, f naming its indicator and dimension.
func (o obsRow) key(f cellFilter) Key {
	return Key{ISO3: o.ISO3, Indicator: f.Indicator, Dimension: f.Dimension, Category: o.Category, Sex: o.Sex, Age: o.Age, Year: o.Year}
}

// cellFilter selects the figures an analysis reads; empty Category, Sex
// and Age do not filter.
type cellFilter struct {
	Indicator string
	Dimension string
	Category  string
	Sex       string
	Age       string
	From, To  int
}

// rowIndex holds figures by year and country.
type rowIndex map[int]map[string][]obsRow

// Sum is a derived count over a set of countries with its coverage: the
// sum of the published counts, the countries with at least one, the
// figures "<5" and "x" left out, and the countries with no figure at all.
type Sum struct {
	N               int64
	Reporting       int
	SuppressedCells int // "<5"
	WithheldCells   int // "x"
	Missing         int
	Withheld        bool // by disclosure control
}

// MarshalJSON writes the sum as published — no count when withheld — with
// its coverage.
func (s Sum) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Cell
		Reporting       int `json:"countries_reporting"`
		SuppressedCells int `json:"suppressed_cells"`
		WithheldCells   int `json:"withheld_cells"`
		Missing         int `json:"countries_missing"`
	}{CellOf(s), s.Reporting, s.SuppressedCells, s.WithheldCells, s.Missing})
}

// HasCount reports whether any count went into the sum.
func (s Sum) HasCount() bool { return s.Reporting > 0 }

// Published reports whether the sum may be shown.
func (s Sum) Published() bool { return s.Reporting > 0 && !s.Withheld }

// sum adds, over countries, year's figures that match.
func (ix rowIndex) sum(year int, countries []string, match func(obsRow) bool) Sum {
	var out Sum
	for _, c := range countries {
		found, counted := false, false
		for _, o := range ix[year][c] {
			if !match(o) {
				continue
			}
			switch o.Value.Kind {
			case KindCount:
				out.N += o.Value.N
				found, counted = true, true
			case KindSuppressed:
				out.SuppressedCells++
				found = true
			case KindWithheld:
				out.WithheldCells++
				found = true
			}
		}
		switch {
		case counted:
			out.Reporting++
		case !found:
			out.Missing++
		}
	}
	return out
}

// years lists from…to.
func years(from, to int) []int {
	out := make([]int, 0, to-from+1)
	for y := from; y <= to; y++ {
		out = append(out, y)
	}
	return out
}

// matchAll matches every figure.
func matchAll(obsRow) bool { return true }
