package report

import "github.com/tipsom/tipsom/internal/web"

// exhibit is one table of a page — with the chart or map drawn from it —
// and the data behind it, which the edition also writes as CSV. The table
// is the accessible form of the chart: both come from the same figures.
type exhibit struct {
	ID      string // unique in the edition; names the CSV and the chart's elements
	Title   string
	Chart   *web.Chart
	Map     *flowMap
	Table   table
	Extra   *table // a second, smaller table (shares by kind of flow)
	Data    []dataRow
	CSV     string // path from the language root
	Note    string
	Section string // the section heading it sits under
}

// table is what the page shows; tableRow heads are th scope=row.
type table struct {
	ID      string
	Caption string
	Corner  string
	Cols    []string
	Rows    []tableRow
}

type tableRow struct {
	Head  string
	Href  string // from the language root
	Total bool
	Cells []tableCell
}

// tableCell is one cell as shown; Spoken replaces a dash for screen
// readers.
type tableCell struct {
	Text   string
	Class  string
	Spoken string
}

// flowMap is what static/flowmap.js draws: arcs between countries (M49
// codes, as world-atlas keys them) and the countries to shade.
type flowMap struct {
	Arcs  []arc    `json:"arcs"`
	Shade []string `json:"shade"`
	Label string   `json:"-"`
}

type arc struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Value int64  `json:"value"`
}

// section is a heading of a page and the exhibits under it.
type section struct {
	ID       string
	Title    string
	Lead     string
	Exhibits []*exhibit
}
