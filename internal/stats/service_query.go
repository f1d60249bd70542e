package stats

import (
	"context"
	"database/sql"
	"sort"

	"github.com/tipsom/tipsom/internal/geo"
)

// Observations returns one page of published observations matching q, in
// key order, and whether more follow: each as the public sees it, under the
// disclosure rule (release.go).
func (s *Service) Observations(ctx context.Context, q Query, offset, limit int) ([]Observation, bool, error) {
	return s.observations(ctx, q, offset, limit, true)
}

// StoredObservations is Observations with the counts as stored, small ones
// included: never for a public answer. The collection pre-fills a focal
// point's questionnaire with their own country's figures from it.
func (s *Service) StoredObservations(ctx context.Context, q Query, offset, limit int) ([]Observation, bool, error) {
	return s.observations(ctx, q, offset, limit, false)
}

func (s *Service) observations(ctx context.Context, q Query, offset, limit int, public bool) ([]Observation, bool, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var out []Observation
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = queryObservations(ctx, tx, q, offset, limit+1); err != nil || !public || len(out) == 0 {
			return err
		}
		return s.releaseObservations(ctx, tx, out)
	})
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, err
}

// releaseObservations publishes a page of observations under the rule: the
// groups it touches are those of its countries, indicators and years.
func (s *Service) releaseObservations(ctx context.Context, tx *sql.Tx, obs []Observation) error {
	countries, indicators := map[string]bool{}, map[string]bool{}
	sc := releaseScope{From: obs[0].Year, To: obs[0].Year}
	for _, o := range obs {
		countries[o.ISO3], indicators[o.Indicator] = true, true
		sc.From, sc.To = min(sc.From, o.Year), max(sc.To, o.Year)
	}
	sc.Countries, sc.Indicators = members(countries), members(indicators)
	rel, err := s.release(ctx, tx, sc)
	if err != nil {
		return err
	}
	for i := range obs {
		if obs[i].Status == StatusPublished {
			obs[i].Value = rel.public(obs[i].Key, obs[i].Value)
		}
	}
	return nil
}

// Aggregate sums q's published counts over the groups of a grouping, and
// over the world, each with its coverage, under disclosure control. A key in
// conflict has no stored figure, so it takes no part. label names a group.
func (s *Service) Aggregate(ctx context.Context, q Query, grouping string, label func(g *geo.Grouping, group string) string) ([]AggregateRow, error) {
	g, err := s.grouping(ctx, grouping)
	if err != nil {
		return nil, err
	}
	values, err := s.cellValues(ctx, q)
	if err != nil {
		return nil, err
	}
	byGroup := membersByGroup(g)
	var rows []AggregateRow
	for _, group := range g.Groups {
		r := sumOver(byGroup[group], values)
		r.Code, r.Group = group, label(g, group)
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Group < rows[j].Group })
	world := sumOver(s.allCountries(), values)
	world.Code, world.Group = "world", "World"
	protect(rows, &world)
	return append(rows, world), nil
}

// cellValues returns the published value of q's cell for each country that
// has one, under the disclosure rule.
func (s *Service) cellValues(ctx context.Context, q Query) (map[string]Value, error) {
	out := map[string]Value{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		stored, err := cellFigures(ctx, tx, q)
		if err != nil || len(stored) == 0 {
			return err
		}
		sc := releaseScope{Countries: q.Countries, From: q.Year, To: q.Year}
		if q.Indicator != "" {
			sc.Indicators = []string{q.Indicator}
		}
		rel, err := s.release(ctx, tx, sc)
		if err != nil {
			return err
		}
		for k, v := range stored {
			out[k.ISO3] = rel.public(k, v)
		}
		return nil
	})
	return out, err
}
