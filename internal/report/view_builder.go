package report

import (
	"strconv"

	"github.com/tipsom/tipsom/internal/web"
)

// builder writes the pages of one language from the dataset.
type builder struct {
	d *dataset
	f *formatter
}

// newExhibit starts an exhibit of place p; its data file is named after it.
func (b *builder) newExhibit(p *Place, id, title string) *exhibit {
	eid := p.ID() + "-" + id
	return &exhibit{ID: eid, Title: title, CSV: "data/" + eid + ".csv", Table: table{ID: "t-" + eid, Caption: title}}
}

// yearTable fills e with one row per year and one column per cell of p,
// and a chart of kind of the same figures, one series per cell. A group's
// total stands beside its coverage — the countries that gave a figure and
// their share of the group's population — in the table, the data file and
// the chart's year labels, since which countries report changes from year
// to year.
func (b *builder) yearTable(e *exhibit, p *Place, cellIDs []string, kind string) {
	d, f := b.d, b.f
	e.Table.Corner = f.T("report.col_year")
	e.Chart = &web.Chart{Type: kind, X: d.yearLabels(), Label: e.Title}
	group := p.Kind != KindCountry
	for _, id := range cellIDs {
		name := f.T(partKey(id))
		e.Table.Cols = append(e.Table.Cols, name)
		if group {
			e.Table.Cols = append(e.Table.Cols, f.T("report.col_with_figure_of", "Part", name), f.T("report.col_population_of", "Part", name))
		}
		e.Chart.Series = append(e.Chart.Series, web.Series{Name: name})
	}
	for j, y := range d.years {
		row := tableRow{Head: f.Digits(y)}
		for i, id := range cellIDs {
			fig := d.figs.Get(id, y, p)
			row.Cells = append(row.Cells, f.rowCell(fig))
			e.Chart.Series[i].Data = append(e.Chart.Series[i].Data, chartValue(fig.Value))
			e.Data = append(e.Data, d.aggRow(f, p, cellByID(id), y, f.T(partKey(id))))
			if group {
				cov := d.coverageOf(id, y, p)
				row.Cells = append(row.Cells, f.count(len(cov.Countries)), f.shareCell(popShare(cov)))
				e.Data = append(e.Data, d.coverageRows(f, p, cellByID(id), y, cov)...)
				if i == 0 {
					e.Chart.X[j] = f.T("report.chart_year_coverage", "Year", strconv.Itoa(y), "Countries", f.Num(len(cov.Countries)))
				}
			}
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
}

// popShare is a coverage's population share as tables show it.
func popShare(c coverage) *float64 {
	if c.PopShare == nil {
		return nil
	}
	return roundShare(*c.PopShare)
}

// coverageRows are a coverage as data files write it: the countries with
// a figure and, when populations are loaded, their share of the
// population (in share_percent).
func (d *dataset) coverageRows(f *formatter, p *Place, c cell, year int, cov coverage) []dataRow {
	n := int64(len(cov.Countries))
	r := d.aggRow(f, p, c, year, f.T("report.col_with_figure"))
	r.Series, r.Value, r.Flag = "countries_with_figure", &n, ""
	pop := r
	pop.Series, pop.Label, pop.Value, pop.Share = "population_covered", f.T("report.col_population"), nil, popShare(cov)
	if pop.Share == nil {
		return []dataRow{r}
	}
	return []dataRow{r, pop}
}

// trend is one or more cells of p over the span, as lines.
func (b *builder) trend(p *Place, id, title string, cellIDs ...string) *exhibit {
	e := b.newExhibit(p, id, title)
	b.yearTable(e, p, cellIDs, "line")
	return e
}

// children compares the parts of p in one year — the regions of the world,
// the sub-regions of a region, the countries of a sub-region — with p's
// own figure as the total row, and the countries reporting each.
func (b *builder) children(p *Place, year int) *exhibit {
	d, f := b.d, b.f
	kids := b.partsOf(p)
	if len(kids) == 0 || year == 0 {
		return nil
	}
	title := f.T("report.children_title", "Parts", f.T("report.parts."+childKind(p)), "Year", year)
	e := b.newExhibit(p, "parts", title)
	victims := f.T(partKey(cellVictims))
	e.Table.Corner = f.T("report.col_place")
	e.Table.Cols = []string{victims, f.T("report.col_with_figure"), f.T("report.col_population")}
	e.Chart = &web.Chart{Type: "bar", Label: title, Series: []web.Series{{Name: victims}}}
	c := cellByID(cellVictims)
	add := func(q *Place, total bool) {
		fig := d.figs.Get(cellVictims, year, q)
		cv := d.coverageOf(cellVictims, year, q)
		row := tableRow{Head: f.place(q), Total: total, Cells: []tableCell{f.rowCell(fig), f.count(len(cv.Countries)), f.shareCell(popShare(cv))}}
		if !total {
			row.Href = q.Path()
			e.Chart.X = append(e.Chart.X, row.Head)
			e.Chart.Series[0].Data = append(e.Chart.Series[0].Data, chartValue(fig.Value))
		}
		e.Table.Rows = append(e.Table.Rows, row)
		e.Data = append(e.Data, d.aggRow(f, q, c, year, victims))
		e.Data = append(e.Data, d.coverageRows(f, q, c, year, cv)...)
	}
	for _, q := range kids {
		add(q, false)
	}
	add(p, true)
	return e
}

// partsOf lists what p breaks down into: regions, sub-regions or countries.
func (b *builder) partsOf(p *Place) []*Place {
	switch {
	case p.Kind == KindWorld:
		return b.d.places.Regions
	case p.Kind == KindRegion && len(p.Children) > 0:
		return p.Children
	case p.Kind == KindCountry:
		return nil
	}
	return b.f.sorted(p.Profiles)
}

// childKind says what partsOf returns, for headings.
func childKind(p *Place) string {
	switch {
	case p.Kind == KindWorld:
		return "regions"
	case p.Kind == KindRegion && len(p.Children) > 0:
		return "subregions"
	}
	return "countries"
}
