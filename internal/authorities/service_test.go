package authorities_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
)

var ctx = context.Background()

// clock is the service's settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newService returns a service on d (with the country table seeded, as the
// foreign key needs) and its clock.
func newService(t *testing.T, d *db.DB) (*authorities.Service, *clock) {
	t.Helper()
	g := geotest.Seeded(t, d)
	c := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	s := authorities.NewService(d, g.Known)
	s.Now = c.now
	return s, c
}

func official(id int64, email string, role auth.Role, country string) *auth.Principal {
	return &auth.Principal{UserID: id, Email: email, Name: email, Roles: []auth.Role{role}, Country: country, MFA: true, Method: "session"}
}

var (
	fpISL   = official(1, "fp.isl@example.org", auth.RoleFocalPoint, "ISL")
	fpNOR   = official(2, "fp.nor@example.org", auth.RoleFocalPoint, "NOR")
	analyst = official(3, "analyst@example.org", auth.RoleAnalyst, "")
	admin   = official(4, "admin@example.org", auth.RoleAdmin, "")
	editor  = official(5, "editor@example.org", auth.RoleEditor, "")
	ngo     = official(6, "ngo@example.org", auth.RoleNGO, "")
)

func validInput() authorities.Input {
	return authorities.Input{Country: "ISL", Details: authorities.Details{Function: authorities.FunctionMLA, Name: "Ministry of Justice",
		ContactPerson: "Jón Jónsson", Address: "Skuggasund 3\n101 Reykjavík", Phone: "+354 545 9000",
		Email: "mla@example.is", Website: "https://www.example.is/", Languages: []string{"IS", "en"},
		Channels: []string{"central_authority", "email"}}}
}

func kindOf(err error) errs.Kind { return errs.As(err).Kind }

func mustCreate(t *testing.T, s *authorities.Service, by *auth.Principal, in authorities.Input) *authorities.Authority {
	t.Helper()
	a, err := s.Create(ctx, by, in)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return a
}

func TestCreateValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, _ := newService(t, d)
		edit := func(f func(*authorities.Input)) authorities.Input { in := validInput(); f(&in); return in }
		cases := []struct {
			name string
			in   authorities.Input
			want map[string]string
		}{
			{"name and function required", edit(func(in *authorities.Input) { in.Name, in.Function = " ", "" }),
				map[string]string{"name": "err.required", "function": "err.required"}},
			{"unknown function", edit(func(in *authorities.Input) { in.Function = "police" }),
				map[string]string{"function": "err.authorities_function_unknown"}},
			{"bad email", edit(func(in *authorities.Input) { in.Email = "mla at example.is" }),
				map[string]string{"email": "err.email_invalid"}},
			{"bad website", edit(func(in *authorities.Input) { in.Website = "www.example.is" }),
				map[string]string{"website": "err.authorities_url_invalid"}},
			{"javascript website", edit(func(in *authorities.Input) { in.Website = "javascript:alert(1)" }),
				map[string]string{"website": "err.authorities_url_invalid"}},
			{"bad phone", edit(func(in *authorities.Input) { in.Phone = "call the embassy" }),
				map[string]string{"phone": "err.authorities_phone_invalid"}},
			{"bad language", edit(func(in *authorities.Input) { in.Languages = []string{"en", "English"} }),
				map[string]string{"languages": "err.authorities_language_unknown"}},
			{"unknown channel", edit(func(in *authorities.Input) { in.Channels = []string{"pigeon"} }),
				map[string]string{"channels": "err.authorities_channel_unknown"}},
			{"future confirmation", edit(func(in *authorities.Input) { in.LastConfirmed = "2026-11-28" }),
				map[string]string{"last_confirmed": "err.authorities_date_future"}},
			{"malformed date", edit(func(in *authorities.Input) { in.LastConfirmed = "27/11/2026" }),
				map[string]string{"last_confirmed": "err.date_invalid"}},
			{"unknown country (admin)", edit(func(in *authorities.Input) { in.Country = "XYZ" }),
				map[string]string{"country": "err.country_unknown"}},
		}
		for _, c := range cases {
			_, err := s.Create(ctx, admin, c.in)
			if kindOf(err) != errs.KindInvalid {
				t.Fatalf("%s: err = %v, want invalid", c.name, err)
			}
			if diff := cmp.Diff(c.want, errs.FieldKeys(err)); diff != "" {
				t.Errorf("%s: field errors (-want +got):\n%s", c.name, diff)
			}
		}
		counts, err := s.Counts(ctx, analyst)
		if err != nil || len(counts) != 0 {
			t.Fatalf("invalid input stored something: %v %v", counts, err)
		}
		a := mustCreate(t, s, fpISL, validInput())
		if diff := cmp.Diff([]string{"is", "en"}, a.Languages); diff != "" {
			t.Errorf("languages not canonicalised (-want +got):\n%s", diff)
		}
	})
}

func TestWhoMayReadAndEdit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, _ := newService(t, d)
		a := mustCreate(t, s, fpISL, validInput())
		noMFA := official(7, "fp2.isl@example.org", auth.RoleFocalPoint, "ISL")
		noMFA.MFA = false
		for _, c := range []struct {
			name string
			by   *auth.Principal
			want errs.Kind
		}{
			{"another country's focal point", fpNOR, -1},
			{"analyst", analyst, -1},
			{"reviewer", official(8, "rev@example.org", auth.RoleReviewer, ""), -1},
			{"editor", editor, errs.KindForbidden},
			{"ngo", ngo, errs.KindForbidden},
			{"no second factor", noMFA, errs.KindUnauthorised},
			{"anonymous", nil, errs.KindUnauthorised},
		} {
			_, err := s.ForCountry(ctx, c.by, "ISL")
			if c.want == -1 && err != nil {
				t.Errorf("%s reading: %v", c.name, err)
			}
			if c.want != -1 && kindOf(err) != c.want {
				t.Errorf("%s reading: err = %v, want kind %d", c.name, err, c.want)
			}
		}
		in := validInput()
		in.Name = "Ministry of the Interior"
		if _, err := s.Create(ctx, fpNOR, in); kindOf(err) != errs.KindForbidden {
			t.Errorf("NOR focal point creating for ISL: %v", err)
		}
		if _, err := s.Update(ctx, fpNOR, a.ID, in); kindOf(err) != errs.KindForbidden {
			t.Errorf("NOR focal point updating ISL: %v", err)
		}
		if _, err := s.Confirm(ctx, fpNOR, a.ID, ""); kindOf(err) != errs.KindForbidden {
			t.Errorf("NOR focal point confirming ISL: %v", err)
		}
		if _, err := s.Delete(ctx, analyst, a.ID, ""); kindOf(err) != errs.KindForbidden {
			t.Errorf("analyst deleting: %v", err)
		}
		if _, err := s.Update(ctx, noMFA, a.ID, in); kindOf(err) != errs.KindUnauthorised {
			t.Errorf("focal point without second factor updating: %v", err)
		}
		got, err := s.Update(ctx, fpISL, a.ID, in)
		if err != nil || got.Name != in.Name {
			t.Fatalf("ISL focal point updating: %+v %v", got, err)
		}
		in.Country = "NOR"
		if _, err := s.Update(ctx, admin, a.ID, in); kindOf(err) != errs.KindNotFound {
			t.Errorf("moving an entry to another country: %v", err)
		}
		if _, err := s.Delete(ctx, admin, a.ID, ""); err != nil {
			t.Fatalf("admin deleting: %v", err)
		}
		if _, err := s.Get(ctx, analyst, a.ID); kindOf(err) != errs.KindNotFound {
			t.Errorf("deleted entry still readable: %v", err)
		}
	})
}
