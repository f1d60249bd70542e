package stats

import (
	"context"
	"database/sql"
	"fmt"
)

// Exploration is what the explorer computed for a query, every figure
// protected: a grid of places by years (counts or rates), a breakdown
// grid (stacked shares), or a year's flows.
type Exploration struct {
	Query  ExploreQuery
	Grid   *Grid
	Places []Place // the places behind Grid's rows, for the map (not for breakdowns)
	Flows  *Flows
	// ByGroup is the stacked view of one year by the groups of the
	// grouping chosen (no countries chosen): Grid is nil then.
	ByGroup *GroupBreakdown
}

// Explore computes the exploration of q, whose defaults must be filled.
func (s *Service) Explore(ctx context.Context, q ExploreQuery, n Namer) (*Exploration, error) {
	e := &Exploration{Query: q}
	var err error
	switch {
	case q.View == ViewFlows:
		e.Flows, err = s.Flows(ctx, FlowQuery{Indicator: q.Indicator, Sex: q.Sex, Age: q.Age, Year: q.To, Grouping: q.Grouping, Min: q.Min}, n)
	case q.View == ViewStacked && len(q.Countries) == 0 && q.Grouping != GroupingNone:
		e.ByGroup, err = s.breakdownByGroup(ctx, q, n)
	case q.View == ViewStacked:
		e.Grid, err = s.Profile(ctx, ProfileQuery{Indicator: q.Indicator, Dimension: q.Dimension, Sex: q.Sex, Age: q.Age, Span: q.Span,
			Countries: q.Countries}, n)
	default:
		err = s.explorePlaces(ctx, e, n)
	}
	if err != nil {
		return nil, err
	}
	return e, nil
}

// breakdownByGroup is the breakdown of q's dimension in q's last year for
// each group of q's grouping, protected as one matrix. Its parts are the
// stacked view's (Profile's): the sex and age profile, origins, or the
// categories.
func (s *Service) breakdownByGroup(ctx context.Context, q ExploreQuery, n Namer) (*GroupBreakdown, error) {
	f := cellFilter{Indicator: q.Indicator, Dimension: q.Dimension, From: q.To, To: q.To, Sex: orTotal(q.Sex), Age: orTotal(q.Age)}
	if f.Dimension == DimTotal {
		f.Category, f.Sex, f.Age = CategoryTotal, "", ""
	}
	ix, err := s.loadRows(ctx, f)
	if err != nil {
		return nil, err
	}
	groups, err := s.groupPlaces(ctx, q.Grouping, n)
	if err != nil {
		return nil, err
	}
	parts := partsOf(q.Dimension, ix)
	all := anyPart(parts)
	b := &GroupBreakdown{Year: q.To, Total: GroupParts{Code: "total", Label: n.T("stats.total_of_groups")}}
	var everyone []string
	for _, p := range parts {
		label := p.Label
		if p.Key != "" {
			label = n.T(p.Key)
		}
		b.Parts = append(b.Parts, label)
	}
	for _, g := range groups {
		row := GroupParts{Code: g.Code, Label: g.Label, Total: ix.sum(q.To, g.Countries, all)}
		for _, p := range parts {
			row.Parts = append(row.Parts, ix.sum(q.To, g.Countries, p.Match))
		}
		b.Groups = append(b.Groups, row)
		everyone = append(everyone, g.Countries...)
	}
	b.Total.Total = ix.sum(q.To, everyone, all)
	for _, p := range parts {
		b.Total.Parts = append(b.Total.Parts, ix.sum(q.To, everyone, p.Match))
	}
	b.protect()
	return b, nil
}

// explorePlaces sums the query's cell over its places: the countries
// chosen (with their total), every country reporting (with the world), or
// the groups of a grouping (with the world).
func (s *Service) explorePlaces(ctx context.Context, e *Exploration, n Namer) error {
	q := e.Query
	tq := TrendQuery{Indicator: q.Indicator, Dimension: q.Dimension, Category: q.Category, Sex: q.Sex, Age: q.Age, Span: q.Span}
	world := Place{Code: "world", Label: n.T("stats.world"), Countries: s.allCountries()}
	switch {
	case len(q.Countries) > 0:
		tq.Places = countryPlaces(q.Countries, n)
		tq.Total = Place{Code: "total", Label: n.T("stats.total_selected"), Countries: q.Countries}
	case q.Grouping == GroupingNone:
		tq.Places, tq.Total = countryPlaces(world.Countries, n), world
	default:
		places, err := s.groupPlaces(ctx, q.Grouping, n)
		if err != nil {
			return err
		}
		tq.Places, tq.Total = places, world
	}
	var err error
	if q.Measure == MeasureRate {
		e.Grid, err = s.Rates(ctx, tq)
	} else {
		e.Grid, err = s.Trend(ctx, tq)
	}
	if err != nil {
		return err
	}
	e.Places = tq.Places
	if q.Grouping == GroupingNone && len(q.Countries) == 0 {
		e.dropEmpty()
	}
	return nil
}

// dropEmpty leaves out the countries without any figure in the years
// shown. Their rows hold no count, so no line of disclosure control
// changes.
func (e *Exploration) dropEmpty() {
	var rows []GridRow
	var places []Place
	for i, r := range e.Grid.Rows {
		for j, s := range r.Sums {
			if s.Missing == 0 || len(r.NoPop) > j && r.NoPop[j] > 0 {
				rows, places = append(rows, r), append(places, e.Places[i])
				break
			}
		}
	}
	e.Grid.Rows, e.Places = rows, places
}

// LatestYear is the last year with a published figure of indicator broken
// down by dimension (any category, sex and age total), or last year when
// there is none. The index on (indicator, dimension, sex, age, year) answers
// it without a scan.
func (s *Service) LatestYear(ctx context.Context, indicator, dimension string) (int, error) {
	var y sql.NullInt64
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		y, err = latestYear(ctx, tx, indicator, dimension)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("latest year of %s: %w", indicator, err)
	}
	if !y.Valid {
		return s.Now().Year() - 1, nil
	}
	return int(y.Int64), nil
}

// IndicatorSources lists where the published figures of indicator in the
// years of span come from: the metadata shown beside the explorer's figures.
func (s *Service) IndicatorSources(ctx context.Context, indicator string, span Span) ([]SourceCount, error) {
	var out []SourceCount
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = figureSources(ctx, tx, indicator, span.From, span.To)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sources of %s: %w", indicator, err)
	}
	return out, nil
}
