package stats

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// Explorer views: what the chart beside the table is.
const (
	ViewTable   = "table"
	ViewBar     = "bar"
	ViewLine    = "line"
	ViewStacked = "stacked" // shares of the dimension's categories, stacked
	ViewMap     = "map"
	ViewFlows   = "flows" // region-to-region flows from the citizenship breakdown
)

// Views lists the explorer's views in the form's order.
var Views = []string{ViewTable, ViewBar, ViewLine, ViewStacked, ViewMap, ViewFlows}

// Measures: counts, or rates per 100,000 population.
const (
	MeasureCount = "count"
	MeasureRate  = "rate"
)

// maxSpan is the most years one view shows.
const maxSpan = 40

// ExploreQuery is everything the explorer shows, read from the URL: the
// URL is the view's permalink, and the downloads take the same query.
type ExploreQuery struct {
	Indicator string
	Dimension string
	Category  string
	Sex, Age  string
	Span
	Countries []string
	Grouping  string // a grouping id or alias; GroupingNone: countries
	View      string
	Measure   string
	Min       int
	Order     string // OrderName (the reader's collation) or OrderValue (the last year's, largest first)
	Compare   string // a second indicator shown beside the first, "" for none
}

// Row orders of the explorer's tables of places.
const (
	OrderName  = "name"
	OrderValue = "value"
)

// ParseExplore reads an explorer query, naming the first parameter that is
// malformed or names nothing known (400). Countries may be repeated or
// comma-separated. Years left out are filled by the caller (Defaults).
func ParseExplore(v url.Values, known func(string) bool) (ExploreQuery, error) {
	get := func(name string) string {
		if name == "country" {
			return strings.Join(v["country"], ",")
		}
		return strings.TrimSpace(v.Get(name))
	}
	base, err := ParseQuery(get, known)
	if err != nil {
		return ExploreQuery{}, err
	}
	q := ExploreQuery{Indicator: base.Indicator, Dimension: base.Dimension, Category: base.Category, Sex: base.Sex, Age: base.Age,
		Countries: base.Countries, Grouping: get("grouping"), View: get("view"), Measure: get("measure"),
		Order: get("sort"), Compare: get("compare")}
	if q.Order != "" && q.Order != OrderName && q.Order != OrderValue {
		return q, errs.BadParam("sort", "err.stats_sort_unknown", "Value", q.Order)
	}
	if q.Compare != "" {
		i, ok := IndicatorByName(q.Compare)
		if !ok {
			return q, errs.BadParam("compare", "err.stats_indicator_unknown", "Value", q.Compare)
		}
		q.Compare = i.Code
	}
	if len(q.Category) > 200 {
		return q, errs.BadParam("category", "err.stats_category_long")
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := get(p.name); s != "" {
			y, err := strconv.Atoi(s)
			if err != nil || y < 1990 || y > 2100 {
				return q, errs.BadParam(p.name, "err.stats_year_invalid", "Value", s, "Max", 2100)
			}
			*p.dst = y
		}
	}
	if q.From != 0 && q.To != 0 && (q.From > q.To || q.To-q.From >= maxSpan) {
		return q, errs.BadParam("from", "err.stats_span_invalid", "Max", maxSpan)
	}
	if q.View != "" && indexOf(Views, q.View) < 0 {
		return q, errs.BadParam("view", "err.stats_view_unknown", "Value", q.View)
	}
	if q.Measure != "" && q.Measure != MeasureCount && q.Measure != MeasureRate {
		return q, errs.BadParam("measure", "err.stats_measure_unknown", "Value", q.Measure)
	}
	if s := get("min"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < DefaultMinFlow || n > 1000000 {
			return q, errs.BadParam("min", "err.stats_min_invalid", "Value", s, "Min", DefaultMinFlow)
		}
		q.Min = n
	}
	return q, nil
}

// Defaults fills what the URL left out: detected victims, the Total
// dimension, a bar chart of counts by M49 region, the ten years up to
// latest (the last year with figures).
func (q *ExploreQuery) Defaults(latest int) {
	if q.Indicator == "" {
		q.Indicator = "detected_victims"
	}
	if q.Dimension == "" {
		q.Dimension = DimTotal
	}
	if q.Dimension == DimTotal {
		q.Category = ""
	}
	q.Sex, q.Age = orTotal(q.Sex), orTotal(q.Age)
	if q.View == "" {
		q.View = ViewBar
	}
	if q.Measure == "" || q.View == ViewStacked || q.View == ViewFlows {
		q.Measure = MeasureCount
	}
	if q.Grouping == "" {
		q.Grouping = DefaultGrouping
	}
	if q.Min == 0 {
		q.Min = DefaultMinFlow
	}
	if q.Order == "" {
		q.Order = OrderName
	}
	if q.Compare == q.Indicator || q.View == ViewFlows {
		q.Compare = ""
	}
	switch {
	case q.To == 0 && q.From == 0:
		q.To, q.From = latest, latest-9
	case q.To == 0:
		q.To = min(q.From+9, max(latest, q.From))
	case q.From == 0:
		q.From = q.To - 9
	}
}

// Values encodes q as URL parameters: the permalink, and the downloads'
// query.
func (q ExploreQuery) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("indicator", q.Indicator)
	set("dimension", q.Dimension)
	set("category", q.Category)
	set("sex", q.Sex)
	set("age", q.Age)
	set("from", strconv.Itoa(q.From))
	set("to", strconv.Itoa(q.To))
	set("country", strings.Join(q.Countries, ","))
	set("grouping", q.Grouping)
	set("view", q.View)
	set("measure", q.Measure)
	if q.Order != OrderName {
		set("sort", q.Order)
	}
	set("compare", q.Compare)
	if q.View == ViewFlows {
		set("min", strconv.Itoa(q.Min))
	}
	return v
}

// ByCountry reports whether the rows are countries rather than groups.
func (q ExploreQuery) ByCountry() bool { return len(q.Countries) > 0 || q.Grouping == GroupingNone }

// measureKey is the catalogue key naming a measure.
func measureKey(m string) string {
	if m == MeasureRate {
		return "stats.measure_rate"
	}
	return "stats.measure_count"
}

// GroupBreakdown is a breakdown of one year by the groups of a grouping:
// for each group, the count of each part and their total, and the same
// over all the groups — the stacked view when the reader chose a grouping.
type GroupBreakdown struct {
	Year   int
	Parts  []string // the parts' names, in the reader's language
	Groups []GroupParts
	Total  GroupParts // all the groups together
}

// GroupParts is one group's row: its parts' sums and their total.
type GroupParts struct {
	Code, Label string
	Parts       []Sum
	Total       Sum
}

// Share is part j's share of row r's total in percent, when both are
// published and the total is positive (as Grid.Share).
func (r GroupParts) Share(j int) (float64, bool) {
	s, t := r.Parts[j], r.Total
	if !s.Published() || !t.Published() || t.N == 0 {
		return 0, false
	}
	return 100 * float64(s.N) / float64(t.N), true
}

// protect applies disclosure control to the whole matrix at once: each
// group's total is the sum of its parts, each part's total over the groups
// the sum of its cells, and the grand total both — so no cell can be had
// by subtraction along a row or a column.
func (b *GroupBreakdown) protect() {
	var d disclosure
	cell := func(s Sum) int { return d.cell(s.N, s.HasCount()) }
	ids := make([][]int, len(b.Groups))
	rows := make([]int, len(b.Groups))
	for i, g := range b.Groups {
		for _, s := range g.Parts {
			ids[i] = append(ids[i], cell(s))
		}
		rows[i] = cell(g.Total)
	}
	cols := make([]int, len(b.Parts))
	for j := range b.Parts {
		cols[j] = cell(b.Total.Parts[j])
	}
	grand := cell(b.Total.Total)
	for i := range b.Groups {
		d.line(rows[i], ids[i]...)
	}
	for j := range b.Parts {
		col := make([]int, len(b.Groups))
		for i := range b.Groups {
			col[i] = ids[i][j]
		}
		d.line(cols[j], col...)
	}
	d.line(grand, rows...)
	d.line(grand, cols...)
	d.protect()
	for i := range b.Groups {
		for j := range b.Parts {
			b.Groups[i].Parts[j].Withheld = d.isWithheld(ids[i][j])
		}
		b.Groups[i].Total.Withheld = d.isWithheld(rows[i])
	}
	for j := range b.Parts {
		b.Total.Parts[j].Withheld = d.isWithheld(cols[j])
	}
	b.Total.Total.Withheld = d.isWithheld(grand)
}
