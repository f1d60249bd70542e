package stats

// Lines is a set of aggregate figures tied by additive lines — a region is
// the sum of its countries, the world the sum of its regions — protected
// together, so that a publication printing many of them side by side (the
// Global Report) gives away no withheld figure by subtraction. The figures
// come from Aggregate, already protected: a withheld one counts as unknown,
// unless no published count went into it (its figures are all "<5" or
// "x"), since such a figure adds nothing to any sum. Protect may withhold
// more of them, never reveal one.
type Lines struct {
	d    disclosure
	rows []*AggregateRow
}

// Add puts r in the set and returns its index for Sum.
func (l *Lines) Add(r *AggregateRow) int {
	var n int64
	if r.Value != nil {
		n = *r.Value
	}
	hidden := r.Suppressed && r.CountriesReporting > 0
	i := l.d.cell(n, r.Value != nil || hidden)
	l.d.withheld[i] = hidden
	l.rows = append(l.rows, r)
	return i
}

// Sum says the figure total is exactly the sum of parts.
func (l *Lines) Sum(total int, parts ...int) { l.d.line(total, parts...) }

// Protect applies disclosure control to the whole set and marks each
// figure it withholds as Suppressed, without a value.
func (l *Lines) Protect() {
	l.d.protect()
	for i, r := range l.rows {
		if l.d.isWithheld(i) {
			r.Value, r.Suppressed = nil, true
		}
	}
}
