package bodies

import (
	"net/http"
	"net/url"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// registerAPI adds the JSON API, documented in openapi.json. Reading is
// public; seating and unseating members is for editors, with the same
// validation as the forms.
func (h *Web) registerAPI(rt *web.Router) {
	pub, editors := auth.Public(), auth.Roles(Editors...)
	rt.Handle("GET /api/v1/bodies", pub, h.apiList)
	rt.Handle("GET /api/v1/bodies/compare", pub, h.apiCompare)
	rt.Handle("GET /api/v1/bodies/{slug}", pub, h.apiBody)
	rt.Handle("POST /api/v1/bodies/{slug}/members", editors, h.apiAddMember, web.BodyLimit(16<<10))
	rt.Handle("DELETE /api/v1/bodies/{slug}/members/{id}", editors, h.apiRemoveMember)
}

func (h *Web) apiList(w http.ResponseWriter, r *http.Request) error {
	all, err := h.Svc.List(r.Context())
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"bodies": all})
}

func (h *Web) apiCompare(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Svc.Compare(r.Context(), r.URL.Query()["body"])
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, c)
}

func (h *Web) apiBody(w http.ResponseWriter, r *http.Request) error {
	b, err := h.Svc.Get(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, b)
}

func (h *Web) apiAddMember(w http.ResponseWriter, r *http.Request) error {
	var in MemberInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	ctx, slug := r.Context(), r.PathValue("slug")
	m, err := h.Svc.AddMember(ctx, auth.FromContext(ctx), slug, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/bodies/"+url.PathEscape(slug)) // the body, which lists the new seat
	return web.WriteJSON(w, http.StatusCreated, m)
}

func (h *Web) apiRemoveMember(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := h.Svc.RemoveMember(ctx, auth.FromContext(ctx), r.PathValue("slug"), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
