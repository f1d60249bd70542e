package stats

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
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

// where renders q as SQL conditions and arguments.
func (q Query) where() (string, []any) {
	var conds []string
	var args []any
	add := func(col string, v any) {
		args = append(args, v)
		conds = append(conds, col+" = $"+strconv.Itoa(len(args)))
	}
	status := q.Status
	if status == "" {
		status = StatusPublished
	}
	add("status", status)
	for _, f := range []struct{ col, v string }{{"indicator", q.Indicator}, {"dimension", q.Dimension}, {"category", q.Category},
		{"sex", q.Sex}, {"age", q.Age}} {
		if f.v != "" {
			add(f.col, f.v)
		}
	}
	if q.Year != 0 {
		add("year", q.Year)
	}
	if len(q.Countries) > 0 {
		var ph []string
		for _, c := range q.Countries {
			args = append(args, c)
			ph = append(ph, "$"+strconv.Itoa(len(args)))
		}
		conds = append(conds, "iso3 IN ("+strings.Join(ph, ",")+")")
	}
	return strings.Join(conds, " AND "), args
}

// Observations returns one page of published observations matching q, in
// key order, and whether more follow: each as the public sees it, under the
// disclosure rule (release.go).
func (s *Service) Observations(ctx context.Context, q Query, offset, limit int) ([]Observation, bool, error) {
	return s.observations(ctx, q, offset, limit, true)
}

// StoredObservations is Observations with the counts as stored, small ones
// included: never for a public answer. The collection pre-fills a focal
// point's questionnaire with their own country's figures from it.
func (s *Service) StoredObservations(ctx context.Context, q Query, offset, limit int) ([]Observation, bool, error) {
	return s.observations(ctx, q, offset, limit, false)
}

func (s *Service) observations(ctx context.Context, q Query, offset, limit int, public bool) ([]Observation, bool, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	where, args := q.where()
	sqlq := `SELECT iso3, indicator, dimension, category, sex, age, year, unit, value_kind, value, COALESCE(category_iso3, ''),
		source, status FROM stat_observations WHERE ` + where + ` ORDER BY iso3, indicator, dimension, category, sex, age, year
		LIMIT ` + strconv.Itoa(limit+1) + ` OFFSET ` + strconv.Itoa(max(offset, 0))
	var out []Observation
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, sqlq, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o Observation
			var kind string
			var n sql.NullInt64
			if err := rows.Scan(&o.ISO3, &o.Indicator, &o.Dimension, &o.Category, &o.Sex, &o.Age, &o.Year, &o.Unit, &kind, &n,
				&o.CategoryISO3, &o.Source, &o.Status); err != nil {
				return err
			}
			o.Value = scanValue(kind, n)
			out = append(out, o)
		}
		if err := rows.Err(); err != nil || !public || len(out) == 0 {
			return err
		}
		return s.releaseObservations(ctx, tx, out)
	})
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, err
}

// releaseObservations publishes a page of observations under the rule: the
// groups it touches are those of its countries, indicators and years.
func (s *Service) releaseObservations(ctx context.Context, tx *sql.Tx, obs []Observation) error {
	countries, indicators := map[string]bool{}, map[string]bool{}
	sc := releaseScope{From: obs[0].Year, To: obs[0].Year}
	for _, o := range obs {
		countries[o.ISO3], indicators[o.Indicator] = true, true
		sc.From, sc.To = min(sc.From, o.Year), max(sc.To, o.Year)
	}
	sc.Countries, sc.Indicators = members(countries), members(indicators)
	rel, err := s.release(ctx, tx, sc)
	if err != nil {
		return err
	}
	for i := range obs {
		if obs[i].Status == StatusPublished {
			obs[i].Value = rel.public(obs[i].Key, obs[i].Value)
		}
	}
	return nil
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

// Aggregate sums q's published counts over the groups of a grouping, and
// over the world, each with its coverage, under disclosure control. A key in
// conflict has no stored figure, so it takes no part. label names a group.
func (s *Service) Aggregate(ctx context.Context, q Query, grouping string, label func(g *geo.Grouping, group string) string) ([]AggregateRow, error) {
	g, err := s.Geo.Grouping(ctx, GroupingID(grouping))
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.BadParam("grouping", "err.stats_grouping_unknown", "Value", grouping)
	}
	if err != nil {
		return nil, err
	}
	values, err := s.cellValues(ctx, q)
	if err != nil {
		return nil, err
	}
	byGroup := map[string][]string{}
	for _, m := range g.Members {
		byGroup[m.Group] = append(byGroup[m.Group], m.ISO3)
	}
	var rows []AggregateRow
	for _, group := range g.Groups {
		r := sumOver(byGroup[group], values)
		r.Code, r.Group = group, label(g, group)
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Group < rows[j].Group })
	var all []string
	for _, c := range s.Geo.Countries() {
		all = append(all, c.ISO3)
	}
	world := sumOver(all, values)
	world.Code, world.Group = "world", "World"
	protect(rows, &world)
	return append(rows, world), nil
}

// cellValues returns the published value of q's cell for each country that
// has one, under the disclosure rule.
func (s *Service) cellValues(ctx context.Context, q Query) (map[string]Value, error) {
	where, args := q.where()
	out := map[string]Value{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT iso3, indicator, dimension, category, sex, age, year, value_kind, value
			FROM stat_observations WHERE `+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		stored := map[Key]Value{}
		for rows.Next() {
			var k Key
			var kind string
			var n sql.NullInt64
			if err := rows.Scan(&k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &kind, &n); err != nil {
				return err
			}
			stored[k] = scanValue(kind, n)
		}
		if err := rows.Err(); err != nil || len(stored) == 0 {
			return err
		}
		sc := releaseScope{Countries: q.Countries, From: q.Year, To: q.Year}
		if q.Indicator != "" {
			sc.Indicators = []string{q.Indicator}
		}
		rel, err := s.release(ctx, tx, sc)
		if err != nil {
			return err
		}
		for k, v := range stored {
			out[k.ISO3] = rel.public(k, v)
		}
		return nil
	})
	return out, err
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
