package report

import (
	"strconv"

	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// shareRange is a part's share (percent) of the sum of a breakdown's
// parts. It is exact only when every part it needs is a count: a part
// "<5" — or a group's sum that leaves out countries' figures below five —
// is one to four victims in each such figure, so the share lies between
// Low and High, and is shown as a range.
type shareRange struct{ Low, High float64 }

// exact reports whether the share is the same number at one decimal
// whatever the figures below five are.
func (s shareRange) exact() bool { return *roundShare(s.Low) == *roundShare(s.High) }

// value is the share when exact; nil when it is a range.
func (s *shareRange) value() *float64 {
	if s == nil || !s.exact() {
		return nil
	}
	return roundShare(s.Low)
}

// bounds are the least and the most a part can be: its count plus one to
// four for each figure below five it leaves out.
func bounds(r stats.AggregateRow) (lo, hi int64) {
	if r.Value != nil {
		lo = *r.Value
	}
	hi = lo + 4*int64(r.SuppressedCells)
	return lo + int64(r.SuppressedCells), hi
}

// partRanges are the shares of each part of a breakdown in the sum of the
// parts. They are published only when no part is withheld: with one part
// withheld, the others' shares would give the sum away, and the withheld
// part with it. A part with no figure at all has no share. A part is known
// exactly only when no part it is divided by holds figures below five;
// otherwise its share is the range those figures allow. With no count at
// all — only figures below five — there is no share.
func partRanges(rows []stats.AggregateRow) []*shareRange {
	var lo, hi []int64
	var sumLo, sumHi int64
	counted := false
	for _, r := range rows {
		if r.Suppressed {
			return nil
		}
		counted = counted || r.Value != nil
		l, h := bounds(r)
		lo, hi = append(lo, l), append(hi, h)
		sumLo, sumHi = sumLo+l, sumHi+h
	}
	if sumLo == 0 || !counted {
		// Only figures below five: "100%" of one to four victims would
		// read as a finding, and says nothing.
		return nil
	}
	out := make([]*shareRange, len(rows))
	for i, r := range rows {
		if r.Value == nil && r.SuppressedCells == 0 {
			continue
		}
		low := 100 * float64(lo[i]) / float64(lo[i]+sumHi-hi[i])
		high := 100 * float64(hi[i]) / float64(hi[i]+sumLo-lo[i])
		out[i] = &shareRange{low, high}
	}
	return out
}

// partShares are the exact shares of partRanges, one decimal; nil for a
// share that is only known as a range.
func partShares(rows []stats.AggregateRow) []*float64 {
	rs := partRanges(rows)
	if rs == nil {
		return nil
	}
	out := make([]*float64, len(rs))
	for i, r := range rs {
		out[i] = r.value()
	}
	return out
}

// shareOf is the share of the parts at idx in the sum of all parts, under
// the same rule as partRanges: for key findings, a range when figures
// below five leave it uncertain.
func shareOf(rows []stats.AggregateRow, idx ...int) (shareRange, bool) {
	if partRanges(rows) == nil {
		return shareRange{}, false
	}
	var partLo, partHi, sumLo, sumHi int64
	for _, r := range rows {
		l, h := bounds(r)
		sumLo, sumHi = sumLo+l, sumHi+h
	}
	known := false
	for _, i := range idx {
		l, h := bounds(rows[i])
		partLo, partHi = partLo+l, partHi+h
		known = known || rows[i].Value != nil || rows[i].SuppressedCells > 0
	}
	if !known {
		return shareRange{}, false // none of the parts was reported: no share, not 0%
	}
	return shareRange{100 * float64(partLo) / float64(partLo+sumHi-partHi), 100 * float64(partHi) / float64(partHi+sumLo-partLo)}, true
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
	e.Chart = &web.Chart{Type: "bar", Stack: true, YName: "%", X: d.yearLabels(), Label: title}
	names := make([]string, len(parts))
	for i, part := range parts {
		names[i] = f.T(partKey(part))
		e.Table.Cols = append(e.Table.Cols, names[i], f.T("report.col_share_of", "Part", names[i]))
		e.Chart.Series = append(e.Chart.Series, web.Series{Name: names[i]})
	}
	ranges := false
	for _, y := range d.years {
		rows := d.partRows(p, parts, y)
		shares := partRanges(rows)
		row := tableRow{Head: f.Digits(y)}
		group := e.ID + "-" + strconv.Itoa(y)
		for i, part := range parts {
			var share *shareRange
			if shares != nil {
				share = shares[i]
			}
			ranges = ranges || share != nil && !share.exact()
			row.Cells = append(row.Cells, f.rowCell(rows[i]), f.rangeCell(share))
			e.Chart.Series[i].Data = append(e.Chart.Series[i].Data, share.value())
			r := d.aggRow(f, p, cellByID(part), y, names[i])
			if shares != nil {
				r.Group, r.Part, r.Share = group, part, share.value()
				if share != nil && !share.exact() {
					r.ShareMin, r.ShareMax = roundShare(share.Low), roundShare(share.High)
				}
			}
			e.Data = append(e.Data, r)
		}
		e.Table.Rows = append(e.Table.Rows, row)
	}
	e.Note = f.T("report.shares_note")
	if ranges {
		e.Note += " " + f.T("report.shares_range_note")
	}
	return e
}
