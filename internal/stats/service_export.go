package stats

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
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
	allowed := map[string]bool{}
	for _, st := range statuses {
		allowed[st] = true
	}
	var out [][]string
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rel, err := s.exportRelease(ctx, tx, f)
		if err != nil {
			return err
		}
		err = exportObservations(ctx, tx, f.Country, f.Indicator, func(k Key, unit string, v Value, source, status string) {
			if !allowed[status] {
				return
			}
			if status == StatusPublished {
				v = rel.public(k, v)
			}
			c, _ := s.Geo.Country(k.ISO3)
			out = append(out, layoutRow(k, c.Name("en"), regionName(c.Region), regionName(c.Subregion), unit, v, source))
		})
		if err != nil || f.Country != "" {
			return err
		}
		return exportAggregates(ctx, tx, f.Indicator, func(k Key, name, unit string, v Value, source string) {
			out = append(out, layoutRow(k, name, "", "", unit, v, source))
		})
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
