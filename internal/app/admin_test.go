package app_test

import (
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// checkedRoles returns the roles whose checkbox a user form shows ticked.
func checkedRoles(page string) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`<input type="checkbox" id="role-([a-z_]+)"[^>]*>`).FindAllStringSubmatch(page, -1) {
		out[m[1]] = regexp.MustCompile(`\schecked\b`).MatchString(m[0])
	}
	return out
}

// TestAdminUserForms: the new-user form renders when organisations exist
// (it answered 500), and a refused password reset re-renders the user's
// page with the stored roles still ticked, so the next Save keeps them.
func TestAdminUserForms(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	admin := srv.CreateUser(t, "admin@example.org", auth.RoleAdmin)
	c := srv.SignIn(t, admin)
	srv.CreateUser(t, "ngo@example.org", auth.RoleNGO) // creates an organisation
	res := srv.Get(t, c, "/admin/users/new")
	page := apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusOK || !regexp.MustCompile(`<select id="f-org_id"`).MatchString(page) {
		t.Fatalf("new user form: %d", res.StatusCode)
	}
	if got := checkedRoles(page); len(got) != len(auth.AllRoles) || got["admin"] {
		t.Fatalf("new user form roles: %v", got)
	}

	u := srv.CreateUser(t, "fp@example.org", auth.RoleFocalPoint, auth.RoleEditor)
	path := "/admin/users/" + strconv.FormatInt(u.ID, 10)
	res = srv.Post(t, c, path+"/password", url.Values{"password": {"short"}})
	page = apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d", res.StatusCode)
	}
	want := map[string]bool{}
	for _, r := range auth.AllRoles {
		want[string(r)] = r == auth.RoleFocalPoint || r == auth.RoleEditor
	}
	if got := checkedRoles(page); !maps.Equal(got, want) {
		t.Fatalf("after a refused password reset the roles shown are %v, want %v", got, want)
	}
	if !regexp.MustCompile(`id="f-new-password"[^>]*aria-invalid="true"`).MatchString(page) {
		t.Error("the password field is not marked invalid")
	}
	// A refused update still shows what was submitted.
	res = srv.Post(t, c, path, url.Values{"email": {"fp@example.org"}, "name": {"F P"}, "roles": {"ngo"}})
	page = apptest.ReadBody(t, res)
	if got := checkedRoles(page); res.StatusCode != http.StatusUnprocessableEntity || !got["ngo"] || got["editor"] {
		t.Fatalf("refused update: %d, roles %v", res.StatusCode, got)
	}
}
