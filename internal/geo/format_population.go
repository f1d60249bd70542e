package geo

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Population is a country's population in one year.
type Population struct {
	ISO3  string `json:"iso3"`
	Year  int    `json:"year"`
	Value int64  `json:"population"`
}

// ParsePopulation reads the population CSV (header iso3,year,population).
// Thousands separators are tolerated ("1,282,000" quoted, or spaces); every
// bad line is reported with its number, all at once.
func ParsePopulation(r io.Reader, known func(string) bool, now time.Time) ([]Population, error) {
	rows, e, err := readCSV(r, []string{"iso3", "year", "population"})
	if err != nil {
		return nil, err
	}
	seen := map[[2]string]int{}
	var out []Population
	for _, row := range rows {
		iso3 := strings.ToUpper(strings.TrimSpace(row.cells[0]))
		year, yerr := strconv.Atoi(strings.TrimSpace(row.cells[1]))
		digits := strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(row.cells[2])
		value, verr := strconv.ParseInt(digits, 10, 64)
		f := lineField(row.line)
		switch {
		case !known(iso3):
			e.Field(f, "err.geo_unknown_country", "Code", row.cells[0])
		case yerr != nil || year < 1900 || year > now.Year()+50:
			e.Field(f, "err.geo_year_invalid", "Value", row.cells[1])
		case verr != nil || value < 0:
			e.Field(f, "err.geo_population_invalid", "Value", row.cells[2])
		case seen[[2]string{iso3, strconv.Itoa(year)}] != 0:
			e.Field(f, "err.geo_population_twice", "Code", iso3, "Year", year, "Line", seen[[2]string{iso3, strconv.Itoa(year)}])
		default:
			seen[[2]string{iso3, strconv.Itoa(year)}] = row.line
			out = append(out, Population{ISO3: iso3, Year: year, Value: value})
		}
	}
	if err := byLine(e); err != nil {
		return nil, err
	}
	return out, nil
}

// WorldBankHeader is the header of the World Bank's population layout
// (indicator SP.POP.TOTL as datasets/population publishes it).
var WorldBankHeader = []string{"country name", "country code", "year", "value"}

// ReadPopulation reads a population CSV in either layout: tipsom's own
// (iso3,year,population, see ParsePopulation) or the World Bank's (Country
// Name,Country Code,Year,Value). In the World Bank's, codes that name no
// country tipsom knows — its aggregates, WLD, EAS, HIC… — are skipped and
// returned, sorted, once each; every other bad line is an error as in
// ParsePopulation, all reported at once.
func ReadPopulation(r io.Reader, known func(string) bool, now time.Time) (rows []Population, skipped []string, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	first, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine()
	head := strings.ToLower(strings.TrimPrefix(string(first), "\ufeff"))
	if !strings.HasPrefix(strings.ReplaceAll(head, `"`, ""), strings.Join(WorldBankHeader, ",")) {
		rows, err := ParsePopulation(bytes.NewReader(data), known, now)
		return rows, nil, err
	}
	recs, e, err := readCSV(bytes.NewReader(data), WorldBankHeader)
	if err != nil {
		return nil, nil, err
	}
	seen := map[[2]string]int{}
	for _, row := range recs {
		iso3 := strings.ToUpper(strings.TrimSpace(row.cells[1]))
		if !known(iso3) {
			if !slices.Contains(skipped, iso3) {
				skipped = append(skipped, iso3)
			}
			continue
		}
		year, yerr := strconv.Atoi(strings.TrimSpace(row.cells[2]))
		// The World Bank writes some figures as floats ("1.2e+06" never, but "54922.0" in some exports).
		v := strings.TrimSuffix(strings.TrimSpace(row.cells[3]), ".0")
		value, verr := strconv.ParseInt(v, 10, 64)
		f := lineField(row.line)
		key := [2]string{iso3, strconv.Itoa(year)}
		switch {
		case yerr != nil || year < 1900 || year > now.Year()+50:
			e.Field(f, "err.geo_year_invalid", "Value", row.cells[2])
		case verr != nil || value < 0:
			e.Field(f, "err.geo_population_invalid", "Value", row.cells[3])
		case seen[key] != 0:
			e.Field(f, "err.geo_population_twice", "Code", iso3, "Year", year, "Line", seen[key])
		default:
			seen[key] = row.line
			rows = append(rows, Population{ISO3: iso3, Year: year, Value: value})
		}
	}
	if err := byLine(e); err != nil {
		return nil, nil, err
	}
	slices.Sort(skipped)
	return rows, skipped, nil
}
