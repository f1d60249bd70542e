package stats

// FlowGroup is a group of the chosen grouping as the flows name it.
type FlowGroup struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Flows is one year's flows, every figure under disclosure control.
type Flows struct {
	Query        FlowQuery      `json:"-"`
	GroupingID   string         `json:"grouping"`
	GroupingName string         `json:"grouping_name"`
	Groups       []FlowGroup    `json:"groups"`
	Flows        []Flow         `json:"flows"`
	Matrix       []MatrixCell   `json:"matrix"`
	Origins      []GroupTotal   `json:"origin_totals"`
	Dests        []GroupTotal   `json:"destination_totals"`
	Total        Cell           `json:"total"`
	Shares       []FlowShare    `json:"shares"`
	Classes      []ClassSummary `json:"classes"`
	Coverage     FlowCoverage   `json:"coverage"`
}

// Flow is one citizenship figure as an origin → destination flow.
type Flow struct {
	Origin          string `json:"origin"` // ISO3; "" when the label names no country
	OriginName      string `json:"origin_name"`
	OriginLabel     string `json:"origin_label"` // the category as published
	Destination     string `json:"destination"`
	DestinationName string `json:"destination_name"`
	Class           string `json:"class"`
	Cell
	Counted bool `json:"counted"` // a count of at least the threshold
}

// MatrixCell is the sum of the flows from one group to another.
type MatrixCell struct {
	Origin      string `json:"origin"`
	Destination string `json:"destination"`
	Cell
	SuppressedCells int `json:"suppressed_cells"`
	WithheldCells   int `json:"withheld_cells"`
}

// GroupTotal is the sum of a matrix row or column.
type GroupTotal struct {
	Group string `json:"group"`
	Cell
}

// FlowShare is the split of one destination group's victims by class.
type FlowShare struct {
	Destination string       `json:"destination"`
	Label       string       `json:"label"`
	Total       Cell         `json:"total"`
	Classes     []ClassShare `json:"classes"`
}

// ClassShare is one class's victims and share (percent) of its
// destination's total; no share when either is not published.
type ClassShare struct {
	Class string `json:"class"`
	Cell
	Share *float64 `json:"share"`
}

// ClassSummary is one class over all destinations: its victims, and how
// many country-to-country flows reach the threshold.
type ClassSummary struct {
	Class string `json:"class"`
	Cell
	Flows int `json:"flows_counted"`
}

// FlowCoverage says what the flows rest on.
type FlowCoverage struct {
	DestinationsReporting int            `json:"destinations_reporting"`
	SuppressedCells       int            `json:"suppressed_cells"`
	WithheldCells         int            `json:"withheld_cells"`
	UnknownOrigins        []UnknownLabel `json:"unknown_origins"`
}

// UnknownLabel is a citizenship label that names no country, with the
// number of figures that use it.
type UnknownLabel struct {
	Label string `json:"label"`
	Cells int    `json:"cells"`
}

// MatrixCell returns the cell from origin to destination group.
func (f *Flows) MatrixCell(origin, dest string) Cell {
	for _, m := range f.Matrix {
		if m.Origin == origin && m.Destination == dest {
			return m.Cell
		}
	}
	return emptyCell(KindMissing)
}
