package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/stats"
)

// annexView is the methodology and coverage annex.
type annexView struct {
	Method    []string // paragraphs
	Sources   []sourceRow
	Reporting *exhibit // which countries reported what
	Withheld  *exhibit // figures below five left out of the world's sums
	Groupings []groupingView
}

type sourceRow struct {
	Name    string
	Figures string
}

// groupingView lists the groups of a grouping the edition uses, with
// their countries.
type groupingView struct {
	Title  string
	Groups []groupMembers
}

type groupMembers struct {
	Name      string
	Href      string
	Countries string
}

// annex builds the annex.
func (b *builder) annex() *annexView {
	d, f := b.d, b.f
	v := &annexView{}
	for i := 1; i <= 6; i++ {
		v.Method = append(v.Method, f.T(fmt.Sprintf("report.annex.method_%d", i), "Min", stats.MinPublished, "Years", f.Digits(d.span())))
	}
	for _, s := range d.sources {
		v.Sources = append(v.Sources, sourceRow{Name: s.Source, Figures: f.Num(s.Figures)})
	}
	v.Reporting = b.reporting()
	w := b.newExhibit(d.places.World, "withheld", f.T("report.withheld_title", "Years", f.Digits(d.span())))
	b.yearSeries(w, d.places.World, coverageCells, "suppressed_cells")
	v.Withheld = w
	v.Groupings = append(v.Groupings, b.groupingView(d.places.Regions, "report.annex.regions"))
	if len(d.places.Subregions) > 0 {
		v.Groupings = append(v.Groupings, b.groupingView(d.places.Subregions, "report.annex.subregions"))
	}
	return v
}

// yearSeries fills e with one coverage figure of the aggregate answer (a
// series such as "suppressed_cells") per year and cell.
func (b *builder) yearSeries(e *exhibit, p *Place, cellIDs []string, seriesName string) {
	d, f := b.d, b.f
	e.Table.Corner = f.T("report.col_year")
	for _, id := range cellIDs {
		e.Table.Cols = append(e.Table.Cols, f.T(partKey(id)))
	}
	for _, y := range d.years {
		row := tableRow{Head: f.Digits(y)}
		for i, id := range cellIDs {
			n := d.figs.Get(id, y, p).SuppressedCells
			row.Cells = append(row.Cells, f.count(n))
			r := d.aggRow(f, p, cellByID(id), y, e.Table.Cols[i])
			v := int64(n)
			r.Series, r.Value, r.Flag = seriesName, &v, ""
			e.Data = append(e.Data, r)
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
}

// reporting lists, for every country with a profile, the years for which
// it reported each indicator — as text, so the table adds no count of its
// own.
func (b *builder) reporting() *exhibit {
	d, f := b.d, b.f
	e := b.newExhibit(d.places.World, "reporting", f.T("report.reporting_title", "Years", f.Digits(d.span())))
	e.Table.Corner = f.T("report.col_country")
	for _, id := range coverageCells {
		e.Table.Cols = append(e.Table.Cols, f.T(partKey(id)))
	}
	for _, c := range f.sorted(d.places.Countries) {
		row := tableRow{Head: f.place(c), Href: c.Path()}
		for i, id := range coverageCells {
			var ys []int
			for _, y := range d.years {
				if r := d.figs.Get(id, y, c); r.CountriesReporting > 0 || r.SuppressedCells > 0 {
					ys = append(ys, y)
				}
			}
			text := yearRanges(ys)
			row.Cells = append(row.Cells, tableCell{Text: text})
			if text == "" {
				row.Cells[len(row.Cells)-1] = f.flagCell("")
			}
			e.Data = append(e.Data, dataRow{Source: SourceCoverage, Grouping: d.main.ID, PlaceKind: KindCountry, Place: c.Code,
				PlaceName: f.place(c), Cell: cellByID(id), Series: "years_reported", Label: e.Table.Cols[i] + ": " + text})
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
	return e
}

// yearRanges writes years as runs: "2010–2012, 2015".
func yearRanges(ys []int) string {
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(ys[i]))
		} else {
			parts = append(parts, strconv.Itoa(ys[i])+"–"+strconv.Itoa(ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// groupingView lists groups and their countries.
func (b *builder) groupingView(groups []*Place, titleKey string) groupingView {
	f := b.f
	g := groupingView{Title: f.T(titleKey, "Grouping", b.groupingName(groups))}
	for _, p := range groups {
		names := make([]string, 0, len(p.Countries))
		for _, c := range p.Countries {
			names = append(names, f.country(c))
		}
		f.coll.SortStrings(names)
		g.Groups = append(g.Groups, groupMembers{Name: f.place(p), Href: p.Path(), Countries: strings.Join(names, ", ")})
	}
	return g
}

// groupingName names the grouping of groups: a built-in one from the
// catalogue, an analyst's by its name and edition.
func (b *builder) groupingName(groups []*Place) string {
	if len(groups) == 0 {
		return ""
	}
	return stats.GroupingName(groups[0].Grouping, b.f.T)
}
