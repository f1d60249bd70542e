package stats

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

func layoutRow(k Key, country, region, subregion, unit string, v Value, source string) []string {
	return []string{k.ISO3, country, region, subregion, IndicatorByCode(k.Indicator).Label, Label(Dimensions, k.Dimension),
		k.Category, Label(Sexes, k.Sex), Label(Ages, k.Age), fmt.Sprint(k.Year), Label(Units, unit), v.String(), source}
}

// LeftOutSheet is the export's second sheet: the note of the imported rows
// it does not give back, and why.
const LeftOutSheet = "left_out"

// writeXLSX streams the layout into one sheet, Year as a number and every
// other cell as text, as dataUNODC publishes it; the rows left out, if any,
// go in a second sheet.
func writeXLSX(w io.Writer, meta, rows [][]string, left []LeftOut) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "data_glotip_1"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	line := 1
	put := func(cells []any) error {
		cell, _ := excelize.CoordinatesToCellName(1, line)
		line++
		return sw.SetRow(cell, cells)
	}
	for _, m := range meta {
		if err := put(anyRow(m, -1)); err != nil {
			return err
		}
	}
	if err := put(anyRow(Columns, -1)); err != nil {
		return err
	}
	for _, r := range rows {
		if err := put(anyRow(r, 9)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if len(left) > 0 {
		if _, err := f.NewSheet(LeftOutSheet); err != nil {
			return err
		}
		lw, err := f.NewStreamWriter(LeftOutSheet)
		if err != nil {
			return err
		}
		head := []any{"File", "Line", "Kind", "Why it is not in this export"}
		if err := lw.SetRow("A1", head); err != nil {
			return err
		}
		for i, l := range left {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := lw.SetRow(cell, []any{l.File, l.Line, l.Severity, l.Why}); err != nil {
				return err
			}
		}
		if err := lw.Flush(); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// anyRow converts a row for the stream writer, the column numeric (Year) as
// a number.
func anyRow(r []string, numeric int) []any {
	out := make([]any, len(r))
	for i, v := range r {
		out[i] = v
		if i == numeric {
			var n int
			if _, err := fmt.Sscan(v, &n); err == nil {
				out[i] = n
			}
		}
	}
	return out
}
