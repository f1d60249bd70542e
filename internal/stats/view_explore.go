package stats

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/geo"
)

// order puts the rows of a grid of places in the order the reader chose:
// by name in the reader's collation (geo.SortByName), or by the last
// year's published figure, largest first, the rows without one after them
// by name. The places move with their rows (the map reads them by index).
func (v *viewer) order(e *Exploration) {
	if e.Grid == nil || len(e.Places) != len(e.Grid.Rows) {
		return
	}
	lang := v.loc.Lang.Code
	named := make([]geo.Country, len(e.Grid.Rows))
	for i, r := range e.Grid.Rows {
		named[i] = geo.Country{ISO3: strconv.Itoa(i), Names: map[string]string{lang: r.Label}}
	}
	geo.SortByName(named, lang)
	idx := make([]int, len(named))
	for k, c := range named {
		idx[k], _ = strconv.Atoi(c.ISO3)
	}
	if e.Query.Order == OrderValue && len(e.Grid.Years) > 0 {
		last := len(e.Grid.Years) - 1
		val := func(i int) *float64 { return v.figure(e.Query, e.Grid.Rows[i], last).Value }
		sort.SliceStable(idx, func(a, b int) bool {
			va, vb := val(idx[a]), val(idx[b])
			if va == nil || vb == nil {
				return va != nil && vb == nil
			}
			return *va > *vb
		})
	}
	rows, places := make([]GridRow, len(idx)), make([]Place, len(idx))
	for k, i := range idx {
		rows[k], places[k] = e.Grid.Rows[i], e.Places[i]
	}
	e.Grid.Rows, e.Places = rows, places
}

// figure is row's cell in year column j: its rate or its count.
func (v *viewer) figure(q ExploreQuery, r GridRow, j int) TableCell {
	if q.Measure == MeasureRate {
		return v.rate(r, j)
	}
	return v.sum(r.Sums[j])
}

// table builds the explorer's table for e: the one shown beside the chart
// and written by the downloads.
func (v *viewer) table(e *Exploration) *Table {
	var t *Table
	switch {
	case e.Flows != nil:
		t = v.flowMatrixTable(e.Flows)
	case e.ByGroup != nil:
		t = v.groupBreakdownTable(e.ByGroup)
	case e.Query.View == ViewStacked:
		t = v.breakdownTable(e.Grid)
	default:
		t = v.placesTable(e)
	}
	t.ID, t.Caption = "explorer-table", v.caption(e)
	return t
}

// caption says what the table holds: indicator, cell, years, measure.
func (v *viewer) caption(e *Exploration) string {
	q := e.Query
	var details []string
	if q.Dimension != DimTotal && q.View != ViewFlows {
		cat := q.Category
		if k := CategoryKey(cat); k != "" {
			cat = v.T(k)
		}
		if cat == "" || q.View == ViewStacked {
			cat = v.T("stats.all_categories")
		}
		details = append(details, v.T("stats.dim."+q.Dimension)+": "+cat)
	}
	if q.View == ViewStacked && q.Dimension == DimTotal {
		details = append(details, v.T("stats.by_sex_age"))
	} else {
		if q.Sex != "total" {
			details = append(details, v.T("stats.sex")+": "+v.T("stats.sex."+q.Sex))
		}
		if q.Age != "total" {
			details = append(details, v.T("stats.age")+": "+v.T("stats.age."+q.Age))
		}
	}
	if len(details) == 0 {
		details = append(details, v.T("stats.all_persons"))
	}
	measure, years := v.T(measureKey(q.Measure)), v.yearText(q.From)+"–"+v.yearText(q.To)
	switch q.View {
	case ViewStacked:
		measure = v.T("stats.measure_shares")
	case ViewFlows:
		measure, years = v.T("stats.measure_flows", "Grouping", e.Flows.GroupingName), v.yearText(q.To)
	}
	if e.ByGroup != nil {
		years = v.yearText(q.To)
	}
	return v.T("stats.caption", "Indicator", v.T("stats.ind."+q.Indicator), "Detail", strings.Join(details, "; "),
		"Years", years, "Measure", measure)
}

// placesTable: one row per place and the total, one column per year; for
// groups, the coverage of the last year.
func (v *viewer) placesTable(e *Exploration) *Table {
	q, g := e.Query, e.Grid
	t := &Table{Corner: v.T("stats.col_group")}
	if q.ByCountry() {
		t.Corner = v.T("stats.col_country")
	}
	for _, y := range g.Years {
		t.Columns, t.Heads = append(t.Columns, year(y)), append(t.Heads, v.yearText(y))
	}
	coverage := !q.ByCountry()
	last := len(g.Years) - 1
	if coverage {
		for _, k := range []string{"stats.col_reporting", "stats.col_suppressed", "stats.col_withheld", "stats.col_missing"} {
			t.Columns, t.Heads = append(t.Columns, v.T(k, "Year", g.Years[last])), append(t.Heads, v.T(k, "Year", v.yearText(g.Years[last])))
		}
	}
	row := func(r GridRow, total bool) TableRow {
		tr := TableRow{Code: r.Code, Label: r.Label, Total: total}
		for j := range g.Years {
			tr.Cells = append(tr.Cells, v.figure(q, r, j))
		}
		if coverage {
			s := r.Sums[last]
			tr.Cells = append(tr.Cells, v.count(s.Reporting), v.count(s.SuppressedCells), v.count(s.WithheldCells), v.count(s.Missing))
		}
		return tr
	}
	for i, r := range g.Rows {
		tr := row(r, false)
		if e.Places[i].IsCountry {
			tr.Href = "/countries/" + r.Code
		}
		t.Rows = append(t.Rows, tr)
	}
	t.Rows = append(t.Rows, row(g.Total, true))
	return t
}

// breakdownTable: one row per category and their total; for each year the
// count and its share of the total.
func (v *viewer) breakdownTable(g *Grid) *Table {
	t := &Table{Corner: v.T("stats.col_category")}
	for _, y := range g.Years {
		t.Columns = append(t.Columns, year(y), v.T("stats.col_share", "Year", y))
		t.Heads = append(t.Heads, v.yearText(y), v.T("stats.col_share", "Year", v.yearText(y)))
	}
	for i, r := range g.Rows {
		tr := TableRow{Code: r.Code, Label: r.Label}
		for j := range g.Years {
			s, ok := g.Share(i, j)
			tr.Cells = append(tr.Cells, v.sum(r.Sums[j]), v.share(s, ok))
		}
		t.Rows = append(t.Rows, tr)
	}
	tr := TableRow{Code: g.Total.Code, Label: g.Total.Label, Total: true}
	for j := range g.Years {
		s := g.Total.Sums[j]
		tr.Cells = append(tr.Cells, v.sum(s), v.share(100, s.Published() && s.N > 0))
	}
	t.Rows = append(t.Rows, tr)
	return t
}

// groupBreakdownTable: one row per group and the groups' total; for each
// part its count and its share of the group's total (the year is one).
func (v *viewer) groupBreakdownTable(b *GroupBreakdown) *Table {
	t := &Table{Corner: v.T("stats.col_group")}
	for _, p := range b.Parts {
		t.Columns = append(t.Columns, p, v.T("stats.col_part_share", "Part", p))
	}
	t.Columns = append(t.Columns, v.T("stats.col_total_of_parts"))
	row := func(g GroupParts, total bool) TableRow {
		tr := TableRow{Code: g.Code, Label: g.Label, Total: total}
		for j := range b.Parts {
			s, ok := g.Share(j)
			tr.Cells = append(tr.Cells, v.sum(g.Parts[j]), v.share(s, ok))
		}
		tr.Cells = append(tr.Cells, v.sum(g.Total))
		return tr
	}
	for _, g := range b.Groups {
		t.Rows = append(t.Rows, row(g, false))
	}
	t.Rows = append(t.Rows, row(b.Total, true))
	return t
}
