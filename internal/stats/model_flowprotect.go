package stats

import "sort"

// flowAcc is a derived cell of the flows: its sum, and its cell in the
// disclosure table.
type flowAcc struct {
	sum  Sum
	cell int
}

// flowSums holds every published figure of a year's flows as one
// disclosure table, so that no withheld figure can be recovered by
// combining the flows, the region matrix, its totals and the class shares.
type flowSums struct {
	d       disclosure
	flows   []int
	matrix  map[[2]string]*flowAcc // origin group, destination group
	class   map[[2]string]*flowAcc // destination group, class
	origins map[string]*flowAcc
	dests   map[string]*flowAcc
	classes map[string]*flowAcc
	total   *flowAcc
}

// protectFlows sums the classified figures into the matrix, the totals and
// the classes, protects them all together, and publishes them into out.
func protectFlows(out *Flows, raw []rawFlow, n Namer) {
	t := &flowSums{matrix: map[[2]string]*flowAcc{}, class: map[[2]string]*flowAcc{}, origins: map[string]*flowAcc{},
		dests: map[string]*flowAcc{}, classes: map[string]*flowAcc{}}
	codes := make([]string, len(out.Groups))
	for i, g := range out.Groups {
		codes[i] = g.Code
	}
	t.build(codes, raw)
	t.d.protect()
	t.publish(out, codes, raw, n)
}

// acc makes a derived cell from the flows at indices idx, with the line
// saying it is their sum.
func (t *flowSums) acc(raw []rawFlow, idx []int) *flowAcc {
	a := &flowAcc{}
	for _, i := range idx {
		a.sum.add(raw[i].Value.sum())
	}
	a.cell = t.d.cell(a.sum.N, a.sum.HasCount())
	parts := make([]int, len(idx))
	for k, i := range idx {
		parts[k] = t.flows[i]
	}
	t.d.line(a.cell, parts...)
	return a
}

// build adds every cell and every line the published tables imply.
func (t *flowSums) build(codes []string, raw []rawFlow) {
	t.flows = make([]int, len(raw))
	byMatrix, byClass, byOrigin, byDest, byKind := map[[2]string][]int{}, map[[2]string][]int{}, map[string][]int{}, map[string][]int{}, map[string][]int{}
	var all []int
	for i, f := range raw {
		n, ok := f.Value.N, f.Value.Kind == KindCount
		t.flows[i] = t.d.cell(n, ok)
		byMatrix[[2]string{f.OriginGroup, f.DestGroup}] = append(byMatrix[[2]string{f.OriginGroup, f.DestGroup}], i)
		byClass[[2]string{f.DestGroup, f.Class}] = append(byClass[[2]string{f.DestGroup, f.Class}], i)
		byOrigin[f.OriginGroup] = append(byOrigin[f.OriginGroup], i)
		byDest[f.DestGroup] = append(byDest[f.DestGroup], i)
		byKind[f.Class] = append(byKind[f.Class], i)
		all = append(all, i)
	}
	for _, o := range codes {
		t.origins[o] = t.acc(raw, byOrigin[o])
		t.dests[o] = t.acc(raw, byDest[o])
		for _, dst := range codes {
			t.matrix[[2]string{o, dst}] = t.acc(raw, byMatrix[[2]string{o, dst}])
		}
		for _, c := range FlowClasses {
			t.class[[2]string{o, c}] = t.acc(raw, byClass[[2]string{o, c}])
		}
	}
	for _, c := range FlowClasses {
		t.classes[c] = t.acc(raw, byKind[c])
	}
	t.total = t.acc(raw, all)
	t.lines(codes)
}

// lines ties the derived cells to one another: rows and columns of the
// matrix to their totals, classes to destinations, and the diagonal and
// off-diagonal of the matrix to the classes they hold.
func (t *flowSums) lines(codes []string) {
	cells := func(accs ...*flowAcc) []int {
		out := make([]int, len(accs))
		for i, a := range accs {
			out[i] = a.cell
		}
		return out
	}
	var origins, dests, classes []*flowAcc
	for _, o := range codes {
		var row, col, cls []*flowAcc
		for _, dst := range codes {
			row = append(row, t.matrix[[2]string{o, dst}])
			col = append(col, t.matrix[[2]string{dst, o}])
		}
		for _, c := range FlowClasses {
			cls = append(cls, t.class[[2]string{o, c}])
		}
		t.d.line(t.origins[o].cell, cells(row...)...)
		t.d.line(t.dests[o].cell, cells(col...)...)
		t.d.line(t.dests[o].cell, cells(cls...)...)
		origins, dests = append(origins, t.origins[o]), append(dests, t.dests[o])
		if o == OutsideGroup {
			continue
		}
		t.d.line(t.matrix[[2]string{o, o}].cell, t.class[[2]string{o, FlowDomestic}].cell, t.class[[2]string{o, FlowIntraregional}].cell)
		if outside, ok := t.matrix[[2]string{OutsideGroup, o}]; ok {
			// From no known group: the foreigners of no named country and the unclassified.
			t.d.line(outside.cell, t.class[[2]string{o, FlowForeign}].cell, t.class[[2]string{o, FlowUnclassified}].cell)
		}
		var others []*flowAcc
		for _, src := range codes {
			if src != o && src != OutsideGroup {
				others = append(others, t.matrix[[2]string{src, o}])
			}
		}
		t.d.line(t.class[[2]string{o, FlowTransregional}].cell, cells(others...)...)
	}
	for _, c := range FlowClasses {
		classes = append(classes, t.classes[c])
	}
	t.d.line(t.total.cell, cells(origins...)...)
	t.d.line(t.total.cell, cells(dests...)...)
	t.d.line(t.total.cell, cells(classes...)...)
}

// cellOf publishes a derived cell.
func (t *flowSums) cellOf(a *flowAcc) Cell {
	s := a.sum
	s.Withheld = t.d.isWithheld(a.cell)
	return CellOf(s)
}

// publish writes the protected figures into out.
func (t *flowSums) publish(out *Flows, codes []string, raw []rawFlow, n Namer) {
	counted := map[string]int{}
	unknown := map[string]int{}
	reporting := map[string]bool{}
	for i, f := range raw {
		fl := Flow{Origin: f.Origin, OriginLabel: f.Category, Destination: f.ISO3, DestinationName: n.Country(f.ISO3), Class: f.Class,
			Cell: valueCell(f.Value, t.d.isWithheld(t.flows[i]))}
		if f.Origin != "" {
			fl.OriginName = n.Country(f.Origin)
		} else {
			unknown[f.Category]++
		}
		if v, ok := fl.Count(); ok && v >= int64(out.Query.Min) {
			fl.Counted = true
			counted[f.Class]++
		}
		switch f.Value.Kind {
		case KindCount:
			reporting[f.ISO3] = true
		case KindSuppressed:
			out.Coverage.SuppressedCells++
		case KindWithheld:
			out.Coverage.WithheldCells++
		}
		out.Flows = append(out.Flows, fl)
	}
	out.Coverage.DestinationsReporting = len(reporting)
	for l, c := range unknown {
		out.Coverage.UnknownOrigins = append(out.Coverage.UnknownOrigins, UnknownLabel{Label: l, Cells: c})
	}
	sort.Slice(out.Coverage.UnknownOrigins, func(i, j int) bool {
		return out.Coverage.UnknownOrigins[i].Label < out.Coverage.UnknownOrigins[j].Label
	})
	for _, o := range codes {
		out.Origins = append(out.Origins, GroupTotal{Group: o, Cell: t.cellOf(t.origins[o])})
		out.Dests = append(out.Dests, GroupTotal{Group: o, Cell: t.cellOf(t.dests[o])})
		for _, dst := range codes {
			a := t.matrix[[2]string{o, dst}]
			out.Matrix = append(out.Matrix, MatrixCell{Origin: o, Destination: dst, Cell: t.cellOf(a), SuppressedCells: a.sum.SuppressedCells,
				WithheldCells: a.sum.WithheldCells})
		}
		share := FlowShare{Destination: o, Label: out.Groups[indexOf(codes, o)].Label, Total: t.cellOf(t.dests[o])}
		for _, c := range FlowClasses {
			cs := ClassShare{Class: c, Cell: t.cellOf(t.class[[2]string{o, c}])}
			cs.Share = percent(cs.Cell, share.Total)
			share.Classes = append(share.Classes, cs)
		}
		out.Shares = append(out.Shares, share)
	}
	for _, c := range FlowClasses {
		out.Classes = append(out.Classes, ClassSummary{Class: c, Cell: t.cellOf(t.classes[c]), Flows: counted[c]})
	}
	out.Total = t.cellOf(t.total)
}

// sum is one source figure as a sum over one country.
func (v Value) sum() Sum {
	switch v.Kind {
	case KindCount:
		return Sum{N: v.N, Reporting: 1}
	case KindSuppressed:
		return Sum{SuppressedCells: 1}
	case KindWithheld:
		return Sum{WithheldCells: 1}
	}
	return Sum{Missing: 1}
}

// percent is part's share of total, when both are published counts and
// the total is positive.
func percent(part, total Cell) *float64 {
	p, ok1 := part.Count()
	t, ok2 := total.Count()
	if !ok1 || !ok2 || t == 0 {
		return nil
	}
	s := 100 * float64(p) / float64(t)
	return &s
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
