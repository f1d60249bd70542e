package report

import (
	"context"
	"fmt"
	"sort"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// FlowSet is the flows of the edition's flow year — the latest year of the
// span for which some country reported victims by citizenship — as the
// statistics room computes them (GET /api/v1/stats/flows), over the
// grouping and over the sub-grouping.
type FlowSet struct {
	Year int // 0: no country reported victims by citizenship in the span
	Main *stats.Flows
	Sub  *stats.Flows
}

// flowNamer names nothing: the report names places itself in each
// language, from the codes the flows carry.
var flowNamer = stats.Namer{
	Country: func(iso3 string) string { return iso3 },
	Group:   groupLabel,
	T:       func(key string, _ ...any) string { return key },
}

// gatherFlows finds the flow year, from the end of the span back, and
// computes its flows.
func gatherFlows(ctx context.Context, svc Statistics, span stats.Span, main, sub *geo.Grouping) (*FlowSet, error) {
	for y := span.To; y >= span.From; y-- {
		f, err := svc.Flows(ctx, stats.FlowQuery{Year: y, Grouping: main.ID}, flowNamer)
		if err != nil {
			return nil, fmt.Errorf("flows %d over %s: %w", y, main.ID, err)
		}
		if f.Coverage.DestinationsReporting == 0 && f.Coverage.SuppressedCells == 0 {
			continue
		}
		fs := &FlowSet{Year: y, Main: f}
		if sub != nil {
			if fs.Sub, err = svc.Flows(ctx, stats.FlowQuery{Year: y, Grouping: sub.ID}, flowNamer); err != nil {
				return nil, fmt.Errorf("flows %d over %s: %w", y, sub.ID, err)
			}
		}
		return fs, nil
	}
	return &FlowSet{}, nil
}

// destinations lists the countries for which some victim's citizenship
// was reported.
func (fs *FlowSet) destinations() map[string]bool {
	out := map[string]bool{}
	if fs.Main != nil {
		for _, f := range fs.Main.Flows {
			out[f.Destination] = true
		}
	}
	return out
}

// of returns the flows computed over the grouping a place belongs to.
func (fs *FlowSet) of(p *Place) *stats.Flows {
	if p.Kind == KindSubregion {
		return fs.Sub
	}
	return fs.Main
}

// share returns the split by kind of flow of the victims detected in a
// group (or, for the world, in every group).
func (fs *FlowSet) share(p *Place) (stats.FlowShare, bool) {
	f := fs.of(p)
	if f == nil {
		return stats.FlowShare{}, false
	}
	if p.Kind == KindWorld {
		s := stats.FlowShare{Destination: "world", Total: f.Total}
		for _, c := range f.Classes {
			cs := stats.ClassShare{Class: c.Class, Cell: c.Cell}
			if n, ok := c.Count(); ok {
				if t, ok := f.Total.Count(); ok && t > 0 {
					x := 100 * float64(n) / float64(t)
					cs.Share = &x
				}
			}
			s.Classes = append(s.Classes, cs)
		}
		return s, true
	}
	for _, s := range f.Shares {
		if s.Destination == p.Code {
			return s, true
		}
	}
	return stats.FlowShare{}, false
}

// into lists the flows detected in a place (every destination country in
// it), the largest first; with counted, only flows of at least the
// threshold.
func (fs *FlowSet) into(p *Place, counted bool) []stats.Flow {
	if fs.Main == nil {
		return nil
	}
	in := map[string]bool{}
	for _, c := range p.Countries {
		in[c] = true
	}
	var out []stats.Flow
	for _, f := range fs.Main.Flows {
		if in[f.Destination] && (!counted || f.Counted) {
			out = append(out, f)
		}
	}
	sortFlows(out)
	return out
}

// from lists where a country's nationals were detected abroad, the
// largest first.
func (fs *FlowSet) from(iso3 string) []stats.Flow {
	if fs.Main == nil {
		return nil
	}
	var out []stats.Flow
	for _, f := range fs.Main.Flows {
		if f.Origin == iso3 && f.Destination != iso3 {
			out = append(out, f)
		}
	}
	sortFlows(out)
	return out
}

// sortFlows orders flows by published count, largest first; flows
// without a count last, by destination and origin.
func sortFlows(fl []stats.Flow) {
	sort.SliceStable(fl, func(i, j int) bool {
		a, aok := fl[i].Count()
		b, bok := fl[j].Count()
		if aok != bok {
			return aok
		}
		if a != b {
			return a > b
		}
		if fl[i].Destination != fl[j].Destination {
			return fl[i].Destination < fl[j].Destination
		}
		return fl[i].OriginLabel < fl[j].OriginLabel
	})
}
