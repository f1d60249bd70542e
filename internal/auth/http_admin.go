package auth

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

type adminUsersData struct {
	Users  []*User
	Filter UserFilter
	Roles  []Role
	Orgs   []*Organisation
}

type adminUserData struct {
	User  *User // nil when creating
	Roles []Role
	Orgs  []*Organisation
	// Values is what the details form shows: the stored account, or what
	// was submitted when that very form was refused. Another form of the
	// page failing (the password reset) shows the stored account, so a
	// later Save does not write back empty roles.
	Values UserInput
}

// Checked reports whether the details form ticks role r.
func (d adminUserData) Checked(r Role) bool { return slices.Contains(d.Values.Roles, r) }

// OrgSelected reports whether the details form selects organisation id.
func (d adminUserData) OrgSelected(id int64) bool { return d.Values.OrgID == id }

type adminOrgsData struct {
	Orgs []*Organisation
	Org  *Organisation
}

type adminAuditData struct {
	Entries []audit.Entry
	Filter  audit.Filter
	Actions []string
	Query   url.Values
	Older   string // query string of the next page
}

func (h *Web) adminHome(w http.ResponseWriter, r *http.Request) error {
	return h.UI.Show(w, r, "auth/admin", "admin.title", nil)
}

func (h *Web) adminUsers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := UserFilter{Query: strings.TrimSpace(q.Get("q")), Role: Role(q.Get("role"))}
	if f.Role != "" && !f.Role.Valid() {
		f.Role = ""
	}
	f.OrgID, _ = strconv.ParseInt(q.Get("org"), 10, 64)
	users, err := h.Svc.ListUsers(ctx, FromContext(ctx), f)
	if err != nil {
		return err
	}
	orgs, err := h.Svc.ListOrgs(ctx, FromContext(ctx))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "auth/admin-users", "admin.users_title", adminUsersData{Users: users, Filter: f, Roles: AllRoles, Orgs: orgs})
}

// userFormData is the data of the user page: u as stored (nil when
// creating), shown with submitted's values when the details form was the
// one refused.
func (h *Web) userFormData(r *http.Request, u *User, submitted *UserInput) (adminUserData, error) {
	ctx := r.Context()
	orgs, err := h.Svc.ListOrgs(ctx, FromContext(ctx))
	d := adminUserData{User: u, Roles: AllRoles, Orgs: orgs}
	switch {
	case submitted != nil:
		d.Values = *submitted
		d.Values.Password = ""
	case u != nil:
		d.Values = UserInput{Email: u.Email, Name: u.Name, Roles: u.Roles, Country: u.Country, OrgID: u.OrgID, Disabled: u.Disabled}
	}
	return d, err
}

func (h *Web) adminNewUser(w http.ResponseWriter, r *http.Request) error {
	d, err := h.userFormData(r, nil, nil)
	return h.UI.ShowRead(w, r, "auth/admin-user", "admin.new_user_title", d, err)
}

// userInput reads the user form. It returns what it could read even with
// an error, so the refused form shows what was typed.
func userInput(r *http.Request) (UserInput, error) {
	org, err := web.FormInt64(r, "org_id")
	in := UserInput{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Country: r.PostFormValue("country"),
		OrgID: org, Password: r.PostFormValue("password"), Disabled: r.PostFormValue("disabled") == "on"}
	for _, v := range r.PostForm["roles"] {
		in.Roles = append(in.Roles, Role(v))
	}
	return in, err
}

func (h *Web) adminCreateUser(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	in, err := userInput(r)
	if err == nil {
		var u *User
		if u, err = h.Svc.CreateUser(ctx, FromContext(ctx), in); err == nil {
			return web.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), "flash.user_created")
		}
	}
	return h.userFormError(w, r, 0, &in, err)
}

// userFormError shows the user page again with err: the new-user page
// (id 0) or account id's, with the submitted values when it was the
// details form that was refused (nil: the stored account).
func (h *Web) userFormError(w http.ResponseWriter, r *http.Request, id int64, submitted *UserInput, err error) error {
	var u *User
	title := "admin.new_user_title"
	if id != 0 {
		var gerr error
		if u, gerr = h.Svc.GetUser(r.Context(), FromContext(r.Context()), id); gerr != nil {
			return gerr
		}
		title = "admin.edit_user_title"
	}
	d, derr := h.userFormData(r, u, submitted)
	if derr != nil {
		return derr
	}
	return h.UI.FormError(w, r, "auth/admin-user", title, d, err)
}

// idAndForm reads the {id} of the path, then the posted form.
func idAndForm(r *http.Request) (int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, web.ParseForm(r)
}

func (h *Web) adminUser(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	u, err := h.Svc.GetUser(r.Context(), FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	d, err := h.userFormData(r, u, nil)
	return h.UI.ShowRead(w, r, "auth/admin-user", "admin.edit_user_title", d, err)
}

func (h *Web) adminUpdateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := idAndForm(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	in, err := userInput(r)
	if err == nil {
		if _, err = h.Svc.UpdateUser(ctx, FromContext(ctx), id, in); err == nil {
			return web.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), "flash.user_updated")
		}
	}
	return h.userFormError(w, r, id, &in, err)
}

func (h *Web) adminSetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := idAndForm(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := h.Svc.SetPassword(ctx, FromContext(ctx), id, r.PostFormValue("password")); err != nil {
		// The page comes back with the stored account, not this form's values.
		return h.userFormError(w, r, id, nil, err)
	}
	return web.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), "flash.password_set")
}

func (h *Web) adminResetTOTP(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := h.Svc.ResetSecondFactor(ctx, FromContext(ctx), id); err != nil {
		return err
	}
	return web.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), "flash.totp_reset")
}

func (h *Web) adminOrgs(w http.ResponseWriter, r *http.Request) error {
	orgs, err := h.Svc.ListOrgs(r.Context(), FromContext(r.Context()))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "auth/admin-orgs", "admin.orgs_title", adminOrgsData{Orgs: orgs})
}

func orgInput(r *http.Request) OrgInput {
	return OrgInput{ShortName: r.PostFormValue("short_name"), Name: r.PostFormValue("name"), Country: r.PostFormValue("country")}
}

func (h *Web) adminCreateOrg(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	by := FromContext(ctx)
	if _, err := h.Svc.CreateOrg(ctx, by, orgInput(r)); err != nil {
		orgs, lerr := h.Svc.ListOrgs(ctx, by)
		if lerr != nil {
			return lerr
		}
		return h.UI.FormError(w, r, "auth/admin-orgs", "admin.orgs_title", adminOrgsData{Orgs: orgs}, err)
	}
	return web.Redirect(w, r, "/admin/orgs", "flash.org_created")
}

func (h *Web) adminOrg(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	o, err := h.Svc.GetOrg(r.Context(), FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "auth/admin-org", "admin.edit_org_title", adminOrgsData{Org: o})
}

func (h *Web) adminUpdateOrg(w http.ResponseWriter, r *http.Request) error {
	id, err := idAndForm(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	by := FromContext(ctx)
	if _, err := h.Svc.UpdateOrg(ctx, by, id, orgInput(r)); err != nil {
		o, gerr := h.Svc.GetOrg(ctx, by, id)
		if gerr != nil {
			return gerr
		}
		return h.UI.FormError(w, r, "auth/admin-org", "admin.edit_org_title", adminOrgsData{Org: o}, err)
	}
	return web.Redirect(w, r, "/admin/orgs", "flash.org_updated")
}

// auditFilter reads the audit viewer's filter from the query string.
func auditFilter(q url.Values) (audit.Filter, error) {
	f := audit.Filter{Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action"),
		EntityType: strings.TrimSpace(q.Get("entity_type")), EntityID: strings.TrimSpace(q.Get("entity_id")), Limit: 50}
	e := errs.Invalid()
	for _, k := range []string{"from", "to"} {
		v := q.Get(k)
		if v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			e.Field(k, "err.date_invalid")
			continue
		}
		if k == "from" {
			f.From = t
		} else {
			f.To = t.AddDate(0, 0, 1)
		}
	}
	if v := q.Get("before"); v != "" {
		f.BeforeID, _ = strconv.ParseInt(v, 10, 64)
	}
	return f, e.OrNil()
}

func (h *Web) adminAudit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, ferr := auditFilter(q)
	d := adminAuditData{Filter: f, Query: q}
	var err error
	if d.Actions, err = h.Svc.AuditActions(ctx, FromContext(ctx)); err != nil {
		return err
	}
	if ferr == nil {
		if d.Entries, err = h.Svc.AuditLog(ctx, FromContext(ctx), f); err != nil {
			return err
		}
		if len(d.Entries) == f.Limit {
			next := url.Values{}
			for k, v := range q {
				next[k] = v
			}
			next.Set("before", strconv.FormatInt(d.Entries[len(d.Entries)-1].ID, 10))
			d.Older = next.Encode()
		}
	}
	p := h.UI.NewPage(w, r, "admin.audit_title", d)
	p.Form = web.NewForm(q)
	if ferr != nil {
		p.Form.Err, p.Status = errs.As(ferr), http.StatusUnprocessableEntity
	}
	return h.UI.Render(w, r, "auth/admin-audit", p)
}
