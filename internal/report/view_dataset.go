package report

import (
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// dataset is everything an edition is built from, gathered once and
// written in every language.
type dataset struct {
	spec      Spec
	years     []int
	main, sub *geo.Grouping
	places    *Places
	figs      *Figures
	flows     *FlowSet
	sources   []stats.SourceCount
	pop       populations
	built     time.Time
}

// refYear is the latest year of the span with a published count of the
// cell for p; 0 when there is none.
func (d *dataset) refYear(cellID string, p *Place) int {
	for i := len(d.years) - 1; i >= 0; i-- {
		if d.figs.Get(cellID, d.years[i], p).Value != nil {
			return d.years[i]
		}
	}
	return 0
}

// groupingOf is the grouping whose aggregate answers p's figures.
func (d *dataset) groupingOf(p *Place) string {
	if p.Kind == KindSubregion {
		return d.sub.ID
	}
	return d.main.ID
}

// aggRow is one of p's figures as its data file writes it.
func (d *dataset) aggRow(f *formatter, p *Place, c cell, year int, label string) dataRow {
	r := d.figs.Get(c.ID, year, p)
	return dataRow{Source: SourceAggregate, Grouping: d.groupingOf(p), PlaceKind: p.Kind, Place: p.Code, PlaceName: f.place(p),
		Cell: c, Year: year, Series: "value", Label: label, Value: r.Value, Flag: rowFlag(r)}
}

// yearLabels are the span's years as column headings.
func (d *dataset) yearLabels() []string {
	out := make([]string, len(d.years))
	for i, y := range d.years {
		out[i] = strconv.Itoa(y)
	}
	return out
}

// span writes the edition's years, "2003–2022".
func (d *dataset) span() string {
	if d.spec.Years.From == d.spec.Years.To {
		return strconv.Itoa(d.spec.Years.From)
	}
	return strconv.Itoa(d.spec.Years.From) + "–" + strconv.Itoa(d.spec.Years.To)
}
