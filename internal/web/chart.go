package web

// Chart is what ui/static/js/chart.js draws: lines or bars (stacked when
// Stack) over the categories X, or a Sankey diagram of Nodes and Links. The
// explorer and the Global Report both hand it to the page as JSON.
type Chart struct {
	Type   string       `json:"type"`
	X      []string     `json:"x,omitempty"`
	Series []Series     `json:"series,omitempty"`
	YName  string       `json:"yName,omitempty"`
	Stack  bool         `json:"stack,omitempty"`
	Nodes  []SankeyNode `json:"nodes,omitempty"`
	Links  []SankeyLink `json:"links,omitempty"`
	Label  string       `json:"-"` // what the chart shows, for its accessible name
}

// Series is one line, or one set of bars, of a chart: a value (nil: none)
// for each of the chart's categories.
type Series struct {
	Name string     `json:"name"`
	Data []*float64 `json:"data"`
}

// SankeyNode is a box of a Sankey diagram.
type SankeyNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// SankeyLink is a flow of a Sankey diagram, from one node to another.
type SankeyLink struct {
	Source string  `json:"source"`
	Target string  `json:"target"`
	Value  float64 `json:"value"`
}
