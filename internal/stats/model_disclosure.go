package stats

import "sort"

// MinPublished is the smallest count tipsom publishes: smaller derived
// counts are withheld, as UNODC withholds source counts below five.
const MinPublished = 5

// disclosure is a table of derived counts tied by additive lines (a total
// and its parts), protected before anything is published.
//
// Every total tipsom shows is a sum of counts, so a cell that has no count
// to show (no figure, or only source cells "<5") contributes exactly zero to
// any total: a reader knows it. The only unknowns are the cells tipsom
// withholds, and a line with a shown total and exactly one unknown gives
// that unknown away by subtraction. Cells are shared between lines, so one
// table can hold a matrix with its row and column totals, or a matrix and
// the shares computed from it.
type disclosure struct {
	vals     []int64
	shown    []bool // has a count to show
	withheld []bool
	lines    [][]int // lines[i][0] is the total, the rest are its parts
}

// cell adds a cell: n is its count, shown whether it has one at all.
func (d *disclosure) cell(n int64, shown bool) int {
	d.vals = append(d.vals, n)
	d.shown = append(d.shown, shown)
	d.withheld = append(d.withheld, false)
	return len(d.vals) - 1
}

// line says total is the sum of parts.
func (d *disclosure) line(total int, parts ...int) {
	d.lines = append(d.lines, append([]int{total}, parts...))
}

// isWithheld reports whether cell i may not be published.
func (d *disclosure) isWithheld(i int) bool { return d.withheld[i] }

// protect applies both rules. Primary: a shown count from 1 to 4 is
// withheld (zero is published: the source does so beside "<5" cells).
// Secondary: while some line with a shown total has exactly one withheld
// cell, one more cell of that line is withheld — the smallest positive
// part, else the total, else a zero part — and the lines are checked again,
// since that cell may sit in other lines.
func (d *disclosure) protect() {
	for i, v := range d.vals {
		if d.shown[i] && v > 0 && v < MinPublished {
			d.withheld[i] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, ln := range d.lines {
			if d.unknowns(ln) != 1 || !d.shown[ln[0]] && !d.withheld[ln[0]] {
				continue
			}
			if c, ok := d.partner(ln); ok {
				d.withheld[c] = true
				changed = true
			}
		}
	}
}

// unknowns counts the withheld cells of a line.
func (d *disclosure) unknowns(ln []int) int {
	n := 0
	for _, c := range ln {
		if d.withheld[c] {
			n++
		}
	}
	return n
}

// partner picks the cell to withhold beside a line's single unknown.
func (d *disclosure) partner(ln []int) (int, bool) {
	open := func(c int) bool { return d.shown[c] && !d.withheld[c] }
	var positive, zero []int
	for _, c := range ln[1:] {
		if open(c) && d.vals[c] > 0 {
			positive = append(positive, c)
		} else if open(c) {
			zero = append(zero, c)
		}
	}
	sort.SliceStable(positive, func(a, b int) bool { return d.vals[positive[a]] < d.vals[positive[b]] })
	switch {
	case len(positive) > 0:
		return positive[0], true
	case open(ln[0]):
		return ln[0], true
	case len(zero) > 0:
		return zero[0], true
	}
	return 0, false
}

// protect applies disclosure control to aggregate rows that add up (near
// enough) to total; withheld rows lose their value and are marked
// Suppressed.
func protect(rows []AggregateRow, total *AggregateRow) {
	var d disclosure
	add := func(r AggregateRow) int {
		if r.Value == nil {
			return d.cell(0, false)
		}
		return d.cell(*r.Value, true)
	}
	parts := make([]int, len(rows))
	for i, r := range rows {
		parts[i] = add(r)
	}
	t := add(*total)
	d.line(t, parts...)
	d.protect()
	for i := range rows {
		if d.isWithheld(parts[i]) {
			rows[i].Value, rows[i].Suppressed = nil, true
		}
	}
	if d.isWithheld(t) {
		total.Value, total.Suppressed = nil, true
	}
}
