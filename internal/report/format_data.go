package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
)

// Sources of a figure: which API answers the same query.
const (
	SourceAggregate = "aggregate" // GET /api/v1/stats/aggregate
	SourceFlows     = "flows"     // GET /api/v1/stats/flows
	SourceCoverage  = "coverage"  // what was reported, as text: no count
)

// DataColumns is the header of every data file of an edition: the long
// layout dataUNODC publishes, plus what a reader (or a test) needs to ask
// the API the same question — source, grouping, place — and the share the
// page shows, with the group of figures it is a share of.
var DataColumns = []string{"source", "grouping", "place_kind", "place", "place_name", "indicator", "dimension", "category",
	"sex", "age", "year", "series", "label", "value", "flag", "share_group", "share_part", "share_percent",
	"share_min_percent", "share_max_percent"}

// dataRow is one figure of a data file.
type dataRow struct {
	Source    string
	Grouping  string
	PlaceKind string
	Place     string
	PlaceName string
	Cell      cell // indicator, dimension, category, sex and age of the query
	Year      int
	Series    string // which figure of the query's answer: "value", "countries_reporting", a kind of flow…
	Label     string
	Value     *int64
	Flag      string
	Group     string // figures whose sum the shares divide by
	Part      string // the part of that sum this figure adds to
	Share     *float64
	// ShareMin and ShareMax bound a share that figures below five leave
	// uncertain (Share is then empty).
	ShareMin, ShareMax *float64
}

// writeCSV writes rows under DataColumns.
func writeCSV(rows []dataRow) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(DataColumns); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rows {
		var value, share string
		if r.Value != nil {
			value = strconv.FormatInt(*r.Value, 10)
		}
		if r.Share != nil {
			share = strconv.FormatFloat(*r.Share, 'f', 1, 64)
		}
		var shareMin, shareMax string
		if r.ShareMin != nil && r.ShareMax != nil {
			shareMin, shareMax = strconv.FormatFloat(*r.ShareMin, 'f', 1, 64), strconv.FormatFloat(*r.ShareMax, 'f', 1, 64)
		}
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		c := r.Cell
		line := []string{r.Source, r.Grouping, r.PlaceKind, r.Place, r.PlaceName, c.Indicator, c.Dimension, c.Category,
			c.Sex, c.Age, year, r.Series, r.Label, value, r.Flag, r.Group, r.Part, share, shareMin, shareMax}
		if err := w.Write(line); err != nil {
			return nil, fmt.Errorf("write csv: %w", err)
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
