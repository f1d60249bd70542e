package auth

import (
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
)

// TestScopeChecks: the one answer about scope — unscoped roles pass for any
// country or organisation, scoped ones for their own, admins only where
// named, the command line always, nobody without a role.
func TestScopeChecks(t *testing.T) {
	fpISL := &Principal{UserID: 1, Roles: []Role{RoleFocalPoint}, Country: "ISL", MFA: true}
	noCountry := &Principal{UserID: 2, Roles: []Role{RoleFocalPoint}}
	editor := &Principal{UserID: 3, Roles: []Role{RoleEditor}}
	admin := &Principal{UserID: 4, Roles: []Role{RoleAdmin}, MFA: true}
	ngoA := &Principal{UserID: 5, Roles: []Role{RoleNGO}, OrgID: 7}
	both := &Principal{UserID: 6, Roles: []Role{RoleFocalPoint, RoleEditor}, Country: "ISL"}
	drafters := []Role{RoleEditor, RoleFocalPoint}
	for _, c := range []struct {
		name string
		err  error
		want errs.Kind // -1: allowed
	}{
		{"focal point, own country", RequireCountry(fpISL, "ISL", drafters...), -1},
		{"focal point, another country", RequireCountry(fpISL, "KEN", drafters...), errs.KindForbidden},
		{"focal point without a country", RequireCountry(noCountry, "", drafters...), errs.KindForbidden},
		{"editor, any country", RequireCountry(editor, "KEN", drafters...), -1},
		{"admin, not named", RequireCountry(admin, "ISL", drafters...), errs.KindForbidden},
		{"admin, named", RequireCountry(admin, "KEN", RoleFocalPoint, RoleAdmin), -1},
		{"focal point and editor", RequireCountry(both, "KEN", drafters...), -1},
		{"the command line", RequireCountry(System("cli"), "KEN", drafters...), -1},
		{"anonymous", RequireCountry(nil, "ISL", drafters...), errs.KindUnauthorised},
		{"NGO, own organisation", RequireOrg(ngoA, 7, RoleNGO), -1},
		{"NGO, another organisation", RequireOrg(ngoA, 8, RoleNGO), errs.KindForbidden},
		{"NGO, no organisation asked", RequireOrg(ngoA, 0, RoleNGO), errs.KindForbidden},
		{"second factor presented", RequireSecondFactor(admin), -1},
		{"second factor missing", RequireSecondFactor(editor), errs.KindUnauthorised},
	} {
		switch {
		case c.want == -1 && c.err != nil:
			t.Errorf("%s: refused (%v), want allowed", c.name, c.err)
		case c.want != -1 && !errs.Is(c.err, c.want):
			t.Errorf("%s: %v, want kind %d", c.name, c.err, c.want)
		}
	}
	if e := errs.As(RequireSecondFactor(editor)); e.Redirect != "/account/security" {
		t.Errorf("second factor missing: redirect %q", e.Redirect)
	}
}
