package auth_test

import (
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestBidiControlsRefusedInIdentifiers: names, emails, short names and
// token labels holding a character that reorders the text around it (a
// right-to-left override makes "gpj.exe" read "exe.jpg") are refused with
// a field error, whichever of the controls it is.
func TestBidiControlsRefusedInIdentifiers(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		by := auth.System("test")
		u := mustUser(t, s, auth.UserInput{Email: "ok@example.org", Roles: []auth.Role{auth.RoleEditor}})
		p := asUser(u)
		for _, c := range []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'} {
			bad := "Ann" + string(c) + "exe.jpg"
			_, err := s.CreateUser(ctx, by, auth.UserInput{Email: "a" + string(c) + "@example.org", Name: bad, Roles: []auth.Role{auth.RoleEditor}, Password: pw})
			if got := errs.FieldKeys(err); got["name"] != "err.bidi_control" || got["email"] == "" {
				t.Errorf("user with %U: %v", c, got)
			}
			_, err = s.UpdateUser(ctx, by, u.ID, auth.UserInput{Email: u.Email, Name: bad, Roles: u.Roles})
			if got := errs.FieldKeys(err); got["name"] != "err.bidi_control" {
				t.Errorf("renaming a user with %U: %v", c, got)
			}
			_, err = s.CreateOrg(ctx, by, auth.OrgInput{ShortName: "NGO" + string(c), Name: bad})
			if got := errs.FieldKeys(err); got["short_name"] != "err.bidi_control" || got["name"] != "err.bidi_control" {
				t.Errorf("organisation with %U: %v", c, got)
			}
			_, _, err = s.CreateToken(ctx, p, bad)
			if got := errs.FieldKeys(err); got["label"] != "err.bidi_control" {
				t.Errorf("token label with %U: %v", c, got)
			}
		}
		// Right-to-left text itself is welcome.
		if _, err := s.CreateOrg(ctx, by, auth.OrgInput{ShortName: "جمعية", Name: "جمعية مكافحة الاتجار بالبشر"}); err != nil {
			t.Fatalf("Arabic organisation: %v", err)
		}
	})
}
