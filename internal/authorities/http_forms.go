package authorities

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// formInput reads the add and edit form. Languages come as one text field
// of codes; channels as checkboxes.
func formInput(r *http.Request, iso3 string) (Input, error) {
	if err := web.ParseForm(r); err != nil {
		return Input{}, err
	}
	f := r.PostForm
	return Input{Country: iso3, Details: Details{Function: f.Get("function"), Name: f.Get("name"), ContactPerson: f.Get("contact_person"),
		Address: f.Get("address"), Phone: f.Get("phone"), Email: f.Get("email"), Website: f.Get("website"),
		Languages: SplitList(f.Get("languages")), Channels: f["channels"], Notes: f.Get("notes")},
		LastConfirmed: f.Get("last_confirmed")}, nil
}

// entryPath is where an entry shows on its country's page.
func entryPath(a *Authority) string {
	return countryPath(a.Country) + "#authority-" + strconv.FormatInt(a.ID, 10)
}

func (h *Web) create(w http.ResponseWriter, r *http.Request) error {
	c, err := h.countryOf(r)
	if err != nil {
		return err
	}
	in, err := formInput(r, c.ISO3)
	if err == nil {
		var a *Authority
		if a, err = h.Svc.Create(r.Context(), auth.FromContext(r.Context()), in); err == nil {
			return web.Redirect(w, r, entryPath(a), "flash.authorities_created")
		}
	}
	return h.formFailed(w, r, nil, err)
}

func (h *Web) update(w http.ResponseWriter, r *http.Request) error {
	c, id, err := h.entryOf(r)
	if err != nil {
		return err
	}
	in, err := formInput(r, c.ISO3)
	if err == nil {
		var a *Authority
		if a, err = h.Svc.Update(r.Context(), auth.FromContext(r.Context()), id, in); err == nil {
			return web.Redirect(w, r, entryPath(a), "flash.authorities_updated")
		}
	}
	return h.formFailed(w, r, &id, err)
}

// formFailed re-renders the country page with the submitted values and each
// message beside its field; errors not about the input (forbidden, not
// found) go on to the usual error page without reading the entries.
func (h *Web) formFailed(w http.ResponseWriter, r *http.Request, editID *int64, err error) error {
	if !web.IsFormError(err) {
		return err
	}
	c, cerr := h.countryOf(r)
	if cerr != nil {
		return cerr
	}
	d, derr := h.countryData(r, c)
	if derr != nil {
		return derr
	}
	if editID != nil {
		if d.Edit = d.find(strconv.FormatInt(*editID, 10)); d.Edit == nil {
			return errs.NotFound()
		}
	}
	d.Values = r.PostForm
	return h.UI.FormError(w, r, "authorities/country", "authorities.title", d, err)
}

func (h *Web) confirm(w http.ResponseWriter, r *http.Request) error {
	return h.onEntry(w, r, h.Svc.Confirm, entryPath, "flash.authorities_confirmed")
}

func (h *Web) remove(w http.ResponseWriter, r *http.Request) error {
	return h.onEntry(w, r, h.Svc.Delete, func(a *Authority) string { return countryPath(a.Country) }, "flash.authorities_deleted")
}

// entryOf reads the country and the entry id the path names.
func (h *Web) entryOf(r *http.Request) (geo.Country, int64, error) {
	c, err := h.countryOf(r)
	if err != nil {
		return c, 0, err
	}
	id, err := web.PathID(r, "id")
	return c, id, err
}

// onEntry answers a form post on one entry of a country's page (confirm,
// delete): do runs on the entry the path names, then the reader goes to
// where(result) with flash.
func (h *Web) onEntry(w http.ResponseWriter, r *http.Request, do func(context.Context, *auth.Principal, int64, string) (*Authority, error),
	where func(*Authority) string, flash string) error {
	c, id, err := h.entryOf(r)
	if err != nil {
		return err
	}
	a, err := do(r.Context(), auth.FromContext(r.Context()), id, c.ISO3)
	if err != nil {
		return err
	}
	return web.Redirect(w, r, where(a), flash)
}
