package treaty

import (
	"net/http"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
)

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
