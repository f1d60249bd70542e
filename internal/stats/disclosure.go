package stats

import "sort"

// MinPublished is the smallest count tipsom publishes: smaller derived
// counts are withheld, as UNODC withholds source counts below five.
const MinPublished = 5

// protect applies disclosure control to rows that add up (near enough) to
// total. Primary: a derived value from 1 to 4 is withheld. Secondary: if
// exactly one row is withheld while the total is shown, it could be
// recovered by subtraction, so the smallest other shown row is withheld too.
func protect(rows []AggregateRow, total *AggregateRow) {
	primary := func(r *AggregateRow) {
		if r.Value != nil && *r.Value > 0 && *r.Value < MinPublished {
			r.Value, r.Suppressed = nil, true
		}
	}
	for i := range rows {
		primary(&rows[i])
	}
	primary(total)
	withheld := 0
	for _, r := range rows {
		if r.Suppressed {
			withheld++
		}
	}
	if withheld != 1 || total.Suppressed || total.Value == nil {
		return
	}
	idx := make([]int, 0, len(rows))
	for i, r := range rows {
		if !r.Suppressed && r.Value != nil && *r.Value > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		total.Value, total.Suppressed = nil, true
		return
	}
	sort.Slice(idx, func(a, b int) bool { return *rows[idx[a]].Value < *rows[idx[b]].Value })
	rows[idx[0]].Value, rows[idx[0]].Suppressed = nil, true
}
