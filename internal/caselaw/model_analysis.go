package caselaw

import (
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
