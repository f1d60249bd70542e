package stats

import (
	"encoding/json"
	"html/template"
	"sort"
	"strconv"

	"github.com/tipsom/tipsom/internal/web"
)

// maxSeries is the most rows a bar or line chart draws; the table beside
// it always holds every row.
const maxSeries = 12

// chart draws the explorer's table: every number comes from a table cell,
// so the chart shows only what the table publishes. It returns the spec
// and whether the chart leaves rows out.
func (v *viewer) chart(e *Exploration, t *Table) (template.JS, bool) {
	q := e.Query
	var spec web.Chart
	trimmed := false
	switch q.View {
	case ViewBar, ViewLine:
		spec = web.Chart{Type: q.View, YName: v.T(measureKey(q.Measure))}
		spec.X = t.Columns[:len(e.Grid.Years)]
		rows := t.Rows[:len(t.Rows)-1] // the total would flatten the others
		rows, trimmed = largest(rows, len(spec.X))
		for _, r := range rows {
			spec.Series = append(spec.Series, web.Series{Name: r.Label, Data: values(r.Cells[:len(spec.X)], 1)})
		}
	case ViewStacked:
		spec = web.Chart{Type: ViewBar, Stack: true, YName: "%"}
		if e.ByGroup != nil { // a bar per group, its parts' shares stacked
			rows := t.Rows[:len(t.Rows)-1]
			for _, r := range rows {
				spec.X = append(spec.X, r.Label)
			}
			for j, p := range e.ByGroup.Parts {
				s := web.Series{Name: p}
				for _, r := range rows {
					s.Data = append(s.Data, r.Cells[2*j+1].Value)
				}
				spec.Series = append(spec.Series, s)
			}
			break
		}
		for _, y := range e.Grid.Years {
			spec.X = append(spec.X, year(y))
		}
		for _, r := range t.Rows[:len(t.Rows)-1] {
			spec.Series = append(spec.Series, web.Series{Name: r.Label, Data: values(r.Cells[1:], 2)})
		}
	case ViewFlows:
		spec = sankey(t)
	default:
		return "", false
	}
	b, _ := json.Marshal(spec)
	return template.JS(b), trimmed
}

// values reads every step-th cell's number (nil for a flag).
func values(cells []TableCell, step int) []*float64 {
	var out []*float64
	for i := 0; i < len(cells); i += step {
		out = append(out, cells[i].Value)
	}
	return out
}

// largest keeps the maxSeries rows with the largest published values, in
// table order.
func largest(rows []TableRow, n int) ([]TableRow, bool) {
	if len(rows) <= maxSeries {
		return rows, false
	}
	weight := func(r TableRow) float64 {
		w := 0.0
		for _, c := range r.Cells[:n] {
			if c.Value != nil {
				w += *c.Value
			}
		}
		return w
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return weight(rows[idx[a]]) > weight(rows[idx[b]]) })
	idx = idx[:maxSeries]
	sort.Ints(idx)
	out := make([]TableRow, len(idx))
	for i, k := range idx {
		out[i] = rows[k]
	}
	return out, true
}

// sankey links origin groups to destination groups from the published
// cells of the flow matrix (not its totals).
func sankey(t *Table) web.Chart {
	spec := web.Chart{Type: "sankey"}
	used := map[string]bool{}
	node := func(id, label string) {
		if !used[id] {
			used[id] = true
			spec.Nodes = append(spec.Nodes, web.SankeyNode{ID: id, Label: label})
		}
	}
	dests := t.Columns[:len(t.Columns)-1]
	for i, r := range t.Rows[:len(t.Rows)-1] {
		for j, c := range r.Cells[:len(dests)] {
			if c.Value == nil || *c.Value == 0 {
				continue
			}
			src, dst := "o"+strconv.Itoa(i), "d"+strconv.Itoa(j)
			node(src, r.Label)
			node(dst, dests[j])
			spec.Links = append(spec.Links, web.SankeyLink{Source: src, Target: dst, Value: *c.Value})
		}
	}
	return spec
}
