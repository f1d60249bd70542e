package authorities

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// AuthorityJSON is an entry as the API shows it: the confirmation as a
// calendar day (null when never confirmed) and the stale flag.
type AuthorityJSON struct {
	ID      int64  `json:"id"`
	Country string `json:"country"`
	Details
	LastConfirmed *string   `json:"last_confirmed"`
	ConfirmedBy   string    `json:"confirmed_by"`
	Stale         bool      `json:"stale"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// JSON renders a for the API.
func (a Authority) JSON() AuthorityJSON {
	out := AuthorityJSON{ID: a.ID, Country: a.Country, Details: a.Details, ConfirmedBy: a.ConfirmedBy, Stale: a.Stale,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	if !a.LastConfirmed.IsZero() {
		d := a.LastConfirmed.Format(time.DateOnly)
		out.LastConfirmed = &d
	}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	if out.Channels == nil {
		out.Channels = []string{}
	}
	return out
}

func (h *Web) apiList(w http.ResponseWriter, r *http.Request) error {
	c, err := h.countryOf(r)
	if err != nil {
		return err
	}
	entries, err := h.Svc.ForCountry(r.Context(), auth.FromContext(r.Context()), c.ISO3)
	if err != nil {
		return err
	}
	out := make([]AuthorityJSON, 0, len(entries))
	stale := 0
	for i := range entries {
		out = append(out, entries[i].JSON())
		if entries[i].Stale {
			stale++
		}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"country": c.ISO3, "count": len(out), "stale": stale, "authorities": out})
}

func (h *Web) apiCreate(w http.ResponseWriter, r *http.Request) error {
	c, err := h.countryOf(r)
	if err != nil {
		return err
	}
	var in Input
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	in.Country = c.ISO3
	a, err := h.Svc.Create(r.Context(), auth.FromContext(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/authorities/"+strconv.FormatInt(a.ID, 10))
	return web.WriteJSON(w, http.StatusCreated, a.JSON())
}

func (h *Web) apiGet(r *http.Request, id int64) (AuthorityJSON, error) {
	return jsonOf(h.Svc.Get(r.Context(), auth.FromContext(r.Context()), id))
}

func (h *Web) apiUpdate(r *http.Request, id int64, in Input) (AuthorityJSON, error) {
	return jsonOf(h.Svc.Update(r.Context(), auth.FromContext(r.Context()), id, in))
}

func (h *Web) apiConfirm(r *http.Request, id int64) (AuthorityJSON, error) {
	return jsonOf(h.Svc.Confirm(r.Context(), auth.FromContext(r.Context()), id, ""))
}

func (h *Web) apiDelete(r *http.Request, id int64) error {
	_, err := h.Svc.Delete(r.Context(), auth.FromContext(r.Context()), id, "")
	return err
}

// jsonOf is an entry as the API shows it, or the error that came instead.
func jsonOf(a *Authority, err error) (AuthorityJSON, error) {
	if err != nil {
		return AuthorityJSON{}, err
	}
	return a.JSON(), nil
}
