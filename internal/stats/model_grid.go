package stats

// Grid is a table of derived counts: rows (places, or the categories of a
// breakdown) by years, and a total row. Every column is a line of
// disclosure control — the total is the sum of the rows — so a grid is
// protected before it is shown, and everything derived from it (shares,
// rates, charts, downloads) is derived from the protected figures.
type Grid struct {
	Years []int     `json:"years"`
	Rows  []GridRow `json:"rows"`
	Total GridRow   `json:"total"`
}

// GridRow is one row of a grid.
type GridRow struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Sums  []Sum  `json:"sums"`
	// Pop is, for a grid of rates, the population of the countries counted
	// in each year's numerator (0: no population loaded); nil otherwise.
	Pop []int64 `json:"population,omitempty"`
	// NoPop counts, for a grid of rates, the countries with a figure but no
	// population, left out of the rate.
	NoPop []int `json:"countries_without_population,omitempty"`
}

// rowSpec says what a grid row adds up: the figures of countries that
// match.
type rowSpec struct {
	Code, Label string
	Countries   []string
	Match       func(obsRow) bool
}

// buildGrid sums each spec and the total over the years, then protects.
func buildGrid(ix rowIndex, yrs []int, specs []rowSpec, total rowSpec) *Grid {
	g := &Grid{Years: yrs}
	row := func(sp rowSpec) GridRow {
		r := GridRow{Code: sp.Code, Label: sp.Label, Sums: make([]Sum, len(yrs))}
		for j, y := range yrs {
			r.Sums[j] = ix.sum(y, sp.Countries, sp.Match)
		}
		return r
	}
	for _, sp := range specs {
		g.Rows = append(g.Rows, row(sp))
	}
	g.Total = row(total)
	g.protect()
	return g
}

// protect applies disclosure control to each year's column.
func (g *Grid) protect() {
	for j := range g.Years {
		var d disclosure
		parts := make([]int, len(g.Rows))
		for i := range g.Rows {
			s := g.Rows[i].Sums[j]
			parts[i] = d.cell(s.N, s.HasCount())
		}
		t := d.cell(g.Total.Sums[j].N, g.Total.Sums[j].HasCount())
		d.line(t, parts...)
		d.protect()
		for i := range g.Rows {
			g.Rows[i].Sums[j].Withheld = d.isWithheld(parts[i])
		}
		g.Total.Sums[j].Withheld = d.isWithheld(t)
	}
}

// Share is row i's share of the total in year column j, in percent, when
// both are published and the total is positive. A withheld row has no
// share: its share and the total would give it away.
func (g *Grid) Share(i, j int) (float64, bool) {
	s, t := g.Rows[i].Sums[j], g.Total.Sums[j]
	if !s.Published() || !t.Published() || t.N == 0 {
		return 0, false
	}
	return 100 * float64(s.N) / float64(t.N), true
}

// Rate is the rate per 100,000 population of a row of a rate grid in year
// column j, when its numerator is published and a population is loaded.
func (r GridRow) Rate(j int) (float64, bool) {
	if len(r.Pop) <= j || r.Pop[j] == 0 || !r.Sums[j].Published() {
		return 0, false
	}
	return float64(r.Sums[j].N) * 100000 / float64(r.Pop[j]), true
}
