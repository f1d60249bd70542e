package stats

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/geo"
)

// Flow classes: where a victim was detected against where they come from,
// in the groups of the chosen grouping.
const (
	FlowDomestic      = "domestic"      // detected in their own country
	FlowIntraregional = "intraregional" // another country of the same group
	FlowTransregional = "transregional" // a country of another group
	FlowForeign       = "foreign"       // foreigners whose country was not reported ("Personnes de nationalité étrangère")
	FlowUnclassified  = "unclassified"  // origin unknown, or a country outside the grouping
)

// FlowClasses lists the classes in the order tables show them.
var FlowClasses = []string{FlowDomestic, FlowIntraregional, FlowTransregional, FlowForeign, FlowUnclassified}

// OutsideGroup is the matrix code of the origin row "unknown or outside
// the grouping" and of the destination column "outside the grouping".
const OutsideGroup = ""

// DefaultMinFlow is the report's rule: a flow counts as a flow from five
// detected victims.
const DefaultMinFlow = 5

// FlowQuery asks for the flows of one year.
type FlowQuery struct {
	Indicator string // default detected_victims
	Sex, Age  string // default total
	Year      int
	Grouping  string // default m49-region
	Min       int    // default DefaultMinFlow; never below it
}

// rawFlow is one citizenship figure placed and classified, before
// disclosure control.
type rawFlow struct {
	obsRow
	Origin      string // ISO3, "" when the label names no country
	OriginGroup string // OutsideGroup when unknown or not in the grouping
	DestGroup   string
	Class       string
}

// classify places a citizenship figure: origin is the country its
// category names (Nationals: the detecting country), destination the
// detecting country.
func classify(o obsRow, groupOf map[string]string) rawFlow {
	f := rawFlow{obsRow: o, Origin: o.CategoryISO3, DestGroup: groupOf[o.ISO3]}
	if f.Origin != "" {
		f.OriginGroup = groupOf[f.Origin]
	}
	switch {
	case f.Origin == o.ISO3:
		f.Class = FlowDomestic
	case f.Origin == "" && f.DestGroup != OutsideGroup && foreignUnspecified(o.Category):
		f.Class = FlowForeign // not nationals, from no country named: neither domestic nor unknown
	case f.Origin == "" || f.OriginGroup == OutsideGroup || f.DestGroup == OutsideGroup:
		f.Class = FlowUnclassified
	case f.OriginGroup == f.DestGroup:
		f.Class = FlowIntraregional
	default:
		f.Class = FlowTransregional
	}
	return f
}

// Flows computes the flows of one year from the citizenship breakdown:
// one indexed query for the figures, one for the grouping, whatever the
// number of countries. Every figure it returns has passed disclosure
// control, and flows below q.Min are kept in every total but not counted
// as flows.
func (s *Service) Flows(ctx context.Context, q FlowQuery, n Namer) (*Flows, error) {
	q = q.withDefaults()
	g, err := s.grouping(ctx, q.Grouping)
	if err != nil {
		return nil, err
	}
	rows, err := s.loadFlowRows(ctx, q)
	if err != nil {
		return nil, err
	}
	groupOf := make(map[string]string, len(g.Members))
	for _, m := range g.Members {
		groupOf[m.ISO3] = m.Group
	}
	raw := make([]rawFlow, len(rows))
	for i, o := range rows {
		raw[i] = classify(o, groupOf)
	}
	out := &Flows{Query: q, GroupingID: g.ID, GroupingName: GroupingName(g, n.T), Groups: flowGroups(g, raw, n)}
	protectFlows(out, raw, n)
	return out, nil
}

func (q FlowQuery) withDefaults() FlowQuery {
	if q.Indicator == "" {
		q.Indicator = "detected_victims"
	}
	q.Sex, q.Age = orTotal(q.Sex), orTotal(q.Age)
	if q.Grouping == "" || q.Grouping == GroupingNone {
		q.Grouping = DefaultGrouping
	}
	q.Min = max(q.Min, DefaultMinFlow)
	return q
}

// flowGroups are the grouping's groups, then the outside row when some
// figure needs it.
func flowGroups(g *geo.Grouping, raw []rawFlow, n Namer) []FlowGroup {
	out := make([]FlowGroup, 0, len(g.Groups)+1)
	for _, group := range g.Groups {
		out = append(out, FlowGroup{Code: group, Label: n.Group(g, group)})
	}
	for _, f := range raw {
		if f.OriginGroup == OutsideGroup || f.DestGroup == OutsideGroup {
			return append(out, FlowGroup{Code: OutsideGroup, Label: n.T("stats.flows_outside")})
		}
	}
	return out
}

// loadFlowRows reads a year's citizenship figures in one query on the index
// (indicator, dimension, sex, age, year, category), in the order flows are
// listed: by detecting country, then category; each as the disclosure rule
// publishes it.
func (s *Service) loadFlowRows(ctx context.Context, q FlowQuery) ([]obsRow, error) {
	var out []obsRow
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = citizenshipRows(ctx, tx, q); err != nil || len(out) == 0 {
			return err
		}
		rel, err := s.release(ctx, tx, releaseScope{Indicators: []string{q.Indicator}, From: q.Year, To: q.Year})
		if err != nil {
			return err
		}
		f := cellFilter{Indicator: q.Indicator, Dimension: DimCitizenship}
		for i := range out {
			out[i].Value = rel.public(out[i].key(f), out[i].Value)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read citizenship of %s, %d: %w", q.Indicator, q.Year, err)
	}
	return out, nil
}
