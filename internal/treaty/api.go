package treaty

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

// InstrumentJSON is an instrument as GET /api/v1/treaties lists it, with
// its counts as at today.
type InstrumentJSON struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	ShortName      string `json:"short_name"`
	Chapter        string `json:"chapter"`
	Supplements    string `json:"supplements,omitempty"`
	Adopted        string `json:"adopted"`
	EntryIntoForce string `json:"entry_into_force"`
	Parties        int    `json:"parties"`
	States         int    `json:"states"`
	Signatories    int    `json:"signatories"`
}

// PartyJSON is one party in GET /api/v1/treaties/{instrument}/parties.
type PartyJSON struct {
	ISO3   *string `json:"iso3"` // null for non-State parties
	Name   string  `json:"name"`
	UNName string  `json:"un_name"`
	Date   string  `json:"date"`
	Kind   Kind    `json:"kind"`
}

// apiLocalizer speaks the ?lang= language, English by default, so API
// answers do not depend on a browser's settings.
func (h *Web) apiLocalizer(r *http.Request) *web.Localizer {
	l, ok := web.LangByCode(r.URL.Query().Get("lang"))
	if !ok {
		l = web.DefaultLang
	}
	return h.UI.Catalog.For(l)
}

func (h *Web) apiInstruments(w http.ResponseWriter, r *http.Request) error {
	today := h.Svc.StatusDay(r.Context())
	counts, err := h.Svc.Counts(r.Context(), today)
	if err != nil {
		return err
	}
	loc := h.apiLocalizer(r)
	out := []InstrumentJSON{}
	for _, in := range instruments() {
		c := counts[in.ID]
		out = append(out, InstrumentJSON{ID: in.ID, Name: loc.T(in.NameKey()), ShortName: loc.T(in.ShortKey()),
			Chapter: in.Chapter, Supplements: in.Supplements, Adopted: db.FormatDate(in.Adopted),
			EntryIntoForce: db.FormatDate(in.InForce), Parties: c.Parties, States: c.States, Signatories: c.Signatories})
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": db.FormatDate(today), "instruments": out})
}

func (h *Web) apiParties(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("instrument")
	if _, err := instrument(id); err != nil {
		return err
	}
	f, err := parseFilter(r, id, h.Svc.StatusDay(r.Context()))
	if err != nil {
		return err
	}
	f.Status = StatusParty
	parties, err := h.Svc.Parties(r.Context(), id, f.AsOf)
	if err != nil {
		return err
	}
	loc := h.apiLocalizer(r)
	list, states := []PartyJSON{}, 0
	for _, a := range f.Apply(parties, h.Geo.Country) {
		p := PartyJSON{Name: participantName(a, h.Geo.Country, loc), UNName: a.UNName, Date: db.FormatDate(a.Consent), Kind: a.Kind}
		if a.ISO3 != "" {
			iso3 := a.ISO3
			p.ISO3 = &iso3
			states++
		}
		list = append(list, p)
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"instrument": id, "as_of": db.FormatDate(f.AsOf),
		"count": len(list), "states": states, "parties": list})
}
