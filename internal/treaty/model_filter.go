package treaty

import (
	"time"

	"github.com/tipsom/tipsom/internal/geo"
)

// Filter is what a status page or API call asks for: an instrument as at a
// date, optionally narrowed to an M49 region, a kind of consent, or a
// standing (parties, or signatories that are not yet parties).
type Filter struct {
	Instrument string
	AsOf       time.Time
	Region     string
	Kind       Kind
	Status     Status // "", StatusParty or StatusSignatory
}

// inRegion reports whether c lies in the M49 region, sub-region or
// intermediate region code.
func inRegion(c geo.Country, code string) bool {
	return c.Region == code || c.Subregion == code || c.Intermediate == code
}

// Apply narrows actions to those the filter keeps, each as at f.AsOf.
// country looks up a State; non-State parties fall out of any region.
func (f Filter) Apply(actions []Action, country func(iso3 string) (geo.Country, bool)) []Action {
	var out []Action
	for _, a := range actions {
		a, ok := a.AsAt(f.AsOf)
		if !ok {
			continue
		}
		if f.Region != "" {
			c, known := country(a.ISO3)
			if !known || !inRegion(c, f.Region) {
				continue
			}
		}
		if f.Kind != "" && a.Kind != f.Kind {
			continue
		}
		if f.Status != "" && a.StatusAt(f.AsOf) != f.Status {
			continue
		}
		out = append(out, a)
	}
	return out
}
