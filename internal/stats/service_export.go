package stats

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
	FormatJSON = "json"
)

// ExportFilter narrows an export; zero fields do not filter.
type ExportFilter struct {
	Country   string
	Indicator string
	Statuses  []string // default: published only
	// Stored writes the counts as stored, small ones included, for moving
	// figures between tipsom databases: never for publication. Without it
	// the published figures are written as the public sees them (release.go).
	Stored bool
}

// rowsForExport returns the figures in the published layout's order,
// countries first, then the published aggregates.
func (s *Service) rowsForExport(ctx context.Context, f ExportFilter, regionName func(string) string) ([][]string, error) {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []string{StatusPublished}
	}
	var out [][]string
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT iso3, indicator, dimension, category, sex, age, year, unit, value_kind, value, source, status
			FROM stat_observations WHERE ($1 = '' OR iso3 = $1) AND ($2 = '' OR indicator = $2)
			ORDER BY iso3, indicator, dimension, category, sex, age, year`
		rel, err := s.exportRelease(ctx, tx, f)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, q, f.Country, f.Indicator)
		if err != nil {
			return err
		}
		allowed := map[string]bool{}
		for _, st := range statuses {
			allowed[st] = true
		}
		for rows.Next() {
			var k Key
			var unit, kind, source, status string
			var n sql.NullInt64
			if err := rows.Scan(&k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &kind, &n, &source, &status); err != nil {
				rows.Close()
				return err
			}
			if !allowed[status] {
				continue
			}
			v := scanValue(kind, n)
			if status == StatusPublished {
				v = rel.public(k, v)
			}
			c, _ := s.Geo.Country(k.ISO3)
			out = append(out, layoutRow(k, c.Name("en"), regionName(c.Region), regionName(c.Subregion), unit, v, source))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if f.Country != "" {
			return nil
		}
		rows, err = tx.QueryContext(ctx, `SELECT code, name, indicator, dimension, category, sex, age, year, unit, value_kind, value, source
			FROM stat_aggregates WHERE ($1 = '' OR indicator = $1) ORDER BY code, indicator, dimension, category, sex, age, year`, f.Indicator)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k Key
			var name, unit, kind, source string
			var n sql.NullInt64
			if err := rows.Scan(&k.ISO3, &name, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &kind, &n, &source); err != nil {
				return err
			}
			out = append(out, layoutRow(k, name, "", "", unit, scanValue(kind, n), source))
		}
		return rows.Err()
	})
	return out, err
}

// exportRelease is the disclosure rule over an export's scope, or nothing
// for an export of the stored counts.
func (s *Service) exportRelease(ctx context.Context, tx *sql.Tx, f ExportFilter) (released, error) {
	if f.Stored {
		return nil, nil
	}
	var sc releaseScope
	if f.Country != "" {
		sc.Countries = []string{f.Country}
	}
	if f.Indicator != "" {
		sc.Indicators = []string{f.Indicator}
	}
	return s.release(ctx, tx, sc)
}

func layoutRow(k Key, country, region, subregion, unit string, v Value, source string) []string {
	return []string{k.ISO3, country, region, subregion, IndicatorByCode(k.Indicator).Label, label(Dimensions, k.Dimension),
		k.Category, label(Sexes, k.Sex), label(Ages, k.Age), fmt.Sprint(k.Year), label(Units, unit), v.String(), source}
}

// Export writes the figures in the published layout: two rows of
// metadata, the header, the data; suppressed cells as "<5", withheld ones
// as "x".
func (s *Service) Export(ctx context.Context, w io.Writer, format string, f ExportFilter, regionName func(string) string) (int, error) {
	rows, err := s.rowsForExport(ctx, f, regionName)
	if err != nil {
		return 0, err
	}
	meta := [][]string{{"tipsom", "export"}, {s.Now().UTC().Format("02/01/2006")}}
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.WriteAll(append(append(meta, Columns), rows...))
		return len(rows), cw.Error()
	case FormatJSON:
		objs := make([]map[string]string, len(rows))
		for i, r := range rows {
			m := make(map[string]string, len(Columns))
			for j, c := range Columns {
				m[c] = r[j]
			}
			objs[i] = m
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		return len(rows), enc.Encode(objs)
	case FormatXLSX:
		return len(rows), writeXLSX(w, meta, rows)
	}
	return 0, fmt.Errorf("export format %q: want csv, xlsx or json", format)
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
