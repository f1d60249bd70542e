package bodies

import (
	"embed"
	"net/http"
	"net/url"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

//go:embed templates
var templates embed.FS

// Web holds the bodies' pages, the editors' forms and the JSON API.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// formLimit caps the text forms: a mandate or an agenda of maxText
// characters fits with room to spare.
const formLimit = 256 << 10

// Register adds the room's pages and routes. Reading is public; every
// change is for editors (and admins), and the service checks that again.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("bodies", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, editors := auth.Public(), auth.Roles(Editors...)
	form := web.BodyLimit(formLimit)
	rt.Handle("GET /bodies", pub, h.list)
	rt.Handle("GET /bodies/compare", pub, h.compare)
	rt.Handle("GET /bodies/documents/{id}", pub, h.download)
	rt.Handle("GET /bodies/{slug}", pub, h.body)

	rt.Handle("POST /bodies", editors, h.createBody, form)
	rt.Handle("POST /bodies/{slug}", editors, h.updateBody, form)
	rt.Handle("POST /bodies/{slug}/members", editors, h.addMember, form)
	rt.Handle("POST /bodies/{slug}/members/{id}/delete", editors, h.removeMember, form)
	rt.Handle("POST /bodies/{slug}/chairs", editors, h.addChair, form)
	rt.Handle("POST /bodies/{slug}/chairs/{id}/end", editors, h.endChair, form)
	rt.Handle("POST /bodies/{slug}/chairs/{id}/delete", editors, h.removeChair, form)
	rt.Handle("POST /bodies/{slug}/groups", editors, h.addGroup, form)
	rt.Handle("POST /bodies/{slug}/groups/{id}/delete", editors, h.removeGroup, form)
	rt.Handle("POST /bodies/{slug}/groups/{id}/members", editors, h.addGroupMember, form)
	rt.Handle("POST /bodies/{slug}/groups/{id}/members/{org}/delete", editors, h.removeGroupMember, form)
	rt.Handle("POST /bodies/{slug}/meetings", editors, h.addMeeting, form)
	rt.Handle("POST /bodies/{slug}/meetings/{id}/delete", editors, h.removeMeeting, form)
	rt.Handle("POST /bodies/{slug}/meetings/{id}/documents", editors, h.uploadDocument, web.UploadLimit(DocumentLimits))
	rt.Handle("POST /bodies/{slug}/documents/{id}/delete", editors, h.removeDocument, form)

	h.registerAPI(rt)
	return nil
}

// isEditor reports whether the request's user may change bodies, so pages
// show the forms only to those whose submissions would be accepted.
func isEditor(r *http.Request) bool {
	return auth.Require(auth.FromContext(r.Context()), Editors...) == nil
}

// bodyURL is the page of the body with slug.
func bodyURL(slug string) string { return "/bodies/" + url.PathEscape(slug) }

// displayName is a body's name in the reader's language: the catalogue's
// UN name for a seeded body an editor has not renamed, else the name as
// stored (an editor's own text is shown as written).
func (h *Web) displayName(r *http.Request, slug, name string) string {
	seeded, ok := seedName(slug)
	key := "bodies.name." + slug
	lang := web.LangOf(r)
	if !ok || seeded != name || !h.UI.Catalog.Has(lang.Code, key) {
		return name
	}
	return h.UI.Catalog.For(lang).T(key)
}

type listRow struct {
	Summary
	Display string
}

type listPage struct {
	Bodies []listRow
	Editor bool
}

// Options lists the kinds of membership for the new-body form.
func (listPage) Options() []option { return membershipOptions() }

func (h *Web) listData(r *http.Request) (*listPage, error) {
	all, err := h.Svc.List(r.Context())
	if err != nil {
		return nil, err
	}
	d := &listPage{Editor: isEditor(r)}
	for _, s := range all {
		d.Bodies = append(d.Bodies, listRow{Summary: s, Display: h.displayName(r, s.Slug, s.Name)})
	}
	return d, nil
}

func (h *Web) list(w http.ResponseWriter, r *http.Request) error {
	d, err := h.listData(r)
	return h.UI.ShowRead(w, r, "bodies/list", "bodies.title", d, err)
}

type comparePage struct {
	*Comparison
	Names    map[string]string // slug → name in the reader's language
	Selected map[string]bool
}

func (h *Web) compare(w http.ResponseWriter, r *http.Request) error {
	slugs := r.URL.Query()["body"]
	c, err := h.Svc.Compare(r.Context(), slugs)
	if err != nil {
		return err
	}
	d := comparePage{Comparison: c, Names: map[string]string{}, Selected: map[string]bool{}}
	for _, b := range c.Available {
		d.Names[b.Slug] = h.displayName(r, b.Slug, b.Name)
	}
	for _, b := range c.Bodies {
		d.Selected[b.Slug] = true
	}
	return h.UI.Show(w, r, "bodies/compare", "bodies.compare_title", d)
}

func (h *Web) body(w http.ResponseWriter, r *http.Request) error {
	d, err := h.bodyData(r, r.PathValue("slug"))
	return h.UI.ShowRead(w, r, "bodies/body", "bodies.title", d, err)
}

func (h *Web) bodyData(r *http.Request, slug string) (*bodyPage, error) {
	b, err := h.Svc.Get(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	d := &bodyPage{Body: b, Name: h.displayName(r, b.Slug, b.Name), Editor: isEditor(r), MaxMiB: MaxDocument >> 20}
	if d.Editor {
		if d.Orgs, err = h.Svc.Orgs(r.Context()); err != nil {
			return nil, err
		}
	}
	return d, nil
}
