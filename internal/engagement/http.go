package engagement

import (
	"html/template"
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the room's pages, its API and its profile section.
type Web struct {
	Svc *Service
	UI  *web.UI
	Geo *geo.Service
}

// formLimit caps the room's forms.
const formLimit = 256 << 10

// Register adds the Blue Heart's pages and routes: the public map, list
// and campaigns; the applicants' applications; the staff's decisions.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("engagement", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, apply, in, staff, small := auth.Public(), applicantPolicy(), insiderPolicy(), staffPolicy(), web.BodyLimit(formLimit)
	rt.Handle("GET /blueheart", pub, h.home)
	rt.Handle("GET /blueheart/adopters/{id}", pub, h.adopter)
	rt.Handle("GET /blueheart/adopters/{id}/material/{file}", pub, web.Download(h.material))
	rt.Handle("GET /blueheart/campaigns", pub, h.campaigns)
	rt.Handle("GET /blueheart/campaigns/{id}", pub, h.campaign)
	rt.Handle("GET /api/v1/blueheart/adopters", pub, h.apiAdopters)
	rt.Handle("GET /api/v1/blueheart/campaigns", pub, h.apiCampaigns)

	rt.Handle("GET /blueheart/apply", apply, h.applyForm)
	rt.Handle("POST /blueheart/apply", apply, h.apply, small)
	rt.Handle("POST /blueheart/applications/{id}/files", apply, h.attach, web.UploadLimit(FileLimits))
	rt.Handle("GET /blueheart/applications", in, h.applications)
	rt.Handle("GET /blueheart/applications/{id}", in, h.application)
	rt.Handle("GET /blueheart/applications/{id}/files/{file}", in, web.Download(h.file))

	rt.Handle("POST /blueheart/applications/{id}/decide", staff, h.decide, small)
	rt.Handle("POST /blueheart/adopters/{id}/suspend", staff, h.suspend, small)
	rt.Handle("POST /blueheart/adopters/{id}/reinstate", staff, h.reinstate, small)
	rt.Handle("POST /blueheart/campaigns", staff, h.createCampaign, small)
	rt.Handle("POST /blueheart/campaigns/{id}/measures", staff, h.addMeasure, small)
	return nil
}

// homeData is the public page: the map, the adopters by kind.
type homeData struct {
	Map       template.JS
	Legend    [][2]string
	States    []*Adopter
	Others    []*Adopter
	Kinds     []Kind
	Terms     map[Kind][]Criterion
	CanApply  bool
	Staff     bool
	Suspended []*Adopter // the staff's view of who is off the map
}

func (h *Web) home(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	ads, err := h.Svc.Adopters(r.Context())
	if err != nil {
		return err
	}
	loc := h.UI.Localizer(r)
	d := homeData{Map: adopterMap(ads, h.Geo.Countries(), loc), Kinds: Kinds, Terms: Terms, CanApply: len(kindsFor(by)) > 0, Staff: isStaff(by),
		Legend: [][2]string{{"m2", loc.T("blueheart.map_adopted")}, {"m0", loc.T("blueheart.map_not_adopted")}}}
	for _, a := range ads {
		if a.Kind == KindState {
			d.States = append(d.States, a)
		} else {
			d.Others = append(d.Others, a)
		}
	}
	if d.Staff {
		all, err := h.Svc.AllAdopters(r.Context(), by)
		if err != nil {
			return err
		}
		for _, a := range all {
			if !a.Listed() {
				d.Suspended = append(d.Suspended, a)
			}
		}
	}
	return h.UI.Show(w, r, "engagement/blueheart", "blueheart.title", d)
}

func (h *Web) adopter(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.adopterPage(w, r, id, nil)
}

// onAdopter runs act on the adopter the path names and goes back to it,
// or shows it with the error beside its field.
func (h *Web) onAdopter(w http.ResponseWriter, r *http.Request, flash string, act func(by *auth.Principal, id int64) error) error {
	by := auth.FromContext(r.Context())
	return web.OnObject(w, r, flash, adopterPath, h.adopterPage, func(id int64) error { return act(by, id) })
}

// adopterPage shows an adopter, with a failed form's error when ferr is set.
func (h *Web) adopterPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	p, err := h.Svc.Adopter(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return h.UI.ShowForm(w, r, "engagement/adopter", "blueheart.adopter_title", p, ferr)
}

func (h *Web) suspend(w http.ResponseWriter, r *http.Request) error {
	return h.onAdopter(w, r, "flash.blueheart_suspended", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Suspend(r.Context(), by, id, r.PostForm.Get("reason"))
		return err
	})
}

func (h *Web) reinstate(w http.ResponseWriter, r *http.Request) error {
	return h.onAdopter(w, r, "flash.blueheart_reinstated", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Reinstate(r.Context(), by, id)
		return err
	})
}

// material sends a listed adopter's campaign material, as its type.
func (h *Web) material(r *http.Request, id, fid int64) (web.StoredFile, error) {
	f, err := h.Svc.Material(r.Context(), auth.FromContext(r.Context()), id, fid)
	if err != nil {
		return web.StoredFile{}, err
	}
	return web.StoredFile{Name: f.Name, ContentType: f.ContentType, Data: f.Data}, nil
}
