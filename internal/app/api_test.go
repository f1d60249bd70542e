package app_test

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field, Code, Message string
	} `json:"errors"`
}

// metricsToken is the scrapers' secret the fixed-point test configures.
const metricsToken = "scraper-secret-for-tests"

// TestAPIFixedPoints: /api/v1/me with and without a token, health, readiness
// and metrics (with the metrics token), on both engines.
func TestAPIFixedPoints(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		u := srv.CreateUser(t, "fp@example.org", auth.RoleFocalPoint)
		raw, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), u.Email, "script")
		if err != nil {
			t.Fatal(err)
		}
		res := srv.API(t, "GET", "/api/v1/me", raw, "")
		var me struct {
			Email   string   `json:"email"`
			Roles   []string `json:"roles"`
			Country string   `json:"country"`
		}
		decodeJSON(t, res, &me)
		if res.StatusCode != 200 || me.Email != u.Email || me.Country != "ISL" || len(me.Roles) != 1 || me.Roles[0] != "focal_point" {
			t.Fatalf("me = %d %+v", res.StatusCode, me)
		}
		for _, tok := range []string{"", "tps_wrong", "garbage"} {
			res = srv.API(t, "GET", "/api/v1/me", tok, "")
			var p problem
			decodeJSON(t, res, &p)
			if res.StatusCode != 401 || res.Header.Get("Content-Type") != "application/problem+json" || p.Status != 401 {
				t.Fatalf("me with token %q: %d %s %+v", tok, res.StatusCode, res.Header.Get("Content-Type"), p)
			}
		}
		for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "tipsom_http_requests_total{method=\"GET\",route=\"GET /api/v1/me\",status=\"200\"} 1"} {
			tok := ""
			if path == "/metrics" {
				tok = metricsToken
			}
			res := srv.API(t, "GET", path, tok, "")
			if body := apptest.ReadBody(t, res); res.StatusCode != 200 || !strings.Contains(body, want) {
				t.Errorf("%s: %d, missing %q", path, res.StatusCode, want)
			}
		}
		res = srv.API(t, "GET", "/metrics", metricsToken, "")
		if body := apptest.ReadBody(t, res); !strings.Contains(body, `go_sql_max_open_connections{db_name="tipsom"}`) {
			t.Error("metrics lack the database pool")
		}
	}, func(c *app.Config) { c.MetricsToken = metricsToken })
}

// TestAPIValidationErrors: per-field problem details, unknown fields and
// oversized bodies refused, nothing stored.
func TestAPIValidationErrors(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	admin := srv.CreateUser(t, "admin@example.org", auth.RoleAdmin)
	raw, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), admin.Email, "admin script")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, body string
		status     int
		fields     []string
	}{
		{"invalid fields", `{"email":"nope","name":"","roles":["wizard"]}`, 422, []string{"email", "name", "roles"}},
		{"unknown field", `{"email":"a@example.org","name":"A","roles":["editor"],"is_admin":true}`, 422, []string{"is_admin"}},
		{"wrong type", `{"email":"a@example.org","name":"A","roles":"editor"}`, 422, []string{"roles"}},
		{"malformed", `{"email":`, 422, []string{"body"}},
		{"two values", `{"email":"a@example.org","name":"A","roles":["editor"]}{}`, 422, []string{"body"}},
		{"too large", `{"email":"a@example.org","name":"` + strings.Repeat("x", 20<<10) + `","roles":["editor"]}`, 413, nil},
	}
	for _, c := range cases {
		res := srv.API(t, "POST", "/api/v1/users", raw, c.body)
		var p problem
		decodeJSON(t, res, &p)
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d (%+v)", c.name, res.StatusCode, c.status, p)
			continue
		}
		var got []string
		for _, f := range p.Errors {
			got = append(got, f.Field)
			if f.Message == "" || f.Message == f.Code {
				t.Errorf("%s: field %s has no message", c.name, f.Field)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.fields)
		}
	}
	users, _ := srv.App.Auth.ListUsers(t.Context(), auth.System("test"), auth.UserFilter{})
	if len(users) != 1 {
		t.Fatalf("bad requests stored users: %d", len(users))
	}
	res := srv.API(t, "POST", "/api/v1/users", raw, `{"email":"New@Example.org","name":"New","roles":["ngo"],"org_id":0}`)
	var p problem
	decodeJSON(t, res, &p)
	if res.StatusCode != 422 || p.Errors[0].Field != "org_id" {
		t.Fatalf("ngo without org: %d %+v", res.StatusCode, p)
	}
	res = srv.API(t, "POST", "/api/v1/users", raw, `{"email":"New@Example.org","name":"New","roles":["editor"],"password":"amber-valley-notebook"}`)
	var created struct {
		ID    int64  `json:"id"`
		Email string `json:"email"`
	}
	decodeJSON(t, res, &created)
	if res.StatusCode != 201 || created.Email != "new@example.org" || res.Header.Get("Location") == "" {
		t.Fatalf("create: %d %+v", res.StatusCode, created)
	}
}
