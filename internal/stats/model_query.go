package stats

import (
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// Query selects observations; empty fields do not filter (Year 0: any).
type Query struct {
	Indicator string
	Dimension string
	Category  string
	Sex       string
	Age       string
	Year      int
	Countries []string
	Status    string // default published
}

// ParseQuery reads a query from URL parameters (codes or published labels),
// naming the first parameter that is malformed or names nothing known.
func ParseQuery(get func(string) string, known func(string) bool) (Query, error) {
	var q Query
	if v := get("indicator"); v != "" {
		i, ok := IndicatorByName(v)
		if !ok {
			return q, errs.BadParam("indicator", "err.stats_indicator_unknown", "Value", v)
		}
		q.Indicator = i.Code
	}
	for _, p := range []struct {
		name  string
		terms []Term
		dst   *string
		key   string
	}{{"dimension", Dimensions, &q.Dimension, "err.stats_dimension_unknown"}, {"sex", Sexes, &q.Sex, "err.stats_sex_unknown"},
		{"age", Ages, &q.Age, "err.stats_age_unknown"}} {
		if v := get(p.name); v != "" {
			t, ok := lookup(p.terms, v)
			if !ok {
				return q, errs.BadParam(p.name, p.key, "Value", v)
			}
			*p.dst = t.Code
		}
	}
	q.Category = strings.TrimSpace(get("category"))
	if v := get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > 2100 {
			return q, errs.BadParam("year", "err.stats_year_invalid", "Value", v, "Max", 2100)
		}
		q.Year = y
	}
	if v := get("country"); v != "" {
		for _, c := range strings.Split(strings.ToUpper(v), ",") {
			c = strings.TrimSpace(c)
			if !known(c) {
				return q, errs.BadParam("country", "err.geo_unknown_country", "Code", c)
			}
			q.Countries = append(q.Countries, c)
		}
	}
	return q, nil
}

// AggregateRow is one group's sum with its coverage.
type AggregateRow struct {
	Group              string `json:"group"`
	Code               string `json:"code"`
	Value              *int64 `json:"value"`
	Suppressed         bool   `json:"suppressed"` // withheld by disclosure control
	CountriesReporting int    `json:"countries_reporting"`
	SuppressedCells    int    `json:"suppressed_cells"` // "<5", at source or for a count from 1 to 4
	WithheldCells      int    `json:"withheld_cells"`   // "x": figures withheld by disclosure control
	CountriesMissing   int    `json:"countries_missing"`
}

// groupingAliases are the short names the API accepts for built-in groupings.
var groupingAliases = map[string]string{
	"m49-region": "m49-regions", "m49-subregion": "m49-subregions", "m49-intermediate": "m49-intermediate-regions",
	"m49-intermediate-region": "m49-intermediate-regions", "un-regional-group": "un-regional-groups",
}

// GroupingID resolves an API grouping name to a grouping id.
func GroupingID(name string) string {
	if id, ok := groupingAliases[name]; ok {
		return id
	}
	return name
}

// sumOver adds the published counts of countries, counting coverage as it
// goes. A group whose only figures are withheld is withheld itself.
func sumOver(countries []string, values map[string]Value) AggregateRow {
	var r AggregateRow
	var sum int64
	for _, c := range countries {
		v, ok := values[c]
		switch {
		case !ok || v.Kind == KindMissing:
			r.CountriesMissing++
		case v.Kind == KindSuppressed:
			r.SuppressedCells++
		case v.Kind == KindWithheld:
			r.WithheldCells++
		default:
			r.CountriesReporting++
			sum += v.N
		}
	}
	if r.CountriesReporting > 0 {
		r.Value = &sum
	} else {
		r.Suppressed = r.WithheldCells > 0
	}
	return r
}

// RequireCell checks q names one cell per country — indicator, dimension,
// category, sex, age and year — filling the usual defaults (Total) for
// dimension, category, sex and age.
func (q *Query) RequireCell() error {
	if q.Indicator == "" {
		return errs.BadParam("indicator", "err.required")
	}
	if q.Year == 0 {
		return errs.BadParam("year", "err.required")
	}
	if q.Dimension == "" {
		q.Dimension = DimTotal
	}
	if q.Category == "" {
		q.Category = CategoryTotal
	}
	if q.Sex == "" {
		q.Sex = "total"
	}
	if q.Age == "" {
		q.Age = "total"
	}
	return nil
}

// JSON echoes the query as the API answers it.
func (q Query) JSON() map[string]any {
	return map[string]any{"indicator": q.Indicator, "dimension": q.Dimension, "category": q.Category, "sex": q.Sex,
		"age": q.Age, "year": q.Year}
}
