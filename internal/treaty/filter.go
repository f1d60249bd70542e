package treaty

import (
	"net/http"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
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

// parseFilter reads the query of r. instrument is the one the path names
// ("" to read it from ?instrument=, defaulting to the Convention). Malformed
// or unknown values are refused, naming the parameter (400).
func parseFilter(r *http.Request, instrument string, today time.Time) (Filter, error) {
	q := r.URL.Query()
	f := Filter{Instrument: instrument, AsOf: today, Region: strings.TrimSpace(q.Get("region")),
		Kind: Kind(strings.TrimSpace(q.Get("kind"))), Status: Status(strings.TrimSpace(q.Get("status")))}
	if f.Instrument == "" {
		f.Instrument = strings.TrimSpace(q.Get("instrument"))
		if f.Instrument == "" {
			f.Instrument = instruments()[0].ID
		}
		if _, ok := InstrumentByID(f.Instrument); !ok {
			return f, errs.BadParam("instrument", "err.treaty_unknown_instrument", "ID", f.Instrument)
		}
	}
	if v := strings.TrimSpace(q.Get("as_of")); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return f, errs.BadParam("as_of", "err.treaty_as_of_invalid", "Value", v)
		}
		f.AsOf = t
	}
	if f.Region != "" && !geo.IsRegionCode(f.Region) {
		return f, errs.BadParam("region", "err.treaty_unknown_region", "Code", f.Region)
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, errs.BadParam("kind", "err.treaty_unknown_kind", "Value", string(f.Kind))
	}
	if f.Status != "" && f.Status != StatusParty && f.Status != StatusSignatory {
		return f, errs.BadParam("status", "err.treaty_unknown_status", "Value", string(f.Status))
	}
	return f, nil
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
