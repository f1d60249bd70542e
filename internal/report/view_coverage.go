package report

// coverageCells are the indicators whose coverage each chapter states.
var coverageCells = []string{cellVictims, cellProsecuted, cellConvicted}

// coverage says, for a group or the world in one year, how many countries
// reported each indicator, how many figures below five were left out of
// the sums, and how many countries reported nothing — the coverage the
// aggregate API gives with every sum.
func (b *builder) coverage(p *Place, year int) *exhibit {
	d, f := b.d, b.f
	if year == 0 {
		return nil
	}
	e := b.newExhibit(p, "coverage", f.T("report.coverage_title", "Year", year))
	e.Table.Corner = f.T("report.col_indicator")
	series := []string{"countries_reporting", "suppressed_cells", "countries_missing"}
	e.Table.Cols = []string{f.T("report.col_reporting"), f.T("report.col_suppressed"), f.T("report.col_missing")}
	for _, id := range coverageCells {
		fig := d.figs.Get(id, year, p)
		counts := []int{fig.CountriesReporting, fig.SuppressedCells, fig.CountriesMissing}
		row := tableRow{Head: f.T(partKey(id))}
		for i, n := range counts {
			row.Cells = append(row.Cells, f.count(n))
			r := d.aggRow(f, p, cellByID(id), year, e.Table.Cols[i])
			v := int64(n)
			r.Series, r.Value, r.Flag = series[i], &v, ""
			e.Data = append(e.Data, r)
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
	return e
}
