package caselaw

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// allowed returns the closed list a facet's values come from, or nil for
// facets checked otherwise (country, region, year).
func allowed(facet string) []string {
	switch facet {
	case "crime_type":
		return CrimeTypes
	case "court_level":
		return CourtLevels
	case "verdict":
		return Verdicts
	case "victim_sex", "defendant_sex":
		return Sexes
	case "victim_age_group":
		return AgeGroups
	case "kind":
		return InstrumentKinds
	}
	return keywordValues[facet]
}

// parseQuery reads a case search from the URL: q, sort, page, year_from,
// year_to, and every facet name as a repeatable filter. A malformed or
// unknown value is a 400 naming the parameter.
func parseQuery(v url.Values, facets []string, known func(string) bool) (Query, error) {
	q := Query{Text: strings.TrimSpace(v.Get("q")), Sort: v.Get("sort"), Filters: map[string][]string{}, Page: 1}
	if utf8.RuneCountInString(q.Text) > 500 {
		return q, errs.BadParam("q", "err.too_long", "Max", 500)
	}
	if q.Sort != "" && q.Sort != search.SortRelevance && q.Sort != search.SortDate {
		return q, errs.BadParam("sort", "err.caselaw_bad_sort")
	}
	var err error
	if q.Page, err = intParam(v, "page", 1, 1, 5000); err != nil {
		return q, err
	}
	if q.YearFrom, err = intParam(v, "year_from", 0, 1900, 2100); err != nil {
		return q, err
	}
	if q.YearTo, err = intParam(v, "year_to", 0, 1900, 2100); err != nil {
		return q, err
	}
	for _, name := range facets {
		for _, val := range v[name] {
			if val = strings.TrimSpace(val); val == "" {
				continue
			}
			if !validFacetValue(name, val, known) {
				return q, errs.BadParam(name, "err.caselaw_bad_filter", "Value", val)
			}
			if !slices.Contains(q.Filters[name], val) {
				q.Filters[name] = append(q.Filters[name], val)
			}
		}
	}
	return q, nil
}

func validFacetValue(name, val string, known func(string) bool) bool {
	switch name {
	case "country":
		return known(val)
	case "region":
		return geo.IsRegionCode(val)
	case "year":
		n, err := strconv.Atoi(val)
		return err == nil && n >= 1900 && n <= 2100
	case "implements":
		return validImplements(val)
	}
	return slices.Contains(allowed(name), val)
}

// intParam reads an optional integer parameter within [lo, hi].
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errs.BadParam(name, "err.caselaw_bad_number", "Min", lo, "Max", hi)
	}
	return n, nil
}

// values writes q back as URL parameters (for pages and permalinks).
func (q Query) values() url.Values {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if q.YearFrom > 0 {
		v.Set("year_from", strconv.Itoa(q.YearFrom))
	}
	if q.YearTo > 0 {
		v.Set("year_to", strconv.Itoa(q.YearTo))
	}
	for name, vals := range q.Filters {
		for _, val := range vals {
			v.Add(name, val)
		}
	}
	return v
}

// requestLang is the language an API answer uses: ?lang=, else English.
func requestLang(r *http.Request) string {
	l := r.URL.Query().Get("lang")
	if slices.Contains(web.LangCodes, l) {
		return l
	}
	return "en"
}
