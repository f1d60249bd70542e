package auth

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/web"
)

func (h *Web) registerAPI(rt *web.Router) {
	in, admin := SignedIn(), Roles(RoleAdmin)
	small := web.BodyLimit(16 << 10)
	rt.Handle("GET /api/v1/me", in, h.apiMe)
	rt.Handle("GET /api/v1/tokens", in, h.apiTokens)
	rt.Handle("POST /api/v1/tokens", in, h.apiCreateToken, small)
	rt.Handle("DELETE /api/v1/tokens/{id}", in, h.apiRevokeToken)
	userURL := func(u *User) string { return "/api/v1/users/" + strconv.FormatInt(u.ID, 10) }
	orgURL := func(o *Organisation) string { return "/api/v1/organisations/" + strconv.FormatInt(o.ID, 10) }
	rt.Handle("GET /api/v1/users", admin, web.List("users", h.apiUsers))
	rt.Handle("POST /api/v1/users", admin, web.Create(h.apiCreateUser, userURL), small)
	rt.Handle("GET /api/v1/users/{id}", admin, web.ByID(h.apiUser))
	rt.Handle("PUT /api/v1/users/{id}", admin, web.UpdateByID(h.apiUpdateUser), small)
	rt.Handle("GET /api/v1/organisations", admin, web.List("organisations", h.apiOrgs))
	rt.Handle("POST /api/v1/organisations", admin, web.Create(h.apiCreateOrg, orgURL), small)
	rt.Handle("GET /api/v1/organisations/{id}", admin, web.ByID(h.apiOrg))
	rt.Handle("PUT /api/v1/organisations/{id}", admin, web.UpdateByID(h.apiUpdateOrg), small)
	rt.Handle("GET /api/v1/audit", admin, h.apiAudit)
}

// Me is the answer of GET /api/v1/me.
type Me struct {
	ID           int64      `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Roles        []Role     `json:"roles"`
	Country      string     `json:"country"`
	Org          string     `json:"org"`
	Method       string     `json:"method"`
	SecondFactor bool       `json:"second_factor"`
	TokenScope   TokenScope `json:"token_scope,omitempty"`
	TokenExpires *time.Time `json:"token_expires_at,omitempty"`
}

func (h *Web) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := FromContext(r.Context())
	roles := p.Roles
	if roles == nil {
		roles = []Role{}
	}
	me := Me{ID: p.UserID, Email: p.Email, Name: p.Name, Roles: roles, Country: p.Country, Org: p.Org,
		Method: p.Method, SecondFactor: p.MFA, TokenScope: p.Scope}
	if !p.Expires.IsZero() {
		me.TokenExpires = &p.Expires
	}
	return web.WriteJSON(w, http.StatusOK, me)
}

func (h *Web) apiTokens(w http.ResponseWriter, r *http.Request) error {
	toks, err := h.Svc.ListTokens(r.Context(), FromContext(r.Context()))
	if err != nil {
		return err
	}
	if toks == nil {
		toks = []*Token{}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"tokens": toks})
}

func (h *Web) apiCreateToken(w http.ResponseWriter, r *http.Request) error {
	var in TokenInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	raw, t, err := h.Svc.CreateTokenWith(r.Context(), FromContext(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return web.WriteJSON(w, http.StatusCreated, map[string]any{"token": raw, "id": t.ID, "label": t.Label, "prefix": t.Prefix,
		"scope": t.Scope, "second_factor": t.SecondFactor, "expires_at": t.ExpiresAt})
}

func (h *Web) apiRevokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Svc.RevokeToken(r.Context(), FromContext(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Web) apiUsers(r *http.Request) ([]*User, error) {
	q := r.URL.Query()
	f := UserFilter{Query: q.Get("q"), Role: Role(q.Get("role"))}
	f.OrgID, _ = strconv.ParseInt(q.Get("org_id"), 10, 64)
	return h.Svc.ListUsers(r.Context(), FromContext(r.Context()), f)
}

func (h *Web) apiCreateUser(r *http.Request, in UserInput) (*User, error) {
	return h.Svc.CreateUser(r.Context(), FromContext(r.Context()), in)
}

func (h *Web) apiUser(r *http.Request, id int64) (*User, error) {
	return h.Svc.GetUser(r.Context(), FromContext(r.Context()), id)
}

func (h *Web) apiUpdateUser(r *http.Request, id int64, in UserInput) (*User, error) {
	return h.Svc.UpdateUser(r.Context(), FromContext(r.Context()), id, in)
}

func (h *Web) apiOrgs(r *http.Request) ([]*Organisation, error) {
	return h.Svc.ListOrgs(r.Context(), FromContext(r.Context()))
}

func (h *Web) apiCreateOrg(r *http.Request, in OrgInput) (*Organisation, error) {
	return h.Svc.CreateOrg(r.Context(), FromContext(r.Context()), in)
}

func (h *Web) apiOrg(r *http.Request, id int64) (*Organisation, error) {
	return h.Svc.GetOrg(r.Context(), FromContext(r.Context()), id)
}

func (h *Web) apiUpdateOrg(r *http.Request, id int64, in OrgInput) (*Organisation, error) {
	return h.Svc.UpdateOrg(r.Context(), FromContext(r.Context()), id, in)
}

func (h *Web) apiAudit(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	entries, err := h.Svc.AuditLog(r.Context(), FromContext(r.Context()), f)
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []audit.Entry{}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"entries": entries})
}
