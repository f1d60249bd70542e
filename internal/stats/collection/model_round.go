package collection

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
)

// Limits that keep a questionnaire something a focal point can fill.
const (
	maxYears   = 10
	firstYear  = 1990
	maxNameLen = 200
)

// RoundInput is what an analyst types to open or edit a round. Years is a
// list or ranges ("2021-2023", "2019, 2021").
type RoundInput struct {
	Name       string   `json:"name"`
	Years      string   `json:"years"`
	Indicators []string `json:"indicators"`
	Deadline   string   `json:"deadline"`
}

// parse checks the input against the vocabulary and the calendar of now,
// naming every field at fault.
func (in RoundInput) parse(now time.Time) (Round, error) {
	e := errs.Invalid()
	r := Round{Name: strings.TrimSpace(in.Name), Status: RoundOpen}
	switch {
	case r.Name == "":
		e.Field("name", "err.required")
	case len([]rune(r.Name)) > maxNameLen:
		e.Field("name", "err.collection_name_long", "Max", maxNameLen)
	}
	years, err := parseYears(in.Years, now.Year())
	if err != nil {
		e.Fields = append(e.Fields, errs.As(err).Fields...)
	}
	r.Years = years
	chosen := map[string]bool{}
	for _, v := range in.Indicators {
		ind, ok := stats.IndicatorByName(v)
		if !ok {
			e.Field("indicators", "err.stats_indicator_unknown", "Value", v)
			break
		}
		chosen[ind.Code] = true
	}
	for _, ind := range stats.Indicators { // in the vocabulary's order
		if chosen[ind.Code] {
			r.Indicators = append(r.Indicators, ind.Code)
		}
	}
	if len(r.Indicators) == 0 && e.FieldKey("indicators") == "" {
		e.Field("indicators", "err.collection_indicators_required")
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(in.Deadline))
	if err != nil {
		e.Field("deadline", "err.collection_deadline_invalid")
	}
	r.Deadline = d.Format(time.DateOnly)
	return r, e.OrNil()
}

// parseYears reads "2021-2023, 2019" into sorted distinct years from 1990
// to max (the current year: nobody reports on the future).
func parseYears(s string, max int) ([]int, error) {
	var out []int
	bad := func() error {
		return errs.Invalid().Field("years", "err.collection_years_invalid", "Min", firstYear, "Max", max)
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		from, to, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(from)
		if err != nil {
			return nil, bad()
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(to); err != nil || b < a {
				return nil, bad()
			}
		}
		if a < firstYear || b > max {
			return nil, bad()
		}
		for y := a; y <= b && len(out) <= maxYears; y++ {
			if !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
	}
	switch {
	case len(out) == 0:
		return nil, errs.Invalid().Field("years", "err.required")
	case len(out) > maxYears:
		return nil, errs.Invalid().Field("years", "err.collection_years_many", "Max", maxYears)
	}
	slices.Sort(out)
	return out, nil
}

// YearsText writes years back as the form takes them: ranges collapsed.
func YearsText(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(years[i])+"-"+strconv.Itoa(years[j]))
		} else {
			parts = append(parts, strconv.Itoa(years[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// joinInts and splitInts store a round's years as text.
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			out = append(out, n)
		}
	}
	return out
}
