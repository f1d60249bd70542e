package stats

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Env is what validation needs to know about the world.
type Env struct {
	Known      func(iso3 string) bool           // ISO 3166 country codes
	Resolve    func(name string) (string, bool) // a country name as published → ISO3
	Categories map[string][]string              // extra categories analysts added, by dimension
	Year       int                              // the current year (the latest acceptable)
	Source     string                           // recorded on every observation (the file's name)
}

// Result is a validated file: what may be stored, what conflicts, and every
// finding with its lines.
type Result struct {
	Observations []Observation // deduplicated, neither in error nor in conflict
	Aggregates   []Observation // published aggregates (codes that are not countries)
	Conflicts    []Conflict
	Findings     []Finding
	Read         int            // data rows read
	Skipped      map[int]string // line → catalogue key of why it was not stored
}

// Errors counts error findings; Conflicts counts conflicting keys.
func (r *Result) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == SevError {
			n++
		}
	}
	return n
}

// Blocking reports whether a strict import must stop.
func (r *Result) Blocking() bool { return r.Errors() > 0 || len(r.Conflicts) > 0 }

var (
	aggregateCode = regexp.MustCompile(`^[A-Z]{3}$|/`)
	routeCode     = regexp.MustCompile(`^[A-Z]{3}(>[A-Z]{3}){1,}$`)
)

// resolution is a label's country, once looked up.
type resolution struct {
	iso3 string
	ok   bool
}

// validator accumulates one file's observations and findings.
type validator struct {
	env      Env
	res      *Result
	rows     map[Key][]Observation
	aggs     map[Key][]Observation
	order    []Key // keys of rows in first-seen (line) order
	aggOrder []Key
	resolved map[string]resolution // citizenship labels already resolved
	warned   map[string]bool       // warnings said once per label
}

// Validate checks records (all of a file) and sorts them into what can be
// stored, conflicts and findings. It never stops at the first problem.
func Validate(records []Record, env Env) *Result {
	v := &validator{env: env, res: &Result{Skipped: map[int]string{}}, rows: map[Key][]Observation{},
		aggs: map[Key][]Observation{}, warned: map[string]bool{}, resolved: map[string]resolution{}}
	for _, rec := range records {
		v.record(rec)
	}
	v.res.Read = len(records)
	v.res.Observations = v.dedupe(v.rows, v.order, true)
	v.res.Aggregates = v.dedupe(v.aggs, v.aggOrder, false)
	v.breakdowns()
	sort.SliceStable(v.res.Findings, func(i, j int) bool { return firstLine(v.res.Findings[i]) < firstLine(v.res.Findings[j]) })
	return v.res
}

func firstLine(f Finding) int {
	if len(f.Lines) == 0 {
		return 0
	}
	return f.Lines[0]
}

func (v *validator) find(sev string, lines []int, key string, args ...any) {
	m := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		m[args[i].(string)] = args[i+1]
	}
	v.res.Findings = append(v.res.Findings, Finding{Severity: sev, Lines: lines, Key: key, Args: m})
}

func (v *validator) fail(line int, key string, args ...any) {
	v.find(SevError, []int{line}, key, args...)
	v.res.Skipped[line] = "stats.skipped_error"
}

// record checks one row and files it under its key.
func (v *validator) record(rec Record) {
	before := len(v.res.Findings)
	o := Observation{Line: rec.Line, Source: sourceOf(rec, v.env.Source), Status: StatusPublished,
		PublishedName: rec.Country, PublishedSource: rec.Source}
	code := strings.ToUpper(strings.TrimSpace(rec.ISO3))
	switch {
	case code == "":
		v.fail(rec.Line, "err.stats_code_blank", "Country", rec.Country)
	case v.env.Known(code):
		o.ISO3 = code
	case aggregateCode.MatchString(code):
		o.ISO3, o.Aggregate, o.Name, o.PublishedCode = code, true, strings.TrimSpace(rec.Country), rec.ISO3
		if !v.warned["agg:"+code] {
			v.warned["agg:"+code] = true
			v.find(SevWarning, []int{rec.Line}, "err.stats_aggregate_code", "Code", code)
		}
	default:
		v.fail(rec.Line, "err.stats_code_unknown", "Code", rec.ISO3)
	}
	if ind, ok := IndicatorByName(rec.Indicator); ok {
		o.Indicator = ind.Code
	} else {
		v.fail(rec.Line, "err.stats_indicator_unknown", "Value", rec.Indicator)
	}
	for _, t := range []struct {
		code   *string
		byName func(string) (Term, bool)
		name   string
		err    string
	}{
		{&o.Dimension, DimensionByName, rec.Dimension, "err.stats_dimension_unknown"},
		{&o.Sex, SexByName, rec.Sex, "err.stats_sex_unknown"},
		{&o.Age, AgeByName, rec.Age, "err.stats_age_unknown"},
		{&o.Unit, UnitByName, rec.Unit, "err.stats_unit_unknown"},
	} {
		if term, ok := t.byName(t.name); ok {
			*t.code = term.Code
		} else {
			v.fail(rec.Line, t.err, "Value", t.name)
		}
	}
	year, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rec.Year), ".0"))
	if err != nil || year < 1990 || year > v.env.Year {
		v.fail(rec.Line, "err.stats_year_invalid", "Value", rec.Year, "Max", v.env.Year)
	}
	o.Year = year
	val, problem := ParseValue(rec.Value)
	if problem != valueOK {
		v.fail(rec.Line, string(problem), "Value", rec.Value)
	}
	o.Value = val
	if o.Dimension != "" {
		v.category(rec, &o)
	}
	if len(v.res.Findings) > before && v.res.Skipped[rec.Line] != "" {
		return // in error: not stored
	}
	if o.Aggregate {
		if _, seen := v.aggs[o.Key]; !seen {
			v.aggOrder = append(v.aggOrder, o.Key)
		}
		v.aggs[o.Key] = append(v.aggs[o.Key], o)
	} else {
		if _, seen := v.rows[o.Key]; !seen {
			v.order = append(v.order, o.Key)
		}
		v.rows[o.Key] = append(v.rows[o.Key], o)
	}
}

// category checks the category against its dimension and, for country
// dimensions, resolves the country it names.
func (v *validator) category(rec Record, o *Observation) {
	cat := strings.TrimSpace(rec.Category)
	o.Category = cat
	switch o.Dimension {
	case DimTotal, DimExploitation, DimMode:
		for _, c := range append(slices.Clone(Categories[o.Dimension]), v.env.Categories[o.Dimension]...) {
			if strings.EqualFold(c, cat) {
				o.Category = c
				return
			}
		}
		v.fail(rec.Line, "err.stats_category_unknown", "Value", rec.Category, "Dimension", rec.Dimension)
	case DimRoute:
		if !routeCode.MatchString(strings.ToUpper(cat)) {
			v.fail(rec.Line, "err.stats_route_invalid", "Value", rec.Category)
			return
		}
		o.Category = strings.ToUpper(cat)
		for _, c := range strings.Split(o.Category, ">") {
			if !v.env.Known(c) {
				v.fail(rec.Line, "err.stats_route_invalid", "Value", rec.Category)
				return
			}
		}
	default: // citizenship, repatriation: countries as published
		switch {
		case cat == "":
			v.fail(rec.Line, "err.stats_category_blank", "Dimension", rec.Dimension)
		case strings.EqualFold(cat, CategoryNationals) && o.Dimension == DimCitizenship:
			o.Category, o.CategoryISO3 = CategoryNationals, o.ISO3
		case strings.EqualFold(cat, CategoryAbroad) && o.Dimension == DimRepatriation:
			o.Category = CategoryAbroad
		default:
			r, done := v.resolved[cat]
			if !done {
				r.iso3, r.ok = v.env.Resolve(cat)
				v.resolved[cat] = r
			}
			switch {
			case r.ok && r.iso3 == OwnCountry:
				o.CategoryISO3 = o.ISO3 // "Ciudadanos de su país": the country's nationals
			case r.ok:
				o.CategoryISO3 = r.iso3
			}
			if !r.ok && !v.warned["cat:"+cat] {
				v.warned["cat:"+cat] = true
				v.find(SevWarning, []int{rec.Line}, "err.stats_category_unresolved", "Value", cat)
			}
		}
	}
}

// dedupe collapses a key given twice with the same value (a duplicate,
// warned) and sets apart a key given different values (a conflict).
func (v *validator) dedupe(rows map[Key][]Observation, keys []Key, countries bool) []Observation {
	out := make([]Observation, 0, len(keys))
	for _, k := range keys {
		os := rows[k]
		lines := make([]int, len(os))
		same := true
		for i, o := range os {
			lines[i] = o.Line
			same = same && o.Value == os[0].Value
		}
		switch {
		case len(os) == 1:
			out = append(out, os[0])
		case same:
			v.find(SevDuplicate, lines, "err.stats_duplicate", "Key", k.String(), "Value", os[0].Value.String())
			out = append(out, os[0])
		case !countries:
			// Published aggregates are UNODC's; a clash there is reported,
			// and neither value kept.
			v.find(SevWarning, lines, "err.stats_aggregate_conflict", "Key", k.String())
		default:
			c := Conflict{Key: k, Unit: os[0].Unit}
			for _, o := range os {
				c.Candidates = append(c.Candidates, Candidate{Value: o.Value, Line: o.Line, Source: o.Source})
				v.res.Skipped[o.Line] = "stats.skipped_conflict"
			}
			v.res.Conflicts = append(v.res.Conflicts, c)
			v.find(SevConflict, lines, "err.stats_conflict", "Key", k.String(), "Values", candidatesText(c.Candidates))
		}
	}
	return out
}

// sourceOf records where a figure comes from: the row's own Source column
// (e.g. GLOTIP) and the file it was read from.
func sourceOf(rec Record, file string) string {
	src := strings.TrimSpace(rec.Source)
	switch {
	case src == "":
		return file
	case file == "":
		return src
	}
	return src + " (" + file + ")"
}
