package stats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// Columns is the published layout's header, in order.
var Columns = []string{"Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age",
	"Year", "Unit of measurement", "txtVALUE", "Source"}

// Record is one data row of the published layout, as written, with the
// line (CSV) or row (XLSX) it came from.
type Record struct {
	Line                                int
	ISO3, Country, Region, Subregion    string
	Indicator, Dimension, Category      string
	Sex, Age, Year, Unit, Value, Source string
}

func recordOf(line int, c []string) Record {
	for len(c) < len(Columns) {
		c = append(c, "")
	}
	return Record{Line: line, ISO3: c[0], Country: c[1], Region: c[2], Subregion: c[3], Indicator: c[4], Dimension: c[5],
		Category: c[6], Sex: c[7], Age: c[8], Year: c[9], Unit: c[10], Value: c[11], Source: c[12]}
}

// isHeader reports whether cells are the layout's header (case and spaces
// aside, a BOM tolerated).
func isHeader(cells []string) bool {
	if len(cells) < len(Columns) {
		return false
	}
	for i, want := range Columns {
		got := strings.TrimSpace(strings.TrimPrefix(cells[i], "\ufeff"))
		if !strings.EqualFold(got, want) {
			return false
		}
	}
	return true
}

// headerError explains a missing header.
func headerError() error {
	return errs.Invalid().Field("line 3", "err.stats_header", "Want", strings.Join(Columns, ","))
}

// ReadFile reads a file in the published layout, XLSX or CSV (told apart by
// its first bytes), calling fn for each data row. The header is the first
// row that matches it within the first three (dataUNODC puts two rows of
// metadata before it). The file is held to lim: its size, the size of a
// spreadsheet unzipped, and the number of data rows, each refused with the
// limit's error as soon as it is passed.
func ReadFile(data []byte, lim intake.Limits, fn func(Record) error) error {
	if err := lim.CheckBytes("file", int64(len(data))); err != nil {
		return err
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data, lim, fn)
	}
	return readCSV(bytes.NewReader(data), lim, fn)
}

func readCSV(r io.Reader, lim intake.Limits, fn func(Record) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, rows := false, 0
	for row := 1; ; row++ {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := row
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return errs.Invalid().Field(fmt.Sprintf("line %d", line), "err.stats_csv_unreadable", "Detail", err.Error())
		}
		if !header {
			if isHeader(cells) {
				header = true
				continue
			}
			if row >= 3 {
				return headerError()
			}
			continue
		}
		if len(cells) == 1 && strings.TrimSpace(cells[0]) == "" {
			continue
		}
		if rows++; lim.CheckRow("file", rows) != nil {
			return lim.CheckRow("file", rows)
		}
		line, _ := cr.FieldPos(0)
		if err := fn(recordOf(line, cells)); err != nil {
			return err
		}
	}
	if !header {
		return headerError()
	}
	return nil
}

func readXLSX(data []byte, lim intake.Limits, fn func(Record) error) error {
	f, err := intake.OpenXLSX("file", data, lim)
	if errors.Is(err, intake.ErrUnreadable) {
		return errs.Invalid().Field("file", "err.stats_xlsx_unreadable", "Detail", err.Error())
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errs.Invalid().Field("file", "err.stats_xlsx_unreadable", "Detail", "no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return errs.Invalid().Field("file", "err.stats_xlsx_unreadable", "Detail", err.Error())
	}
	defer rows.Close()
	header, n := false, 0
	for row := 1; rows.Next(); row++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return errs.Invalid().Field(fmt.Sprintf("line %d", row), "err.stats_xlsx_unreadable", "Detail", err.Error())
		}
		if !header {
			if isHeader(cells) {
				header = true
			} else if row >= 3 {
				return headerError()
			}
			continue
		}
		if len(cells) == 0 {
			continue
		}
		if n++; lim.CheckRow("file", n) != nil {
			return lim.CheckRow("file", n)
		}
		if err := fn(recordOf(row, cells)); err != nil {
			return err
		}
	}
	if !header {
		return headerError()
	}
	return rows.Error()
}
