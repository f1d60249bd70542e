package collection

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/stats"
)

// maxFreeRows caps the citizenship rows one form may post per indicator.
const maxFreeRows = 60

// gridTable is one indicator of the web form: a row per questionnaire
// row, a column per year.
type gridTable struct {
	ID      string
	Caption string
	Years   []int
	Rows    []gridRow
}

// gridRow is a questionnaire row; a free row also has its country choice.
type gridRow struct {
	Label    string
	Free     bool
	CatID    string // the country choice of a free row
	Category string
	Other    bool // Category names no country of the list (kept as written)
	Cells    []gridCell
}

// moreFreeRows is how many blank citizenship rows "add rows" adds.
const moreFreeRows = 5

// gridCell is one input: its stable id (also its name), a label for
// screen readers, the value and the messages shown beside it.
type gridCell struct {
	ID       string
	Label    string
	Value    string
	Messages []string
	Error    bool
}

// freeCellID and freeCatID name the inputs of the n-th free citizenship
// row of an indicator: its country and its value for each year.
func freeCellID(ind string, year, n int) string {
	return "cell-" + sanitise(ind) + "-" + strconv.Itoa(year) + "-citizenship-free" + strconv.Itoa(n) + "-total-total"
}

func freeCatID(ind string, n int) string { return "cat-" + sanitise(ind) + "-free" + strconv.Itoa(n) }

// buildGrid lays values out as the form's tables, in t's language, with
// the problems beside their cells; blank free rows are added when
// editable (blanks of them per indicator, at least blankFreeRows, as many
// as maxFreeRows allows). It returns the id of the input showing each
// cell, for links.
func buildGrid(r *Round, values map[CellKey]string, problems []Problem, t Translator, editable bool, blanks int) ([]gridTable, map[CellKey]string) {
	where := map[CellKey]string{}
	var tables []gridTable
	for _, ind := range r.Indicators {
		tbl := gridTable{ID: "grid-" + sanitise(ind), Caption: t.T("stats.ind." + ind), Years: r.Years}
		for _, row := range Rows(ind) {
			gr := gridRow{Label: t.T(row.Label)}
			for _, y := range r.Years {
				k := row.Key(ind, y)
				where[k] = k.ID()
				gr.Cells = append(gr.Cells, gridCell{ID: k.ID(), Label: t.T("collection.cell_year", "Row", gr.Label, "Year", y), Value: values[k]})
			}
			tbl.Rows = append(tbl.Rows, gr)
		}
		if countsPersons(ind) {
			tbl.Rows = append(tbl.Rows, freeRows(ind, r.Years, values, t, editable, blanks, where)...)
		}
		tables = append(tables, tbl)
	}
	messages := map[string][]string{}
	for _, p := range problems {
		if len(p.Cells) > 0 && where[p.Cells[0]] != "" {
			id := where[p.Cells[0]]
			messages[id] = append(messages[id], p.Message(t))
		}
	}
	for i := range tables {
		for j := range tables[i].Rows {
			for k := range tables[i].Rows[j].Cells {
				c := &tables[i].Rows[j].Cells[k]
				c.Messages, c.Error = messages[c.ID], len(messages[c.ID]) > 0
			}
		}
	}
	return tables, where
}

// freeRows are an indicator's citizenship rows: one per country the
// values hold, then blank ones to add countries when editable.
func freeRows(ind string, years []int, values map[CellKey]string, t Translator, editable bool, blanks int, where map[CellKey]string) []gridRow {
	var cats []string
	for k := range values {
		if k.Indicator == ind && freeRow(k) && !slices.Contains(cats, k.Category) {
			cats = append(cats, k.Category)
		}
	}
	slices.Sort(cats)
	held := len(cats)
	if editable {
		for range min(max(blanks, blankFreeRows), maxFreeRows-held) {
			cats = append(cats, "")
		}
	}
	var rows []gridRow
	for n, cat := range cats {
		gr := gridRow{Free: true, CatID: freeCatID(ind, n+1), Category: cat, Label: t.T("collection.row.citizenship")}
		if cat != "" {
			gr.Label = t.T("collection.row.citizens_of", "Country", cat)
		}
		for _, y := range years {
			k := CellKey{Indicator: ind, Year: y, Dimension: stats.DimCitizenship, Category: cat, Sex: sexTotal, Age: ageTotal}
			id, value := freeCellID(ind, y, n+1), ""
			if n < held {
				where[k], value = id, values[k]
			}
			gr.Cells = append(gr.Cells, gridCell{ID: id, Label: t.T("collection.cell_year", "Row", gr.Label, "Year", y), Value: value})
		}
		rows = append(rows, gr)
	}
	return rows
}

// parseGrid reads the form's cells back (blank inputs are empty cells).
func parseGrid(r *Round, form url.Values) []DraftCell {
	var out []DraftCell
	add := func(k CellKey, v string) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, DraftCell{CellKey: k, Text: v})
		}
	}
	for _, ind := range r.Indicators {
		for _, row := range Rows(ind) {
			for _, y := range r.Years {
				k := row.Key(ind, y)
				add(k, form.Get(k.ID()))
			}
		}
		if !countsPersons(ind) {
			continue
		}
		for n := 1; n <= maxFreeRows; n++ {
			if _, ok := form[freeCatID(ind, n)]; !ok {
				break
			}
			cat := strings.TrimSpace(form.Get(freeCatID(ind, n)))
			for _, y := range r.Years {
				add(CellKey{Indicator: ind, Year: y, Dimension: stats.DimCitizenship, Category: cat, Sex: sexTotal, Age: ageTotal},
					form.Get(freeCellID(ind, y, n)))
			}
		}
	}
	return out
}

// valuesOf maps draft cells to their texts.
func valuesOf(cells []DraftCell) map[CellKey]string {
	out := make(map[CellKey]string, len(cells))
	for _, c := range cells {
		out[c.CellKey] = c.Text
	}
	return out
}

// versionValues maps a version's cells to their texts.
func versionValues(cells []Cell) map[CellKey]string {
	out := make(map[CellKey]string, len(cells))
	for _, c := range cells {
		out[c.CellKey] = c.Value.String()
	}
	return out
}
