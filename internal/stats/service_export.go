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
	// Explain writes a finding's message for the note of what was left
	// out (the English catalogue, on the command line); nil writes its key.
	Explain func(key string, args map[string]any) string
}

// publishedAs is how the imported file wrote a figure's row: its Country
// and Source cells, "" when the figure came from elsewhere.
type publishedAs struct{ Name, Source string }

// LeftOut is a row of an imported file that no export gives back, and why:
// a row in error (never stored) or in conflict (withheld until an analyst
// chooses).
type LeftOut struct {
	File     string
	Line     int
	Severity string
	Why      string
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
		err = exportObservations(ctx, tx, f.Country, f.Indicator, func(k Key, unit string, v Value, source, status string, pub publishedAs) {
			if !allowed[status] {
				return
			}
			if status == StatusPublished {
				v = rel.public(k, v)
			}
			c, _ := s.Geo.Country(k.ISO3)
			name := c.Name("en")
			if pub.Name != "" {
				name = pub.Name // the file's own name: an export gives back the published row
			}
			if pub.Source != "" {
				source = pub.Source
			}
			out = append(out, layoutRow(k, name, regionName(c.Region), regionName(c.Subregion), unit, v, source))
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

// LeftOut lists the rows of the imported files (each file's latest import)
// that are not among the figures: rows in error, never stored, and rows in
// conflict, withheld until resolved — for the note an export carries.
func (s *Service) LeftOut(ctx context.Context, explain func(string, map[string]any) string) ([]LeftOut, error) {
	var files [][2]string
	if err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		files, err = importFindings(ctx, tx)
		return err
	}); err != nil {
		return nil, err
	}
	var out []LeftOut
	for _, f := range files {
		var fs []Finding
		if err := json.Unmarshal([]byte(f[1]), &fs); err != nil {
			return nil, fmt.Errorf("findings of %s: %w", f[0], err)
		}
		for _, x := range fs {
			if x.Severity != SevError && x.Severity != SevConflict {
				continue
			}
			why := x.Key
			if explain != nil {
				why = explain(x.Key, x.Args)
			}
			for _, l := range x.Lines {
				out = append(out, LeftOut{File: f[0], Line: l, Severity: x.Severity, Why: why})
			}
		}
	}
	return out, nil
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
		var left []LeftOut
		if f.Country == "" && f.Indicator == "" {
			if left, err = s.LeftOut(ctx, f.Explain); err != nil {
				return 0, err
			}
		}
		return len(rows), writeXLSX(w, meta, rows, left)
	}
	return 0, fmt.Errorf("export format %q: want csv, xlsx or json", format)
}
