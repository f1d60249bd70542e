// Package bench holds the data generators and the benchmarks that measure
// tipsom at the scale the issues ask for. Generators are deterministic (a
// seeded math/rand), so a figure measured today and one measured next month
// come from the same file.
package bench

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// Years are the years generated files cover, as the published GLOTIP data does.
const (
	FirstYear = 2003
	LastYear  = 2022
)

// Spec says what file to generate: how many data rows, from which seed.
type Spec struct {
	Rows int
	Seed uint64
}

// Place is a country the generated file reports for, named as the file
// names it.
type Place struct {
	ISO3, Name, Region, Subregion string
}

// Places returns the countries generated files use: geo's UN member and
// observer States (about 195), with their English names and M49 region and
// sub-region names — only those whose name resolves back to them, so every
// citizenship category the generator writes is one the importer resolves.
func Places() ([]Place, error) {
	regionNames, err := m49Names()
	if err != nil {
		return nil, err
	}
	un := map[string]bool{}
	for _, iso3 := range geo.UNSpellings() {
		un[iso3] = true
	}
	countries := geo.NewService(nil).Countries()
	names := geo.NewNames(countries)
	var out []Place
	for _, c := range countries {
		name := c.Name("en")
		if iso3, ok := names.ISO3(name); !un[c.ISO3] || !ok || iso3 != c.ISO3 || c.Region == "" {
			continue
		}
		out = append(out, Place{ISO3: c.ISO3, Name: name, Region: regionNames[c.Region], Subregion: regionNames[c.Subregion]})
	}
	return out, nil
}

// m49Names reads the English names of the M49 regions from geo's catalogue.
func m49Names() (map[string]string, error) {
	b, err := geo.Locales.ReadFile("locales/en.json")
	if err != nil {
		return nil, err
	}
	var cat map[string]json.RawMessage // plural messages are objects
	if err := json.Unmarshal(b, &cat); err != nil {
		return nil, fmt.Errorf("geo catalogue: %w", err)
	}
	out := map[string]string{}
	for k, v := range cat {
		if code, ok := strings.CutPrefix(k, "geo.m49."); ok {
			var name string
			if err := json.Unmarshal(v, &name); err != nil {
				return nil, fmt.Errorf("geo catalogue %s: %w", k, err)
			}
			out[code] = name
		}
	}
	return out, nil
}

// Generate calls fn with each data row of the file spec describes, in the
// published column order (stats.Columns). Keys never repeat, so the whole
// file imports without conflict; breakdowns never exceed their totals, so
// validation finds nothing to say.
func Generate(spec Spec, fn func(row []string) error) error {
	places, err := Places()
	if err != nil {
		return err
	}
	years := LastYear - FirstYear + 1
	// Small files report for fewer countries, so each country-year still
	// has about ten rows to show (totals, breakdowns, citizenships); every
	// country may still be a citizenship.
	reporting := places
	if n := spec.Rows / (years * 10); n < len(places) {
		reporting = places[:max(n, 1)]
	}
	r := rand.New(rand.NewPCG(spec.Seed, 0x7469_70736f6d)) // "tipsom"
	cys := len(reporting) * years
	base, extra := spec.Rows/cys, spec.Rows%cys
	i := 0
	for _, p := range reporting {
		for y := FirstYear; y <= LastYear; y++ {
			k := base
			if i < extra {
				k++
			}
			i++
			if k == 0 {
				continue
			}
			g := newCountryYear(r, p, y, places)
			for _, c := range g.cells(k) {
				if err := fn(g.row(c)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Metadata are the two rows dataUNODC writes above the header.
var Metadata = [][]string{{"UNODC", "unodc_ddds@un.org"}, {"30/05/2023"}}

// WriteCSV writes the file spec describes as CSV: the metadata rows, the
// header, the data.
func WriteCSV(w io.Writer, spec Spec) error {
	cw := csv.NewWriter(w)
	for _, m := range Metadata {
		if err := cw.Write(m); err != nil {
			return err
		}
	}
	if err := cw.Write(stats.Columns); err != nil {
		return err
	}
	if err := Generate(spec, cw.Write); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the file spec describes as dataUNODC publishes it: one
// sheet, data_glotip_1, streamed; Year a number, txtVALUE and the rest text.
func WriteXLSX(w io.Writer, spec Spec) error {
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
	line := 0
	put := func(cells []string) error {
		line++
		out := make([]any, len(cells))
		for i, c := range cells {
			out[i] = c
		}
		if line > len(Metadata)+1 {
			year, err := strconv.Atoi(cells[9])
			if err != nil {
				return fmt.Errorf("row %d: year %q: %w", line, cells[9], err)
			}
			out[9] = year
		}
		cell, err := excelize.CoordinatesToCellName(1, line)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, out)
	}
	for _, m := range Metadata {
		if err := put(m); err != nil {
			return err
		}
	}
	if err := put(stats.Columns); err != nil {
		return err
	}
	if err := Generate(spec, put); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// FormatValue writes a count as txtVALUE does: "<5" below five (but 0 as
// 0), a thousands separator from 1,000.
func FormatValue(n int64) string {
	switch {
	case n > 0 && n < 5:
		return stats.SuppressedText
	case n < 1000:
		return strconv.FormatInt(n, 10)
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// logUniform returns a count between 0 and hi, most of them small, as
// national figures are.
func logUniform(r *rand.Rand, hi float64) int64 {
	return int64(math.Exp(r.Float64()*math.Log(hi+1))) - 1
}

// shares returns n fractions that add up to at most 0.95, so parts
// computed from them never add up to more than their total.
func shares(r *rand.Rand, n int) []float64 {
	out := make([]float64, n)
	sum := 0.0
	for i := range out {
		out[i] = 0.05 + r.Float64()
		sum += out[i]
	}
	scale := (0.6 + 0.35*r.Float64()) / sum
	for i := range out {
		out[i] *= scale
	}
	return out
}
