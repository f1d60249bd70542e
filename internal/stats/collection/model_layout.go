package collection

import (
	"github.com/tipsom/tipsom/internal/stats"
)

// Row is one line of the questionnaire, repeated for each year of a round.
// Label is its catalogue key. The citizenship rows after Nationals are
// free: the focal point names the country (Category), one row per country.
type Row struct {
	Label     string
	Dimension string
	Category  string
	Sex       string
	Age       string
}

// Sex and age codes the questionnaire uses (stats.Sexes, stats.Ages).
const (
	sexTotal  = "total"
	sexFemale = "female"
	sexMale   = "male"
	ageTotal  = "total"
	ageAdult  = "adult"
	ageChild  = "child"
)

// exploitationForms are the three published forms of exploitation, which
// partition the detected victims (stats.Categories lists them first).
var exploitationForms = stats.Categories[stats.DimExploitation][:3]

// formLabels name those forms in the catalogue, in the same order.
var formLabels = []string{"collection.form.sexual", "collection.form.labour", "collection.form.other"}

// countsPersons reports whether an indicator counts people, so it breaks
// down by sex, age and citizenship; offences are counted as offences.
func countsPersons(indicator string) bool { return indicator != "offences" }

// breaksDownByForm reports whether an indicator is collected by form of
// exploitation: the detected victims, as published.
func breaksDownByForm(indicator string) bool { return indicator == "detected_victims" }

// Rows returns the fixed rows of an indicator's questionnaire: the total;
// by sex and by age; women, men, girls and boys; the forms of exploitation
// (detected victims); Nationals. Free citizenship rows follow them.
func Rows(indicator string) []Row {
	total := func(label, sex, age string) Row {
		return Row{Label: label, Dimension: stats.DimTotal, Category: stats.CategoryTotal, Sex: sex, Age: age}
	}
	rows := []Row{total("collection.row.total", sexTotal, ageTotal)}
	if !countsPersons(indicator) {
		return rows
	}
	rows = append(rows,
		total("collection.row.female", sexFemale, ageTotal), total("collection.row.male", sexMale, ageTotal),
		total("collection.row.adults", sexTotal, ageAdult), total("collection.row.children", sexTotal, ageChild),
		total("collection.row.women", sexFemale, ageAdult), total("collection.row.men", sexMale, ageAdult),
		total("collection.row.girls", sexFemale, ageChild), total("collection.row.boys", sexMale, ageChild))
	if breaksDownByForm(indicator) {
		for i, form := range exploitationForms {
			rows = append(rows, Row{Label: formLabels[i], Dimension: stats.DimExploitation, Category: form, Sex: sexTotal, Age: ageTotal})
		}
	}
	return append(rows, Row{Label: "collection.row.nationals", Dimension: stats.DimCitizenship,
		Category: stats.CategoryNationals, Sex: sexTotal, Age: ageTotal})
}

// Key is the row's cell for indicator and year.
func (r Row) Key(indicator string, year int) CellKey {
	return CellKey{Indicator: indicator, Year: year, Dimension: r.Dimension, Category: r.Category, Sex: r.Sex, Age: r.Age}
}

// freeRow reports whether k is a free citizenship row: a named country
// (not Nationals), all sexes, all ages, of an indicator counting persons.
func freeRow(k CellKey) bool {
	return k.Dimension == stats.DimCitizenship && k.Category != stats.CategoryNationals && k.Sex == sexTotal &&
		k.Age == ageTotal && countsPersons(k.Indicator)
}

// rowIndex is k's place among its indicator's rows; free rows come last,
// -1 when k is not in the questionnaire at all.
func rowIndex(k CellKey) int {
	rows := Rows(k.Indicator)
	for i, r := range rows {
		if r.Dimension == k.Dimension && r.Category == k.Category && r.Sex == k.Sex && r.Age == k.Age {
			return i
		}
	}
	if freeRow(k) {
		return len(rows)
	}
	return -1
}

// InQuestionnaire reports whether round collects cell k.
func InQuestionnaire(r *Round, k CellKey) bool {
	return r.Covers(k.Indicator, k.Year) && rowIndex(k) >= 0
}

// rowLabel is the catalogue key naming k's row ("" for a free row, which
// its country names).
func rowLabel(k CellKey) string {
	rows := Rows(k.Indicator)
	if i := rowIndex(k); i >= 0 && i < len(rows) {
		return rows[i].Label
	}
	return ""
}
