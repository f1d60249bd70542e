package report

import (
	"github.com/tipsom/tipsom/internal/stats"
)

// origins lists where the victims detected in a country came from, with
// the shares of each kind of flow — domestic, intraregional, transregional
// — among those whose citizenship was reported.
func (b *builder) origins(p *Place) *exhibit {
	f, fs := b.f, b.d.flows
	flows := fs.into(p, false)
	if len(flows) == 0 {
		return nil
	}
	e := b.newExhibit(p, "origins", f.T("report.origins_title", "Place", f.place(p), "Year", fs.Year))
	b.flowTable(e, flows, b.origin)
	shares := kindShares(flows)
	if shares == nil {
		return e
	}
	for i := range e.Data {
		e.Data[i].Group, e.Data[i].Part = e.ID, flows[i].Class
		if s, ok := shares[flows[i].Class]; ok {
			if e.Data[i].Share = s.value(); e.Data[i].Share == nil {
				e.Data[i].ShareMin, e.Data[i].ShareMax = roundShare(s.Low), roundShare(s.High)
			}
		}
	}
	extra := table{ID: "t-" + e.ID + "-kinds", Caption: f.T("report.origin_kinds_caption", "Place", f.place(p), "Year", fs.Year),
		Corner: f.T("report.col_kind"), Cols: []string{f.T("report.col_share")}}
	for _, k := range stats.FlowClasses {
		if s, ok := shares[k]; ok {
			extra.Rows = append(extra.Rows, tableRow{Head: f.T("stats.flow." + k), Cells: []tableCell{f.rangeCell(&s)}})
		}
	}
	e.Extra = &extra
	return e
}

// kindShares sums a country's flows by kind and divides by their sum: only
// when no flow is withheld, since the shares would give it away. A flow
// below five is one to four victims, so a share that needs one is the
// range they allow (see partRanges).
func kindShares(flows []stats.Flow) map[string]shareRange {
	lo, hi := map[string]int64{}, map[string]int64{}
	var sumLo, sumHi int64
	counted := false
	for _, fl := range flows {
		if fl.Kind == stats.KindWithheld {
			return nil
		}
		l, h := int64(1), int64(4)
		if n, ok := fl.Count(); ok {
			l, h, counted = n, n, true
		}
		lo[fl.Class] += l
		hi[fl.Class] += h
		sumLo, sumHi = sumLo+l, sumHi+h
	}
	if sumLo == 0 || !counted {
		return nil // only flows below five: no share
	}
	out := map[string]shareRange{}
	for k := range lo {
		out[k] = shareRange{100 * float64(lo[k]) / float64(lo[k]+sumHi-hi[k]), 100 * float64(hi[k]) / float64(hi[k]+sumLo-lo[k])}
	}
	return out
}

// nationals lists where a country's nationals were detected as victims
// abroad.
func (b *builder) nationals(p *Place) *exhibit {
	f, fs := b.f, b.d.flows
	flows := fs.from(p.Code)
	if len(flows) == 0 {
		return nil
	}
	e := b.newExhibit(p, "nationals", f.T("report.nationals_title", "Place", f.place(p), "Year", fs.Year))
	b.flowTable(e, flows, func(fl stats.Flow) string { return f.country(fl.Destination) })
	e.Table.Corner = f.T("report.col_detected_in")
	return e
}
