package treaty

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/profile"
)

// CountryStatus is a State's standing on one instrument, as the country
// profile shows it (today).
type CountryStatus struct {
	Instrument Instrument `json:"-"`
	ID         string     `json:"instrument"`
	Chapter    string     `json:"chapter"`
	Signature  string     `json:"signature,omitempty"`
	Consent    string     `json:"consent,omitempty"`
	Kind       Kind       `json:"kind,omitempty"`
	Status     Status     `json:"status"`                // party, signatory or none
	Recorded   bool       `json:"recorded"`              // false: no status table imported for the instrument yet
	RecordedOn string     `json:"recorded_on,omitempty"` // the date the imported table records the status on
	Source     string     `json:"source,omitempty"`      // where that table comes from
}

// CountrySection is the treaty room's part of a country profile: for each
// instrument, the State's signature and consent to be bound, or that it is
// not a party. It implements profile.Provider.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	ctx := r.Context()
	actions, err := h.Svc.CountryActions(ctx, iso3)
	if err != nil {
		return nil, err
	}
	recorded, err := h.Svc.Recorded(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := h.Svc.Records(ctx)
	if err != nil {
		return nil, err
	}
	today := defaultDay(h.Svc.Today(), recs)
	var list []CountryStatus
	for _, in := range instruments() {
		st := CountryStatus{Instrument: in, ID: in.ID, Chapter: in.Chapter, Status: StatusNone, Recorded: recorded[in.ID]}
		if r, ok := recs[in.ID]; ok {
			st.RecordedOn, st.Source = db.FormatDate(r.RecordedOn), r.Source
		}
		if a, ok := actions[in.ID]; ok {
			if a, ok := a.AsAt(today); ok {
				st.Signature, st.Consent, st.Kind, st.Status = db.FormatDate(a.Signature), db.FormatDate(a.Consent), a.Kind, a.StatusAt(today)
			}
		}
		list = append(list, st)
	}
	html, err := h.UI.Fragment(r, "treaty/country", list)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "treaties", Title: "treaty.profile_title", HTML: html,
		Data: map[string]any{"as_of": db.FormatDate(today), "instruments": list}}, nil
}
