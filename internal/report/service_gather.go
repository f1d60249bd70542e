package report

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
)

// gather reads everything an edition prints: the groupings, every figure
// of every place and year, the flows, the data sources; then protects the
// figures across the edition.
func (s *Service) gather(ctx context.Context, spec Spec) (*dataset, error) {
	main, err := s.grouping(ctx, spec.Grouping, "grouping")
	if err != nil {
		return nil, err
	}
	var sub *geo.Grouping
	if spec.Subgrouping != "" {
		if sub, err = s.grouping(ctx, spec.Subgrouping, "subgrouping"); err != nil {
			return nil, err
		}
	}
	d := &dataset{spec: spec, main: main, sub: sub, built: s.Now().UTC()}
	for y := spec.Years.From; y <= spec.Years.To; y++ {
		d.years = append(d.years, y)
	}
	if d.figs, err = gatherFigures(ctx, s.Stats, d.years, main, sub); err != nil {
		return nil, err
	}
	if d.flows, err = gatherFlows(ctx, s.Stats, spec.Years, main, sub); err != nil {
		return nil, err
	}
	withData := d.figs.countriesWithData()
	for c := range d.flows.destinations() {
		withData[c] = true
	}
	d.places = newPlaces(main, sub, s.Geo.Countries(), withData)
	d.figs.protect(d.places)
	if d.pop, err = s.populations(ctx); err != nil {
		return nil, err
	}
	if d.sources, err = s.Stats.Sources(ctx, spec.Years.From, spec.Years.To); err != nil {
		return nil, err
	}
	return d, nil
}

// grouping loads a grouping, naming the form field when there is none.
func (s *Service) grouping(ctx context.Context, id, field string) (*geo.Grouping, error) {
	g, err := s.Geo.Grouping(ctx, id)
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.Invalid().Field(field, "err.report_grouping_unknown", "Value", id)
	}
	if err != nil {
		return nil, fmt.Errorf("grouping %s: %w", id, err)
	}
	return g, nil
}

// populations reads every country's population series: what the coverage
// beside each total is a share of.
func (s *Service) populations(ctx context.Context) (populations, error) {
	out := populations{}
	for _, c := range s.Geo.Countries() {
		series, err := s.Geo.PopulationOf(ctx, c.ISO3)
		if err != nil {
			return nil, fmt.Errorf("population of %s: %w", c.ISO3, err)
		}
		for _, p := range series {
			if out[c.ISO3] == nil {
				out[c.ISO3] = map[int]int64{}
			}
			out[c.ISO3][p.Year] = p.Value
		}
	}
	return out, nil
}
