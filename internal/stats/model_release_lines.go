package stats

// groupLines forms every "total = sum of parts" a reader can try on a
// group's figures: for each figure of Total sex, its sexes; of Total age,
// its ages; for the Total, each dimension's categories at the same sex and
// age — for the forms of exploitation also the three published forms
// alone, and the finer forms against "Other forms of exploitation". A line
// that does not hold in the data costs some figures, never protection.
func groupLines(figs []groupFigure) [][]int {
	type cellAt struct{ dim, cat, sex, age string }
	at := make(map[cellAt]int, len(figs))
	for i, f := range figs {
		at[cellAt{f.Key.Dimension, f.Key.Category, f.Key.Sex, f.Key.Age}] = i
	}
	var lines [][]int
	add := func(total int, parts []int) {
		if len(parts) > 0 {
			lines = append(lines, append([]int{total}, parts...))
		}
	}
	for i, f := range figs {
		k := f.Key
		var bySex, byAge []int
		byDim := map[string][]int{}
		for j, p := range figs {
			q := p.Key
			switch {
			case k.Sex == "total" && q.Sex != "total" && q.Dimension == k.Dimension && q.Category == k.Category && q.Age == k.Age:
				bySex = append(bySex, j)
			case k.Age == "total" && q.Age != "total" && q.Dimension == k.Dimension && q.Category == k.Category && q.Sex == k.Sex:
				byAge = append(byAge, j)
			case k.Dimension == DimTotal && q.Dimension != DimTotal && q.Sex == k.Sex && q.Age == k.Age:
				byDim[q.Dimension] = append(byDim[q.Dimension], j)
			}
		}
		add(i, bySex)
		add(i, byAge)
		for _, dim := range dimensionOrder(byDim) {
			parts := byDim[dim]
			add(i, parts)
			if dim != DimExploitation {
				continue
			}
			var top, finer []int
			for _, j := range parts {
				if topForm[figs[j].Key.Category] {
					top = append(top, j)
				} else {
					finer = append(finer, j)
				}
			}
			if len(finer) > 0 {
				add(i, top)
				if other, ok := at[cellAt{DimExploitation, otherForms, k.Sex, k.Age}]; ok {
					add(other, finer)
				}
			}
		}
	}
	return lines
}

// otherForms is the published form that the finer forms break down.
const otherForms = "Other forms of exploitation"

// dimensionOrder lists the dimensions of m in the vocabulary's order, then
// any other, so the lines come out the same every time.
func dimensionOrder(m map[string][]int) []string {
	var out []string
	for _, d := range Dimensions {
		if _, ok := m[d.Code]; ok {
			out = append(out, d.Code)
		}
	}
	for d := range m {
		if _, ok := lookup(Dimensions, d); !ok {
			out = append(out, d)
		}
	}
	return out
}

// attack computes what a reader can deduce from the published figures:
// bounds on each figure, tightened line by line until nothing moves. A
// deduction about a figure tipsom holds is kept only when it is true; one
// that is false shows the line does not hold in the data, and the line is
// dropped. The source's "<5" keeps its bounds, 0 to 4: tipsom knows no more.
func (t *sourceTable) attack() {
	n := len(t.figs)
	t.lo, t.hi = make([]int64, n), make([]int64, n)
	t.whyLo, t.whyHi = make([]int, n), make([]int, n)
	t.dead = make([]bool, len(t.lines))
	for i, f := range t.figs {
		t.whyLo[i], t.whyHi[i] = -1, -1
		switch t.state[i] {
		case stateShown:
			t.lo[i], t.hi[i] = f.Value.N, f.Value.N
		case stateSource:
			t.lo[i], t.hi[i] = 0, MinPublished-1
		case stateMasked:
			t.lo[i], t.hi[i] = 1, MinPublished-1
		case stateWithheld:
			t.lo[i], t.hi[i] = 0, unbounded
		}
	}
	for pass, changed := 0, true; changed && pass < 10000; pass++ {
		changed = false
		for li := range t.lines {
			if !t.dead[li] && t.tighten(li) {
				changed = true
			}
		}
	}
}

// tighten applies one line, total minus parts equal to zero: each figure
// lies between what the others' bounds leave.
func (t *sourceTable) tighten(li int) bool {
	ln := t.lines[li]
	bounds := func(k, x int) (int64, int64) {
		if k == 0 {
			return t.lo[x], t.hi[x]
		}
		return -t.hi[x], -t.lo[x]
	}
	var sumLo, sumHi int64
	for k, x := range ln {
		lo, hi := bounds(k, x)
		sumLo, sumHi = sumLo+lo, sumHi+hi
	}
	changed := false
	for k, x := range ln {
		if t.state[x] != stateMasked && t.state[x] != stateWithheld {
			continue
		}
		lo, hi := bounds(k, x)
		tlo, thi := -(sumHi - hi), -(sumLo - lo)
		if k > 0 {
			tlo, thi = -thi, -tlo
		}
		v := t.figs[x].Value.N
		if v < tlo || v > thi {
			t.dead[li] = true
			return changed
		}
		if tlo > t.lo[x] {
			t.lo[x], t.whyLo[x], changed = tlo, li, true
		}
		if thi < t.hi[x] {
			t.hi[x], t.whyHi[x], changed = thi, li, true
		}
	}
	return changed
}
