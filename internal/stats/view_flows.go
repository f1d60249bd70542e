package stats

import "sort"

// flowMatrixTable: origin groups down, destination groups across, with
// their totals — the table beside the Sankey chart, and the download.
func (v *viewer) flowMatrixTable(f *Flows) *Table {
	t := &Table{Corner: v.T("stats.col_origin_destination")}
	// The outside column only when some victim was detected outside the
	// grouping; the outside row holds every unknown origin too.
	var dests []int
	for i, g := range f.Groups {
		if g.Code != OutsideGroup || f.Dests[i].Kind != KindMissing {
			dests = append(dests, i)
			t.Columns = append(t.Columns, g.Label)
		}
	}
	t.Columns = append(t.Columns, v.T("stats.col_total"))
	for i, o := range f.Groups {
		label := o.Label
		if o.Code == OutsideGroup {
			label = v.T("stats.flows_unknown_origin")
		}
		tr := TableRow{Code: o.Code, Label: label}
		for _, j := range dests {
			tr.Cells = append(tr.Cells, v.cell(f.MatrixCell(o.Code, f.Groups[j].Code)))
		}
		tr.Cells = append(tr.Cells, v.cell(f.Origins[i].Cell))
		t.Rows = append(t.Rows, tr)
	}
	tr := TableRow{Code: "total", Label: v.T("stats.col_total"), Total: true}
	for _, j := range dests {
		tr.Cells = append(tr.Cells, v.cell(f.Dests[j].Cell))
	}
	tr.Cells = append(tr.Cells, v.cell(f.Total))
	t.Rows = append(t.Rows, tr)
	return t
}

// flowSharesTable: for each destination group, its victims by class and
// their shares, then the classes over all destinations with the number of
// flows reaching the threshold.
func (v *viewer) flowSharesTable(f *Flows) *Table {
	t := &Table{ID: "flow-shares-table", Caption: v.T("stats.flows_shares_caption", "Year", f.Query.Year),
		Corner: v.T("stats.col_destination")}
	for _, c := range FlowClasses {
		name := v.T("stats.flow." + c)
		t.Columns = append(t.Columns, name, v.T("stats.col_class_share", "Class", name))
	}
	t.Columns = append(t.Columns, v.T("stats.col_total"))
	for _, s := range f.Shares {
		if s.Total.Kind == KindMissing {
			continue
		}
		tr := TableRow{Code: s.Destination, Label: s.Label}
		for _, c := range s.Classes {
			tr.Cells = append(tr.Cells, v.cell(c.Cell), v.sharePtr(c.Share))
		}
		tr.Cells = append(tr.Cells, v.cell(s.Total))
		t.Rows = append(t.Rows, tr)
	}
	tr := TableRow{Code: "total", Label: v.T("stats.col_total"), Total: true}
	for _, c := range f.Classes {
		tr.Cells = append(tr.Cells, v.cell(c.Cell), v.sharePtr(percent(c.Cell, f.Total)))
	}
	tr.Cells = append(tr.Cells, v.cell(f.Total))
	t.Rows = append(t.Rows, tr)
	counted := TableRow{Code: "flows", Label: v.T("stats.flows_counted_row", "Min", f.Query.Min)}
	n := 0
	for _, c := range f.Classes {
		counted.Cells = append(counted.Cells, v.count(c.Flows), flagCell("", "flag"))
		n += c.Flows
	}
	counted.Cells = append(counted.Cells, v.count(n))
	t.Rows = append(t.Rows, counted)
	return t
}

// flowListTable: the country-to-country flows that reach the threshold,
// largest first.
func (v *viewer) flowListTable(f *Flows) *Table {
	t := &Table{ID: "flow-list-table", Caption: v.T("stats.flows_list_caption", "Min", f.Query.Min, "Year", f.Query.Year),
		Corner:  v.T("stats.col_origin"),
		Columns: []string{v.T("stats.col_destination"), v.T("stats.col_class"), v.T("stats.col_victims")}}
	var list []Flow
	for _, fl := range f.Flows {
		if fl.Counted {
			list = append(list, fl)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return *list[i].Value > *list[j].Value })
	for _, fl := range list {
		origin := fl.OriginName
		if origin == "" {
			origin = fl.OriginLabel
		}
		t.Rows = append(t.Rows, TableRow{Code: fl.Origin, Label: origin, Cells: []TableCell{
			flagCell(fl.DestinationName, ""), flagCell(v.T("stats.flow."+fl.Class), ""), v.cell(fl.Cell)}})
	}
	return t
}

// sharePtr shows an optional percentage.
func (v *viewer) sharePtr(s *float64) TableCell {
	if s == nil {
		return v.share(0, false)
	}
	return v.share(*s, true)
}
