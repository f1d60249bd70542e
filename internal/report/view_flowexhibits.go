package report

import (
	"strings"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// maxTopFlows is how many flows a region's table of largest flows lists.
const maxTopFlows = 10

// citizenship is the query of one citizenship figure: victims detected in
// a country whose citizenship is category.
func citizenship(category string) cell {
	return cell{ID: "citizenship", Indicator: "detected_victims", Dimension: stats.DimCitizenship, Category: category, Sex: "total", Age: "total"}
}

// flowKinds splits the victims detected in a group (or in the world) by
// kind of flow, as the flows API answers it.
func (b *builder) flowKinds(p *Place) *exhibit {
	f, fs := b.f, b.d.flows
	share, ok := fs.share(p)
	if fs.Year == 0 || !ok {
		return nil
	}
	e := b.newExhibit(p, "flowkinds", f.T("report.flow_kinds_title", "Year", fs.Year))
	e.Table.Corner = f.T("report.col_kind")
	e.Table.Cols = []string{f.T("report.col_victims"), f.T("report.col_share")}
	e.Chart = &web.Chart{Type: "bar", YName: "%", Label: e.Title, Series: []web.Series{{Name: f.T("report.col_share")}}}
	grouping := fs.of(p).GroupingID
	add := func(kind, name string, c stats.Cell, share *float64, total bool) {
		if share != nil {
			share = roundShare(*share)
		}
		shown := share
		if total {
			// The total is the whole the shares above divide: 100%, not
			// "no figure" (which a reader took for a missing total).
			if _, ok := c.Count(); ok {
				shown = roundShare(100)
			}
		}
		e.Table.Rows = append(e.Table.Rows, tableRow{Head: name, Total: total, Cells: []tableCell{f.cell(c), f.shareCell(shown)}})
		if !total {
			e.Chart.X = append(e.Chart.X, name)
			e.Chart.Series[0].Data = append(e.Chart.Series[0].Data, share)
		}
		r := dataRow{Source: SourceFlows, Grouping: grouping, PlaceKind: p.Kind, Place: p.Code, PlaceName: f.place(p),
			Cell: citizenship(""), Year: fs.Year, Series: kind, Label: name, Value: c.Value, Share: share}
		if _, ok := c.Count(); !ok {
			r.Flag = c.Text()
		}
		e.Data = append(e.Data, r)
	}
	ranges := classRanges(share.Classes)
	for i, c := range share.Classes {
		if ranges == nil {
			add(c.Class, f.T("stats.flow."+c.Class), c.Cell, c.Share, false)
			continue
		}
		// A class "<5" leaves every share uncertain: ranges, never the
		// API's shares of the counted classes alone (Europe 2021: 58
		// foreigners were not "100%" beside Switzerland's "<5" nationals).
		add(c.Class, f.T("stats.flow."+c.Class), c.Cell, nil, false)
		row := &e.Table.Rows[len(e.Table.Rows)-1]
		row.Cells[1] = f.rangeCell(ranges[i])
		if r := ranges[i]; r != nil {
			d := &e.Data[len(e.Data)-1]
			if d.Share = r.value(); d.Share == nil {
				d.ShareMin, d.ShareMax = roundShare(r.Low), roundShare(r.High)
			}
			e.Chart.Series[0].Data[len(e.Chart.Series[0].Data)-1] = r.value()
		}
	}
	add("total", f.T("report.total"), share.Total, nil, true)
	if ranges != nil {
		e.Note += f.T("report.shares_range_note") + " "
	}
	e.Note += f.T("report.flow_kinds_note", "Min", stats.DefaultMinFlow)
	figures := 0
	for _, u := range fs.of(p).Coverage.UnknownOrigins {
		figures += u.Cells
	}
	e.Note += " " + f.T("report.flow_unmapped_note", "Figures", f.Num(figures), "Labels", f.Num(len(fs.of(p).Coverage.UnknownOrigins)))
	return e
}

// classRanges are the shares of the kinds of flow when some kind is a
// figure below five ("<5": one to four victims), as ranges; nil when every
// kind is a count or nothing (the API's shares are exact) or when one is
// several figures below five, or withheld (no share can be bounded).
func classRanges(classes []stats.ClassShare) []*shareRange {
	rows := make([]stats.AggregateRow, len(classes))
	uncertain := false
	for i, c := range classes {
		switch {
		case c.Kind == stats.KindSuppressed:
			rows[i].SuppressedCells, uncertain = 1, true
		case c.Value != nil:
			rows[i].Value = c.Value
		case c.Kind == stats.KindSuppressedN || c.Kind == stats.KindWithheld:
			return nil
		}
	}
	if !uncertain {
		return nil
	}
	return partRanges(rows)
}

// topFlows lists the largest flows into a group (or the world): each one
// country's figure for one citizenship, drawn as arcs on a map.
func (b *builder) topFlows(p *Place) *exhibit {
	f, fs := b.f, b.d.flows
	flows := fs.into(p, true)
	if len(flows) == 0 {
		return nil
	}
	flows = flows[:min(len(flows), maxTopFlows)]
	e := b.newExhibit(p, "topflows", f.T("report.top_flows_title", "Year", fs.Year, "Min", stats.DefaultMinFlow))
	b.flowTable(e, flows, func(fl stats.Flow) string {
		return f.T("report.flow_arrow", "From", b.origin(fl), "To", f.country(fl.Destination))
	})
	return e
}

// origin names where a flow comes from: a country, or the label as
// published when it names none.
func (b *builder) origin(fl stats.Flow) string {
	if fl.Origin != "" {
		return b.f.country(fl.Origin)
	}
	if fl.Class == stats.FlowForeign {
		return b.f.T("stats.flow.foreign")
	}
	if fl.OriginLabel == "" || strings.ContainsRune(fl.OriginLabel, utf8.RuneError) {
		// A label whose characters were lost names no one country: the
		// reader gets "unknown", analysts the label (flows API,
		// unknown_origins), never the damaged text.
		return b.f.T("report.unknown_origin")
	}
	return fl.OriginLabel
}

// flowTable fills e with one row per flow — its kind and victims — the
// map of its arcs, and its data: each flow is the aggregate of one
// citizenship for its destination country.
func (b *builder) flowTable(e *exhibit, flows []stats.Flow, head func(stats.Flow) string) {
	f := b.f
	e.Table.Corner = f.T("report.col_flow")
	e.Table.Cols = []string{f.T("report.col_kind"), f.T("report.col_victims")}
	e.Map = &flowMap{Label: f.T("report.map_label", "Caption", e.Title)}
	shaded := map[string]bool{}
	for _, fl := range flows {
		name := head(fl)
		e.Table.Rows = append(e.Table.Rows, tableRow{Head: name, Cells: []tableCell{{Text: f.T("stats.flow." + fl.Class)}, f.cell(fl.Cell)}})
		r := dataRow{Source: SourceAggregate, Grouping: b.d.main.ID, PlaceKind: KindCountry, Place: fl.Destination,
			PlaceName: f.country(fl.Destination), Cell: citizenship(fl.OriginLabel), Year: b.d.flows.Year, Series: "value",
			Label: name, Value: fl.Value}
		if _, ok := fl.Count(); !ok {
			r.Flag = fl.Text()
		}
		e.Data = append(e.Data, r)
		from, to := b.m49(fl.Origin), b.m49(fl.Destination)
		if n, ok := fl.Count(); ok && from != "" && to != "" {
			e.Map.Arcs = append(e.Map.Arcs, arc{From: from, To: to, Value: n})
			for _, c := range []string{from, to} {
				if !shaded[c] {
					shaded[c] = true
					e.Map.Shade = append(e.Map.Shade, c)
				}
			}
		}
	}
}

// m49 is a country's M49 code, which keys the world atlas.
func (b *builder) m49(iso3 string) string {
	if c, ok := b.f.geo.Country(iso3); ok {
		return c.M49
	}
	return ""
}
