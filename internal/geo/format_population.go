package geo

import (
	"io"
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
