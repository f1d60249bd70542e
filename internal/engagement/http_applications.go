package engagement

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// input reads the apply form.
func input(f url.Values) Input {
	in := Input{Kind: Kind(f.Get("kind")), Country: strings.ToUpper(strings.TrimSpace(f.Get("country"))), Name: f.Get("name"),
		AdoptOn: f.Get("adopt_on"), Scope: f.Get("scope"), Links: []string{f.Get("links")}, Declared: f["declared"],
		Evidence: map[string]string{}}
	for k, v := range f {
		if key, ok := strings.CutPrefix(k, "evidence."); ok && len(v) > 0 {
			in.Evidence[key] = v[0]
		}
	}
	return in
}

// applyData is the apply page: the kinds the reader may apply as, the
// terms of the chosen one as they stand now, and the form.
type applyData struct {
	Kind      Kind
	Kinds     []Kind
	Terms     []Criterion
	Checks    []Check
	Values    url.Values
	Countries []geo.Country
}

// Declared reports whether the form declares criterion key.
func (d applyData) Declared(key string) bool { return slices.Contains(d.Values["declared"], key) }

func (h *Web) applyPage(w http.ResponseWriter, r *http.Request, f url.Values, ferr error) error {
	by := auth.FromContext(r.Context())
	kinds := kindsFor(by)
	if len(kinds) == 0 {
		return errs.Forbidden()
	}
	in := input(f)
	if !slices.Contains(kinds, in.Kind) {
		in.Kind = kinds[0]
		f.Set("kind", string(in.Kind))
	}
	checks, err := h.Svc.Precheck(r.Context(), by, in)
	if err != nil {
		return err
	}
	d := applyData{Kind: in.Kind, Kinds: kinds, Terms: Terms[in.Kind], Checks: checks, Values: f, Countries: h.Geo.Countries()}
	return h.UI.ShowForm(w, r, "engagement/apply", "blueheart.apply_title", d, ferr)
}

func (h *Web) applyForm(w http.ResponseWriter, r *http.Request) error {
	f := url.Values{"kind": {r.URL.Query().Get("kind")}}
	return h.applyPage(w, r, f, nil)
}

func (h *Web) apply(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	a, err := h.Svc.Apply(r.Context(), auth.FromContext(r.Context()), input(r.PostForm))
	if web.IsFormError(err) {
		return h.applyPage(w, r, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, applicationPath(a.ID), "flash.blueheart_applied")
}

type applicationsData struct {
	Rows  []*Application
	Staff bool
}

func (h *Web) applications(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	rows, err := h.Svc.Applications(r.Context(), by)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "engagement/applications", "blueheart.applications_title", applicationsData{Rows: rows, Staff: isStaff(by)})
}

// applicationData is one application's page.
type applicationData struct {
	D     *Dossier
	Terms []Criterion
}

func (h *Web) applicationPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	d, err := h.Svc.Application(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return h.UI.ShowForm(w, r, "engagement/application", "blueheart.application_title", applicationData{D: d, Terms: Terms[d.A.Kind]}, ferr)
}

func (h *Web) application(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.applicationPage(w, r, id, nil)
}

func (h *Web) decide(w http.ResponseWriter, r *http.Request) error {
	return web.OnObject(w, r, "flash.blueheart_decided", applicationPath, h.applicationPage, func(id int64) error {
		f := r.PostForm
		dec := Decision{Reason: f.Get("reason"), Accept: f["accept"]}
		switch f.Get("decision") {
		case "approve":
			dec.Approve = true
		case "reject":
		default:
			return errs.Invalid().Field("decision", "err.blueheart_bad_choice")
		}
		_, err := h.Svc.Decide(r.Context(), auth.FromContext(r.Context()), id, dec)
		return err
	})
}

// attach takes a document for the applicant's waiting application, once
// the service has said the reader may hand one in.
func (h *Web) attach(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	files := func(id int64) string { return applicationPath(id) + "#files" }
	return web.OnObject(w, r, "flash.blueheart_attached", files, h.applicationPage, func(id int64) error {
		up, err := web.ReadFile(r, "file", FileLimits, func() error { return h.Svc.MayAttach(r.Context(), by, id) })
		if err == nil {
			_, err = h.Svc.Attach(r.Context(), by, id, r.PostForm.Get("criterion"), up.Name, up.Data)
		}
		return err
	})
}

// file sends a document of an application, never shown inline.
func (h *Web) file(r *http.Request, id, fid int64) (web.StoredFile, error) {
	f, err := h.Svc.File(r.Context(), auth.FromContext(r.Context()), id, fid)
	if err != nil {
		return web.StoredFile{}, err
	}
	return web.StoredFile{Name: f.Name, Data: f.Data}, nil
}
