package collection

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/stats"
)

// dataSheet is the questionnaire's first sheet, named as dataUNODC names
// it: stats.ReadFile reads the first sheet, so an upload reads it back.
const dataSheet = "data_glotip_1"

// blankFreeRows are the empty citizenship rows offered per indicator and
// year, for the countries of citizenship a focal point adds.
const blankFreeRows = 3

// xlsxRow is one questionnaire line: its cell, value and description.
type xlsxRow struct {
	key         CellKey
	value, note string
}

// questionnaireRows lists the lines in questionnaire order: each
// indicator and year's fixed rows, the citizenship rows the draft holds,
// then blank citizenship rows.
func questionnaireRows(r *Round, draft []DraftCell, t Translator) []xlsxRow {
	held := map[CellKey]string{}
	for _, c := range draft {
		held[c.CellKey] = c.Text
	}
	var out []xlsxRow
	for _, ind := range r.Indicators {
		for _, y := range r.Years {
			for _, row := range Rows(ind) {
				k := row.Key(ind, y)
				out = append(out, xlsxRow{key: k, value: held[k], note: Describe(t, k)})
			}
			if !countsPersons(ind) {
				continue
			}
			for _, c := range draft {
				if c.Indicator == ind && c.Year == y && freeRow(c.CellKey) {
					out = append(out, xlsxRow{key: c.CellKey, value: c.Text, note: Describe(t, c.CellKey)})
				}
			}
			for range blankFreeRows {
				k := CellKey{Indicator: ind, Year: y, Dimension: stats.DimCitizenship, Sex: sexTotal, Age: ageTotal}
				out = append(out, xlsxRow{key: k, note: t.T("collection.xlsx_free_row", "Indicator", t.T("stats.ind."+ind), "Year", strconv.Itoa(y))})
			}
		}
	}
	return out
}

// writeData streams the layout into the first sheet, Year as a number and
// every other cell as text; txtVALUE is formatted as text and shaded so
// the cells to fill stand out.
func (s *Service) writeData(f *excelize.File, sub *Submission, r *Round, draft []DraftCell, t Translator) error {
	if err := f.SetSheetName("Sheet1", dataSheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	fill, err := f.NewStyle(&excelize.Style{NumFmt: 49, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF4C2"}},
		Border: []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
			{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(dataSheet)
	if err != nil {
		return err
	}
	for col, width := range map[int]float64{2: 16, 5: 30, 6: 24, 7: 26, 9: 16, 12: 12, 14: 60} {
		if err := sw.SetColWidth(col, col, width); err != nil {
			return err
		}
	}
	country, _ := s.Geo.Country(sub.ISO3)
	region, subregion := "", ""
	if s.RegionName != nil {
		region, subregion = s.RegionName(country.Region), s.RegionName(country.Subregion)
	}
	lines := [][]any{{"tipsom", "questionnaire"}, {s.Now().UTC().Format("02/01/2006"), r.Name}}
	header := make([]any, 0, len(stats.Columns)+2)
	for _, c := range stats.Columns {
		header = append(header, excelize.Cell{StyleID: head, Value: c})
	}
	lines = append(lines, append(header, excelize.Cell{StyleID: head, Value: t.T("collection.xlsx_description")}))
	for _, row := range questionnaireRows(r, draft, t) {
		k := row.key
		lines = append(lines, []any{sub.ISO3, country.Name("en"), region, subregion, stats.IndicatorByCode(k.Indicator).Label,
			termLabel(stats.Dimensions, k.Dimension), k.Category, termLabel(stats.Sexes, k.Sex), termLabel(stats.Ages, k.Age), k.Year,
			"Counts", excelize.Cell{StyleID: fill, Value: row.value}, "", row.note})
	}
	for i, cells := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// termLabel is the published label of code in terms.
func termLabel(terms []stats.Term, code string) string {
	for _, t := range terms {
		if t.Code == code {
			return t.Label
		}
	}
	return code
}

// writeInstructions adds the instructions sheet in t's language.
func writeInstructions(f *excelize.File, sub *Submission, r *Round, t Translator) error {
	name := sheetName(t.T("collection.xlsx_sheet"))
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	lines := []string{
		t.T("collection.xlsx_title", "Country", sub.ISO3, "Round", r.Name),
		t.T("collection.xlsx_scope", "Years", YearsText(r.Years), "Deadline", r.Deadline),
		"",
		t.T("collection.xlsx_step_fill"),
		t.T("collection.xlsx_step_keep"),
		t.T("collection.xlsx_step_citizenship"),
		t.T("collection.xlsx_step_totals"),
		t.T("collection.xlsx_step_upload", "Path", fmt.Sprintf("/stats/collection/submissions/%d", sub.ID)),
	}
	if err := f.SetColWidth(name, "A", "A", 120); err != nil {
		return err
	}
	for i, l := range lines {
		if err := f.SetCellStr(name, "A"+strconv.Itoa(i+1), l); err != nil {
			return err
		}
	}
	idx, err := f.GetSheetIndex(name)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return nil
}

// sheetName makes s a valid sheet name: no []:*?/\ and at most 31 characters.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return -1
		}
		return r
	}, s)
	if rs := []rune(s); len(rs) > 31 {
		s = string(rs[:31])
	}
	if strings.TrimSpace(s) == "" {
		return "Instructions"
	}
	return s
}
