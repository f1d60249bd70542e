package report

import (
	"strconv"

	"github.com/tipsom/tipsom/internal/stats"
)

// partShares are the shares (percent, one decimal) of each part of a
// breakdown in the sum of the parts' published counts. They are published
// only when no part is withheld: with one part withheld, the others'
// shares would give the sum away, and the withheld part with it. A part
// without a count has no share.
func partShares(rows []stats.AggregateRow) []*float64 {
	var sum int64
	for _, r := range rows {
		if r.Suppressed {
			return nil
		}
		if r.Value != nil {
			sum += *r.Value
		}
	}
	if sum == 0 {
		return nil
	}
	out := make([]*float64, len(rows))
	for i, r := range rows {
		if r.Value != nil {
			out[i] = roundShare(100 * float64(*r.Value) / float64(sum))
		}
	}
	return out
}

// shareOf is the unrounded share of the parts at idx in the sum of all
// parts, under the same rule as partShares: for key findings.
func shareOf(rows []stats.AggregateRow, idx ...int) (float64, bool) {
	if partShares(rows) == nil {
		return 0, false
	}
	var sum, part int64
	for _, r := range rows {
		if r.Value != nil {
			sum += *r.Value
		}
	}
	for _, i := range idx {
		if v := rows[i].Value; v != nil {
			part += *v
		}
	}
	return 100 * float64(part) / float64(sum), true
}

// partRows are p's figures for the parts of a breakdown in year.
func (d *dataset) partRows(p *Place, parts []string, year int) []stats.AggregateRow {
	out := make([]stats.AggregateRow, len(parts))
	for i, id := range parts {
		out[i] = d.figs.Get(id, year, p)
	}
	return out
}

// breakdown shows the parts of a breakdown of p year by year, each as a
// count and a share of the parts' sum, and stacks the shares in a chart.
func (b *builder) breakdown(p *Place, id, title string, parts []string) *exhibit {
	d, f := b.d, b.f
	e := b.newExhibit(p, id, title)
	e.Table.Corner = f.T("report.col_year")
	e.Chart = &chart{Type: "bar", Stack: true, YName: "%", X: d.yearLabels(), Label: title}
	names := make([]string, len(parts))
	for i, part := range parts {
		names[i] = f.T(partKey(part))
		e.Table.Cols = append(e.Table.Cols, names[i], f.T("report.col_share_of", "Part", names[i]))
		e.Chart.Series = append(e.Chart.Series, series{Name: names[i]})
	}
	for _, y := range d.years {
		rows := d.partRows(p, parts, y)
		shares := partShares(rows)
		row := tableRow{Head: strconv.Itoa(y)}
		group := e.ID + "-" + strconv.Itoa(y)
		for i, part := range parts {
			var share *float64
			if shares != nil {
				share = shares[i]
			}
			row.Cells = append(row.Cells, f.rowCell(rows[i]), f.shareCell(share))
			e.Chart.Series[i].Data = append(e.Chart.Series[i].Data, share)
			r := d.aggRow(f, p, cellByID(part), y, names[i])
			if shares != nil {
				r.Group, r.Part, r.Share = group, part, share
			}
			e.Data = append(e.Data, r)
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
	e.Note = f.T("report.shares_note")
	return e
}
