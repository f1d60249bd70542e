package collection

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/stats"
)

// checked is a questionnaire after validation: the cells it fills, the
// observations a version would hold, and what is wrong.
type checked struct {
	cells    []DraftCell         // rows placed in the questionnaire, one per cell, in file order
	obs      []stats.Observation // valid observations, neither in error nor in conflict
	problems []Problem
	unplaced int // rows with a value that fit no cell of the round
}

// errors counts what blocks a submit.
func (c *checked) errors() int { return countErrors(c.problems) }

// check validates the rows of a questionnaire for country iso3 in round r:
// first what only a national submission must respect (its own country, the
// round's years and indicators, the questionnaire's cells), then everything
// stats.Validate checks. Rows without a value are the questionnaire's empty
// cells and are skipped. A breakdown exceeding its total, a warning in
// UNODC's published data, is an error here: the country can fix it.
func check(records []stats.Record, r *Round, iso3 string, env stats.Env) *checked {
	c := &checked{}
	lineCell, lineValue := map[int]CellKey{}, map[int]string{}
	var pass []stats.Record
	seen := map[CellKey]bool{}
	for _, rec := range records {
		text := strings.TrimSpace(rec.Value)
		if text == "" {
			continue
		}
		k, placed, p := place(rec, r, iso3)
		if p != nil {
			c.problems = append(c.problems, *p)
			c.unplaced++
			continue
		}
		pass = append(pass, rec)
		if !placed {
			c.unplaced++ // a term stats does not know; Validate says which
			continue
		}
		lineCell[rec.Line], lineValue[rec.Line] = k, text
		if !seen[k] {
			seen[k] = true
			c.cells = append(c.cells, DraftCell{CellKey: k, Text: text})
		}
	}
	res := stats.Validate(pass, env)
	for _, f := range res.Findings {
		c.problems = append(c.problems, problemOf(f, lineCell, lineValue))
	}
	c.obs = res.Observations
	slices.SortStableFunc(c.problems, func(a, b Problem) int { return firstLine(a) - firstLine(b) })
	return c
}

func firstLine(p Problem) int {
	if len(p.Lines) == 0 {
		return 0
	}
	return p.Lines[0]
}

// place finds a row's cell. It returns a problem when the row is readable
// but not this questionnaire's (another country, a year or indicator
// outside the round, a breakdown not collected), and placed=false without a
// problem when a term is unreadable, which stats.Validate then reports. A
// citizenship row without its country is placed, so a draft keeps the
// value while stats.Validate reports the blank category.
func place(rec stats.Record, r *Round, iso3 string) (CellKey, bool, *Problem) {
	fail := func(key string, args ...any) (CellKey, bool, *Problem) {
		p := &Problem{Severity: SevError, Key: key, Args: map[string]any{}, Lines: []int{rec.Line}}
		for i := 0; i+1 < len(args); i += 2 {
			p.Args[args[i].(string)] = args[i+1]
		}
		p.Column = columnOf(key)
		return CellKey{}, false, p
	}
	if code := strings.ToUpper(strings.TrimSpace(rec.ISO3)); code != "" && code != iso3 {
		return fail("err.collection_other_country", "Code", code, "Want", iso3)
	}
	ind, indOK := stats.IndicatorByName(rec.Indicator)
	if indOK && !slices.Contains(r.Indicators, ind.Code) {
		return fail("err.collection_indicator_outside", "Value", rec.Indicator)
	}
	year, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rec.Year), ".0"))
	if err == nil && !slices.Contains(r.Years, year) {
		return fail("err.collection_year_outside", "Value", rec.Year, "Years", YearsText(r.Years))
	}
	dim, dimOK := stats.DimensionByName(rec.Dimension)
	sex, sexOK := stats.SexByName(rec.Sex)
	age, ageOK := stats.AgeByName(rec.Age)
	if !indOK || err != nil || !dimOK || !sexOK || !ageOK {
		return CellKey{}, false, nil
	}
	k := CellKey{Indicator: ind.Code, Year: year, Dimension: dim.Code, Category: canonicalCategory(dim.Code, rec.Category),
		Sex: sex.Code, Age: age.Code}
	if rowIndex(k) < 0 {
		return fail("err.collection_cell_outside")
	}
	return k, true, nil
}

// canonicalCategory writes a category as the questionnaire does ("total"
// → "Total"); country names stay as the focal point wrote them.
func canonicalCategory(dim, cat string) string {
	cat = strings.TrimSpace(cat)
	known := append([]string{stats.CategoryTotal, stats.CategoryNationals}, exploitationForms...)
	if dim == stats.DimExploitation || dim == stats.DimTotal || strings.EqualFold(cat, stats.CategoryNationals) {
		for _, c := range known {
			if strings.EqualFold(c, cat) {
				return c
			}
		}
	}
	return cat
}

// problemOf turns a stats finding into a problem on the cells of its lines.
func problemOf(f stats.Finding, lineCell map[int]CellKey, lineValue map[int]string) Problem {
	p := Problem{Severity: SevWarning, Key: f.Key, Args: f.Args, Lines: f.Lines, Column: columnOf(f.Key)}
	for _, l := range f.Lines {
		if k, ok := lineCell[l]; ok && !slices.Contains(p.Cells, k) {
			p.Cells = append(p.Cells, k)
		}
	}
	switch {
	case f.Key == "err.stats_breakdown_exceeds":
		p.Severity, p.Args = SevError, map[string]any{"Total": f.Args["Total"], "Sum": f.Args["Sum"]}
		switch f.Args["Breakdown"] {
		case "sex":
			p.Key = "err.collection_sex_exceeds"
		case "age":
			p.Key = "err.collection_age_exceeds"
		default:
			p.Key = "err.collection_forms_exceed"
		}
	case f.Severity == stats.SevConflict:
		var values []string
		for _, l := range f.Lines {
			values = append(values, lineValue[l])
		}
		p.Severity, p.Key, p.Args = SevError, "err.collection_conflict", map[string]any{"Values": strings.Join(values, ", ")}
	case f.Severity == stats.SevDuplicate:
		p.Key, p.Args = "err.collection_duplicate", map[string]any{"Value": f.Args["Value"]}
	case f.Severity == stats.SevError:
		p.Severity = SevError
	}
	return p
}

// records writes draft cells as rows of the published layout, line i+1
// for cell i, so the web form and the API validate exactly as an upload.
func records(cells []DraftCell, iso3 string) []stats.Record {
	out := make([]stats.Record, len(cells))
	for i, c := range cells {
		out[i] = stats.Record{Line: i + 1, ISO3: iso3, Indicator: c.Indicator, Dimension: c.Dimension, Category: c.Category,
			Sex: c.Sex, Age: c.Age, Year: strconv.Itoa(c.Year), Unit: "counts", Value: c.Text}
	}
	return out
}
