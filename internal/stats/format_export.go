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

// writeXLSX streams the layout into one sheet, Year as a number and every
// other cell as text, as dataUNODC publishes it.
func writeXLSX(w io.Writer, meta, rows [][]string) error {
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
