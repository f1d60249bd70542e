package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Table is what a page shows and what its downloads hold, built once from
// protected figures: the page renders it, CSV and XLSX write it, and the
// chart beside it reads its values. So a download is exactly the table
// shown, and the chart shows nothing the table does not.
type Table struct {
	ID      string
	Caption string
	Corner  string // heading of the label column
	Columns []string
	// Heads, when set, are the columns' headings as the page shows them
	// (years in the reader's digits); downloads write Columns.
	Heads []string
	Rows  []TableRow
}

// Head is column i's heading on the page.
func (t *Table) Head(i int) string {
	if i < len(t.Heads) {
		return t.Heads[i]
	}
	return t.Columns[i]
}

// TableRow is one row: its label (a th scope=row on the page) and cells.
type TableRow struct {
	Code  string
	Label string
	Href  string
	Total bool
	Cells []TableCell
}

// TableCell is one cell, as downloads write it and as the page shows it.
type TableCell struct {
	Text  string   // downloads: digits, decimals with a point, or a flag ("<5", "..", "x", "–", "")
	Show  string   // the page: the same, in the language's number format
	Value *float64 // the number, for charts and XLSX; nil for a flag
	Class string
}

// NoPopText marks a rate without population.
const NoPopText = "–"

// flagCell is a cell without a number.
func flagCell(text, class string) TableCell {
	return TableCell{Text: text, Show: text, Class: class}
}

// numberCell is a count or a decimal rounded to digits; show formats it
// for the page. The value kept for charts and XLSX is the rounded one, so
// they hold no more than the page shows.
func numberCell(v float64, digits int, show string) TableCell {
	text := strconv.FormatFloat(v, 'f', digits, 64)
	rounded, _ := strconv.ParseFloat(text, 64)
	return TableCell{Text: text, Show: show, Value: &rounded, Class: "num"}
}

// WriteCSV writes the table: the heading row, then one line per row.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{t.Corner}, t.Columns...)); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range t.Rows {
		line := make([]string, 0, len(r.Cells)+1)
		line = append(line, r.Label)
		for _, c := range r.Cells {
			line = append(line, c.Text)
		}
		if err := cw.Write(line); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the table on a sheet "data", numbers as numbers, and
// what it is on a sheet "about" (caption, notes).
func (t *Table) WriteXLSX(w io.Writer, notes []string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "data"); err != nil {
		return err
	}
	put := func(sheet string, row int, cells []any) error {
		ref, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sheet, ref, &cells)
	}
	head := []any{t.Corner}
	for _, c := range t.Columns {
		head = append(head, c)
	}
	if err := put("data", 1, head); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for i, r := range t.Rows {
		line := []any{r.Label}
		for _, c := range r.Cells {
			if c.Value != nil {
				line = append(line, *c.Value)
			} else {
				line = append(line, c.Text)
			}
		}
		if err := put("data", i+2, line); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	if _, err := f.NewSheet("about"); err != nil {
		return err
	}
	for i, n := range append([]string{t.Caption}, notes...) {
		if err := put("about", i+1, []any{n}); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// Width is the number of columns, the label column included.
func (t *Table) Width() int { return len(t.Columns) + 1 }
