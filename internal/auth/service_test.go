package auth_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

func TestCreateUserValidation(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		by := auth.System("test")
		cases := []struct {
			name string
			in   auth.UserInput
			want map[string]string
		}{
			{"everything wrong", auth.UserInput{Email: "not-an-email", Roles: []auth.Role{"wizard"}, Password: "short"},
				map[string]string{"email": "err.email_invalid", "name": "err.required", "roles": "err.role_unknown", "password": "err.password_short"}},
			{"focal point needs country", auth.UserInput{Email: "fp@example.org", Name: "F P", Roles: []auth.Role{auth.RoleFocalPoint}},
				map[string]string{"country": "err.country_required"}},
			{"bad country", auth.UserInput{Email: "fp@example.org", Name: "F P", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "XYZ"},
				map[string]string{"country": "err.country_unknown"}},
			{"ngo needs org", auth.UserInput{Email: "n@example.org", Name: "N", Roles: []auth.Role{auth.RoleNGO}},
				map[string]string{"org_id": "err.org_required"}},
			{"unknown org", auth.UserInput{Email: "n@example.org", Name: "N", Roles: []auth.Role{auth.RoleNGO}, OrgID: 999, Password: pw},
				map[string]string{"org_id": "err.org_unknown"}},
			{"no password without single sign-on", auth.UserInput{Email: "n@example.org", Name: "N", Roles: []auth.Role{auth.RoleEditor}},
				map[string]string{"password": "err.password_required"}},
			{"no roles", auth.UserInput{Email: "n@example.org", Name: "N"}, map[string]string{"roles": "err.roles_required"}},
			{"common password", auth.UserInput{Email: "n@example.org", Name: "N", Roles: []auth.Role{auth.RoleEditor}, Password: "Password12345!"},
				map[string]string{"password": "err.password_common"}},
		}
		for _, c := range cases {
			_, err := s.CreateUser(ctx, by, c.in)
			if !errs.Is(err, errs.KindInvalid) {
				t.Errorf("%s: err = %v, want invalid", c.name, err)
				continue
			}
			if diff := cmp.Diff(c.want, errs.FieldKeys(err)); diff != "" {
				t.Errorf("%s: fields (-want +got):\n%s", c.name, diff)
			}
		}
		users, err := s.ListUsers(ctx, by, auth.UserFilter{})
		if err != nil || len(users) != 0 {
			t.Fatalf("invalid input stored something: %v %v", users, err)
		}
		// Duplicate email, any case.
		mustUser(t, s, auth.UserInput{Email: "dup@example.org", Roles: []auth.Role{auth.RoleEditor}})
		_, err = s.CreateUser(ctx, by, auth.UserInput{Email: "DUP@example.org", Name: "X", Roles: []auth.Role{auth.RoleEditor}, Password: pw})
		if got := errs.FieldKeys(err)["email"]; got != "err.email_taken" {
			t.Fatalf("duplicate email: %v", err)
		}
	})
}

func TestOnlyAdminsManageUsers(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		ed := mustUser(t, s, auth.UserInput{Email: "ed@example.org", Roles: []auth.Role{auth.RoleEditor}})
		editor := asUser(ed)
		in := auth.UserInput{Email: "x@example.org", Name: "X", Roles: []auth.Role{auth.RoleAdmin}, Password: pw}
		if _, err := s.CreateUser(ctx, editor, in); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("editor creating a user: %v", err)
		}
		if _, err := s.CreateUser(ctx, nil, in); !errs.Is(err, errs.KindUnauthorised) {
			t.Fatalf("anonymous creating a user: %v", err)
		}
		if _, err := s.ListUsers(ctx, editor, auth.UserFilter{}); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("editor listing users: %v", err)
		}
		if _, err := s.GetUser(ctx, editor, ed.ID); err != nil {
			t.Fatalf("editor reading own account: %v", err)
		}
		other := mustUser(t, s, auth.UserInput{Email: "o@example.org", Roles: []auth.Role{auth.RoleEditor}})
		if _, err := s.GetUser(ctx, editor, other.ID); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("editor reading another account: %v", err)
		}
	})
}

func TestUpdateUserAuditedAndSelfDemotionRefused(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		ad := mustUser(t, s, auth.UserInput{Email: "ad@example.org", Roles: []auth.Role{auth.RoleAdmin}})
		admin := asUser(ad)
		_, err := s.UpdateUser(ctx, admin, ad.ID, auth.UserInput{Email: ad.Email, Name: "Me", Roles: []auth.Role{auth.RoleEditor}})
		if errs.FieldKeys(err)["roles"] != "err.cannot_demote_self" {
			t.Fatalf("self-demotion: %v", err)
		}
		u := mustUser(t, s, auth.UserInput{Email: "u@example.org", Roles: []auth.Role{auth.RoleEditor}})
		got, err := s.UpdateUser(ctx, admin, u.ID, auth.UserInput{Email: "u@example.org", Name: "Renamed",
			Roles: []auth.Role{auth.RoleEditor, auth.RoleFocalPoint}, Country: "ken"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Renamed" || got.Country != "KEN" || len(got.Roles) != 2 {
			t.Fatalf("updated user = %+v", got)
		}
		entries, err := audit.List(ctx, s.DB, audit.Filter{Action: "user.update", EntityID: fmtInt(u.ID)})
		if err != nil || len(entries) != 1 || entries[0].Actor != "ad@example.org" || entries[0].BeforeDigest == entries[0].AfterDigest {
			t.Fatalf("audit of update = %+v, %v", entries, err)
		}
		if _, err := audit.Verify(ctx, s.DB); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		mustUser(t, s, auth.UserInput{Email: "t@example.org", Roles: []auth.Role{auth.RoleEditor}})
		// Unknown account and wrong password give the same error.
		_, e1 := s.Login(ctx, "nobody@example.org", pw, "192.0.2.9")
		_, e2 := s.Login(ctx, "t@example.org", "wrong-password-here", "192.0.2.9")
		if errs.As(e1).Key != "err.login_failed" || errs.As(e2).Key != "err.login_failed" {
			t.Fatalf("refusals differ: %v / %v", e1, e2)
		}
		for i := 0; i < auth.MaxFailures-1; i++ { // 1 already counted above
			s.Login(ctx, "t@example.org", "wrong-password-here", "192.0.2.10")
		}
		// Locked now, even with the right password, from any address.
		if _, err := s.Login(ctx, "t@example.org", pw, "198.51.100.1"); !errs.Is(err, errs.KindTooMany) {
			t.Fatalf("after %d failures: %v, want too many", auth.MaxFailures, err)
		}
		c.add(auth.LockWindow + time.Second)
		if _, err := s.Login(ctx, "t@example.org", pw, "198.51.100.1"); err != nil {
			t.Fatalf("after the lock expired: %v", err)
		}
		// Per address: many accounts from one address.
		for i := 0; i < auth.MaxFailures; i++ {
			s.Login(ctx, fmtInt(int64(i))+"@example.org", "x-wrong-password", "203.0.113.5")
		}
		if _, err := s.Login(ctx, "t@example.org", pw, "203.0.113.5"); !errs.Is(err, errs.KindTooMany) {
			t.Fatalf("address not locked: %v", err)
		}
		locks, _ := audit.List(ctx, s.DB, audit.Filter{Action: "auth.lockout"})
		if len(locks) < 2 {
			t.Fatalf("lockouts audited: %d, want 2+", len(locks))
		}
	})
}

func TestSecondFactor(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "a@example.org", Roles: []auth.Role{auth.RoleAnalyst}})
		if !u.NeedsSecondFactor() || u.TOTPEnabled {
			t.Fatalf("analyst: needs=%v enabled=%v", u.NeedsSecondFactor(), u.TOTPEnabled)
		}
		e, err := auth.NewEnrolment(u.Email)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmEnrolment(ctx, u.ID, e.Secret, "000000"); !errs.Is(err, errs.KindInvalid) {
			t.Fatalf("wrong enrolment code accepted: %v", err)
		}
		code, _ := auth.TOTPCode(e.Secret, c.t)
		codes, err := s.ConfirmEnrolment(ctx, u.ID, e.Secret, code)
		if err != nil || len(codes) != 10 {
			t.Fatalf("enrol: %v, %d codes", err, len(codes))
		}
		// The enrolment code cannot be replayed at sign-in.
		if err := s.VerifySecondFactor(ctx, u.ID, code, "192.0.2.1"); !errs.Is(err, errs.KindInvalid) {
			t.Fatalf("replayed code accepted: %v", err)
		}
		c.add(30 * time.Second)
		code, _ = auth.TOTPCode(e.Secret, c.t)
		if err := s.VerifySecondFactor(ctx, u.ID, code, "192.0.2.1"); err != nil {
			t.Fatalf("fresh code refused: %v", err)
		}
		// A recovery code works once.
		if err := s.VerifySecondFactor(ctx, u.ID, codes[3], "192.0.2.1"); err != nil {
			t.Fatalf("recovery code refused: %v", err)
		}
		if err := s.VerifySecondFactor(ctx, u.ID, codes[3], "192.0.2.1"); !errs.Is(err, errs.KindInvalid) {
			t.Fatalf("recovery code reused: %v", err)
		}
		if n, err := s.RecoveryCodesLeft(ctx, asUser(u)); err != nil || n != 9 {
			t.Fatalf("recovery codes left: %d, %v; want 9", n, err)
		}
		if _, err := s.RecoveryCodesLeft(ctx, nil); !errs.Is(err, errs.KindUnauthorised) {
			t.Fatalf("anonymous counting recovery codes: %v", err)
		}
		// Admin reset removes the factor and ends sessions.
		p, _, _ := s.SessionPrincipal(ctx, u.ID, 0, true)
		if p == nil {
			t.Fatal("session principal missing before reset")
		}
		if err := s.ResetSecondFactor(ctx, auth.System("test"), u.ID); err != nil {
			t.Fatal(err)
		}
		if p, _, _ := s.SessionPrincipal(ctx, u.ID, 0, true); p != nil {
			t.Fatal("session survived a second-factor reset")
		}
		got, _ := s.GetUser(ctx, auth.System("test"), u.ID)
		if got.TOTPEnabled {
			t.Fatal("TOTP still enabled after reset")
		}
	})
}

func TestSessionsEndOnPasswordChangeAndSignOutEverywhere(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "e@example.org", Roles: []auth.Role{auth.RoleEditor}})
		p, epoch := signIn(t, s, u, false)
		if _, err := s.ChangePassword(ctx, p, "wrong-current-password", "new-secret-words-here"); errs.FieldKeys(err)["current_password"] != "err.password_wrong" {
			t.Fatalf("wrong current password: %v", err)
		}
		next, err := s.ChangePassword(ctx, p, pw, "new-secret-words-here")
		if err != nil || next != epoch+1 {
			t.Fatalf("change password: epoch %d, %v", next, err)
		}
		if old, _, _ := s.SessionPrincipal(ctx, u.ID, epoch, false); old != nil {
			t.Fatal("old session still valid after password change")
		}
		if cur, _, _ := s.SessionPrincipal(ctx, u.ID, next, false); cur == nil {
			t.Fatal("renewed session invalid")
		}
		if _, err := s.Login(ctx, u.Email, "new-secret-words-here", "192.0.2.1"); err != nil {
			t.Fatalf("new password refused: %v", err)
		}
		if err := s.SignOutEverywhere(ctx, p); err != nil {
			t.Fatal(err)
		}
		if cur, _, _ := s.SessionPrincipal(ctx, u.ID, next, false); cur != nil {
			t.Fatal("session valid after sign out everywhere")
		}
	})
}

func TestTokens(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "tok@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "KEN"})
		p := asUser(u)
		if _, _, err := s.CreateToken(ctx, p, " "); errs.FieldKeys(err)["label"] != "err.required" {
			t.Fatalf("empty label: %v", err)
		}
		raw, tok, err := s.CreateToken(ctx, p, "upload script")
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.TokenPrincipal(ctx, raw)
		if err != nil || got.Email != u.Email || got.Country != "KEN" || !got.Has(auth.RoleFocalPoint) {
			t.Fatalf("token principal = %+v, %v", got, err)
		}
		var stored string
		s.DB.SQL().QueryRow(`SELECT token_hash FROM api_tokens WHERE id = $1`, tok.ID).Scan(&stored)
		if stored == raw || stored == "" {
			t.Fatal("token stored in clear")
		}
		list, _ := s.ListTokens(ctx, p)
		if len(list) != 1 || list[0].LastUsedAt == nil {
			t.Fatalf("last used not recorded: %+v", list)
		}
		other := mustUser(t, s, auth.UserInput{Email: "other@example.org", Roles: []auth.Role{auth.RoleEditor}})
		if err := s.RevokeToken(ctx, &auth.Principal{UserID: other.ID, Roles: other.Roles}, tok.ID); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("someone else revoked the token: %v", err)
		}
		c.add(time.Minute)
		if err := s.RevokeToken(ctx, p, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, p, tok.ID); err != nil {
			t.Fatalf("second revoke: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, raw); !errs.Is(err, errs.KindUnauthorised) {
			t.Fatalf("revoked token accepted: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, "tps_nonsense"); !errs.Is(err, errs.KindUnauthorised) {
			t.Fatalf("unknown token accepted: %v", err)
		}
	})
}

func TestDemoIdempotent(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		by := auth.System("demo")
		o, err := s.EnsureDemoOrg(ctx, by, auth.OrgInput{ShortName: "DEMO-X", Name: "Demo X (fictional)"})
		if err != nil {
			t.Fatal(err)
		}
		acc := auth.DemoAccount{Role: auth.RoleCaseWorker, Email: "cw@demo.example.org", Name: "Demo Case Worker", Password: "cedar-shelter-2026"}
		a1, err := s.EnsureDemoUser(ctx, by, acc, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		var n1 int
		s.DB.SQL().QueryRow(`SELECT last_id FROM audit_head`).Scan(&n1)
		o2, _ := s.EnsureDemoOrg(ctx, by, auth.OrgInput{ShortName: "DEMO-X", Name: "Demo X (fictional)"})
		a2, err := s.EnsureDemoUser(ctx, by, acc, o2.ID)
		if err != nil {
			t.Fatal(err)
		}
		var n2 int
		s.DB.SQL().QueryRow(`SELECT last_id FROM audit_head`).Scan(&n2)
		if a1.TOTPSecret == "" || a1.TOTPSecret != a2.TOTPSecret || n1 != n2 || o.ID != o2.ID {
			t.Fatalf("second load changed things: secret %q→%q, audit %d→%d", a1.TOTPSecret, a2.TOTPSecret, n1, n2)
		}
		if code, err := s.DemoCode(ctx, acc.Email); err != nil || len(code) != 6 {
			t.Fatalf("demo code: %q %v", code, err)
		}
		real := mustUser(t, s, auth.UserInput{Email: "real@example.org", Roles: []auth.Role{auth.RoleAnalyst}})
		if _, err := s.DemoCode(ctx, real.Email); err == nil {
			t.Fatal("demo code given for a real account")
		}
	})
}

// TestAuditLogAdminsOnly: the audit log is read through the service, which
// lets only admins (and system processes) read it.
func TestAuditLogAdminsOnly(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		ed := mustUser(t, s, auth.UserInput{Email: "ed@example.org", Roles: []auth.Role{auth.RoleEditor}})
		if _, err := s.AuditLog(ctx, asUser(ed), audit.Filter{}); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("editor reading the audit log: %v", err)
		}
		if _, err := s.AuditActions(ctx, nil); !errs.Is(err, errs.KindUnauthorised) {
			t.Fatalf("anonymous reading the audit actions: %v", err)
		}
		entries, err := s.AuditLog(ctx, auth.System("test"), audit.Filter{Action: "user.create"})
		if err != nil || len(entries) != 1 || entries[0].EntityID != fmtInt(ed.ID) {
			t.Fatalf("system reading the audit log: %+v, %v", entries, err)
		}
		actions, err := s.AuditActions(ctx, auth.System("test"))
		if err != nil || len(actions) != 1 || actions[0] != "user.create" {
			t.Fatalf("audit actions: %v, %v", actions, err)
		}
	})
}
