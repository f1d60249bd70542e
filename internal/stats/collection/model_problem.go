package collection

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/stats"
)

// Problem severities: errors block a submit (a draft may keep them);
// warnings are shown and block nothing.
const (
	SevError   = "error"
	SevWarning = "warning"
)

// Problem is one thing validation found in a questionnaire, with the cells
// it concerns and, for an uploaded file, where it is in the spreadsheet
// ("L17": column letter and row).
type Problem struct {
	Severity string         `json:"severity"`
	Key      string         `json:"code"` // catalogue key of the message
	Args     map[string]any `json:"args,omitempty"`
	Cells    []CellKey      `json:"cells,omitempty"`
	Refs     []string       `json:"refs,omitempty"`
	Lines    []int          `json:"-"`
	Column   string         `json:"-"` // the layout column at fault, e.g. "txtVALUE"
}

// Translator is what messages need of a language (web.Localizer is one).
type Translator interface {
	T(key string, args ...any) string
}

// Message is the problem in t's language, without its location.
func (p Problem) Message(t Translator) string {
	return t.T(p.Key, maps.Clone(p.Args))
}

// Located is the message led by where the problem is: the spreadsheet
// cells of an upload, else the questionnaire cell.
func (p Problem) Located(t Translator) string {
	switch {
	case len(p.Refs) > 0:
		return strings.Join(p.Refs, ", ") + ": " + p.Message(t)
	case len(p.Cells) > 0:
		return Describe(t, p.Cells[0]) + ": " + p.Message(t)
	}
	return p.Message(t)
}

// Describe names a cell in t's language: indicator, year and row.
func Describe(t Translator, k CellKey) string {
	row := rowLabel(k)
	what := ""
	switch {
	case row != "":
		what = t.T(row)
	case freeRow(k) && k.Category != "":
		what = t.T("collection.row.citizens_of", "Country", k.Category)
	case freeRow(k):
		what = t.T("collection.row.citizenship")
	default:
		what = t.T("collection.cell_other", "Dimension", t.T("stats.dim."+k.Dimension), "Category", k.Category,
			"Sex", t.T("stats.sex."+k.Sex), "Age", t.T("stats.age."+k.Age))
	}
	return t.T("collection.cell_label", "Indicator", t.T("stats.ind."+k.Indicator), "Year", strconv.Itoa(k.Year), "Row", what)
}

// columnOf is the layout column a stats finding points at.
func columnOf(key string) string {
	switch key {
	case "err.stats_code_blank", "err.stats_code_unknown", "err.stats_aggregate_code":
		return "Iso3_code"
	case "err.stats_indicator_unknown", "err.collection_indicator_outside":
		return "Indicator"
	case "err.stats_dimension_unknown", "err.collection_cell_outside":
		return "Dimension"
	case "err.stats_category_unknown", "err.stats_category_blank", "err.stats_category_unresolved", "err.stats_route_invalid":
		return "Category"
	case "err.stats_sex_unknown":
		return "Sex"
	case "err.stats_age_unknown":
		return "Age"
	case "err.stats_year_invalid", "err.collection_year_outside":
		return "Year"
	case "err.stats_unit_unknown":
		return "Unit of measurement"
	case "err.collection_other_country":
		return "Iso3_code"
	}
	return "txtVALUE"
}

// columnLetter is a layout column's letter in the spreadsheet (txtVALUE is L).
func columnLetter(name string) string {
	i := slices.Index(stats.Columns, name)
	if i < 0 {
		i = slices.Index(stats.Columns, "txtVALUE")
	}
	return string(rune('A' + i))
}

// locate sets the spreadsheet references of problems found in an upload.
func locate(ps []Problem) {
	for i := range ps {
		ps[i].Refs = nil
		for _, l := range ps[i].Lines {
			ps[i].Refs = append(ps[i].Refs, columnLetter(ps[i].Column)+strconv.Itoa(l))
		}
	}
}

// countErrors counts the problems that block a submit.
func countErrors(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == SevError {
			n++
		}
	}
	return n
}
