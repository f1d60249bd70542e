package stats

import "sort"

// This file is the disclosure rule for source figures, applied to one
// group: a country's published figures of one indicator and year, the unit
// inside which figures add up (a total and its sexes, ages, forms of
// exploitation, citizenships). Nothing adds up across groups: a region's
// sum is computed from what each country publishes, never from a withheld
// figure.
//
// Primary: a count from 1 to 4 is published as "<5", exactly like the
// source's own "<5". Secondary: the rule then plays the attacker. It knows
// that a total is the sum of its parts, that tipsom's "<5" is 1 to 4 (zero
// is published), the source's "<5" 0 to 4 and "x" anything, and tightens
// the bounds of every unknown figure line by line — keeping a deduction
// only when it is true, as an attacker who could check would. While some
// withheld count comes out exact, one more figure of the line that pinned
// it is withheld ("x"): the smallest positive part, else the total, else a
// zero part, else a "<5" of the line is shown as "x" (which drops its
// bounds). Single-unknown lines are the simplest case: a published total
// beside one withheld part pins it, so a partner goes too.

// sourceState is how a figure is published.
type sourceState int8

const (
	stateShown    sourceState = iota // its count
	stateSource                      // "<5" as the source published it: tipsom holds no count
	stateMasked                      // a count from 1 to 4, published as "<5"
	stateWithheld                    // "x"
)

// groupFigure is one stored figure of a group.
type groupFigure struct {
	Key   Key
	Value Value
}

// sourceTable is a group's figures, their lines and the attacker's bounds.
type sourceTable struct {
	figs  []groupFigure
	state []sourceState
	lines [][]int // lines[i][0] is the total, the rest its parts
	// The attacker's view, recomputed by attack.
	lo, hi       []int64
	whyLo, whyHi []int // the line that last moved each bound, -1 for none
	dead         []bool
}

// unbounded stands for "no upper bound"; sums of it stay far from overflow.
const unbounded = int64(1) << 50

// releaseGroup applies the rule to a group's stored figures (counts and
// the source's "<5") and returns the public value of each figure that is
// not published as stored.
func releaseGroup(figs []groupFigure) map[Key]Value {
	t := newSourceTable(figs)
	for i, f := range t.figs {
		switch {
		case f.Value.Kind == KindSuppressed:
			t.state[i] = stateSource
		case f.Value.N > 0 && f.Value.N < MinPublished:
			t.state[i] = stateMasked
		}
	}
	t.secondary()
	out := map[Key]Value{}
	for i, f := range t.figs {
		switch t.state[i] {
		case stateMasked:
			out[f.Key] = Value{Kind: KindSuppressed}
		case stateWithheld:
			out[f.Key] = Value{Kind: KindWithheld}
		}
	}
	return out
}

// newSourceTable orders the figures by key, so the rule withholds the same
// figures whatever order they were read in, and forms the lines.
func newSourceTable(figs []groupFigure) *sourceTable {
	figs = append([]groupFigure(nil), figs...)
	sort.Slice(figs, func(i, j int) bool { return keyLess(figs[i].Key, figs[j].Key) })
	t := &sourceTable{figs: figs, state: make([]sourceState, len(figs))}
	t.lines = groupLines(figs)
	return t
}

func keyLess(a, b Key) bool {
	if a.Dimension != b.Dimension {
		return a.Dimension < b.Dimension
	}
	if a.Category != b.Category {
		return a.Category < b.Category
	}
	if a.Sex != b.Sex {
		return a.Sex < b.Sex
	}
	return a.Age < b.Age
}

// secondary withholds until no withheld count comes out exact. Every move
// publishes one figure less precisely, so it ends.
func (t *sourceTable) secondary() {
	stuck := map[int]bool{}
	for range 3*len(t.figs) + 1 {
		t.attack()
		c := t.pinned(stuck)
		if c < 0 {
			return
		}
		if !t.move(c) {
			stuck[c] = true
		}
	}
}

// pinned is the first withheld positive count the attacker knows exactly,
// or -1.
func (t *sourceTable) pinned(skip map[int]bool) int {
	for i := range t.figs {
		if (t.state[i] == stateMasked || t.state[i] == stateWithheld) && t.figs[i].Value.N > 0 && t.lo[i] == t.hi[i] && !skip[i] {
			return i
		}
	}
	return -1
}

// move withholds one more figure in a line that pinned c, looking through
// the lines that pinned the other unknowns of those lines when they have
// nothing left to withhold; as a last resort c itself goes from "<5" to
// "x". It reports whether anything changed.
func (t *sourceTable) move(c int) bool {
	seenLine := map[int]bool{}
	seenCell := map[int]bool{c: true}
	var queue []int
	push := func(cell int) {
		for _, li := range []int{t.whyLo[cell], t.whyHi[cell]} {
			if li >= 0 && !seenLine[li] {
				seenLine[li] = true
				queue = append(queue, li)
			}
		}
	}
	push(c)
	for len(queue) > 0 {
		li := queue[0]
		queue = queue[1:]
		if p, ok := t.partner(t.lines[li], c); ok {
			t.state[p] = stateWithheld
			return true
		}
		for _, x := range t.lines[li] {
			if t.state[x] != stateShown && !seenCell[x] {
				seenCell[x] = true
				push(x)
			}
		}
	}
	if t.state[c] == stateMasked {
		t.state[c] = stateWithheld
		return true
	}
	return false
}

// partner picks the figure of ln to withhold beside c: the smallest
// positive part shown, else the total, else a zero part, else a "<5" of
// tipsom's other than c.
func (t *sourceTable) partner(ln []int, c int) (int, bool) {
	best := -1
	for _, x := range ln[1:] {
		if t.state[x] == stateShown && t.figs[x].Value.N > 0 && (best < 0 || t.figs[x].Value.N < t.figs[best].Value.N) {
			best = x
		}
	}
	if best >= 0 {
		return best, true
	}
	if t.state[ln[0]] == stateShown {
		return ln[0], true
	}
	for _, want := range []sourceState{stateShown, stateMasked} {
		for _, x := range ln {
			if x != c && t.state[x] == want {
				return x, true
			}
		}
	}
	return 0, false
}
