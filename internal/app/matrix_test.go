package app_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// pathValues are the values the matrix puts in path wildcards: ids that
// exist nowhere (so allowed mutations touch nothing) and real codes.
var pathValues = map[string]string{"id": "999999", "code": "fr", "iso3": "ISL", "instrument": "untoc", "slug": "no-such-thing", "case": "no-such-case"}

var wildcard = regexp.MustCompile(`\{([a-z0-9_]+)(\.\.\.)?\}`)

// concretePath turns a route pattern's path into a request path.
func concretePath(p string) string {
	p = strings.ReplaceAll(p, "{$}", "")
	p = wildcard.ReplaceAllStringFunc(p, func(w string) string {
		name := wildcard.FindStringSubmatch(w)[1]
		if v, ok := pathValues[name]; ok {
			return v
		}
		return "x"
	})
	if p == "/" {
		return "/no-such-page"
	}
	if strings.HasSuffix(p, "/") {
		p += "x"
	}
	return p
}

// TestRouteRoleMatrix walks every registered route with every role and with
// no one signed in, and checks the answer against the route's declared
// policy: allowed requests are never refused for identity (401/403 or a
// bounce to sign-in), refused ones always are.
func TestRouteRoleMatrix(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		type actor struct {
			role   auth.Role // "" for anonymous
			user   apptest.User
			client *http.Client
		}
		actors := []*actor{{client: apptest.Client()}}
		for _, r := range auth.AllRoles {
			// Every matrix user has a second factor, so routes that need one
			// are judged on roles alone; the rooms test the second factor.
			u := srv.CreateUserWithTOTP(t, string(r)+"@matrix.example.org", r)
			c := srv.SignIn(t, u)
			actors = append(actors, &actor{role: r, user: u, client: c})
		}
		routes := srv.App.Router.Routes()
		if len(routes) < 40 {
			t.Fatalf("only %d routes registered", len(routes))
		}
		for _, rt := range routes {
			pol, ok := rt.Guard.(auth.Policy)
			if !ok {
				t.Errorf("%s: guard %T is not an auth.Policy", rt.Pattern, rt.Guard)
				continue
			}
			method := rt.Method
			if method == "" {
				method = http.MethodGet
			}
			path := concretePath(rt.Path)
			for _, a := range actors {
				req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(""))
				if method != http.MethodGet {
					req.Header.Set("Origin", srv.URL)
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				res, err := a.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				loc := res.Header.Get("Location")
				toLogin := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/login?")
				refused := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden || toLogin
				allowed := pol.IsPublic() || (a.role != "" && (len(pol.AllowedRoles()) == 0 || slices.Contains(pol.AllowedRoles(), a.role)))
				who := string(a.role)
				if who == "" {
					who = "anonymous"
				}
				switch {
				case allowed && refused:
					t.Errorf("%s %s as %s: refused (%d %s) but the policy allows it", method, path, who, res.StatusCode, loc)
				case !allowed && a.role == "" && !(res.StatusCode == http.StatusUnauthorized || toLogin):
					t.Errorf("%s %s as anonymous: got %d %s, want 401 or a redirect to sign in", method, path, res.StatusCode, loc)
				case !allowed && a.role != "" && res.StatusCode != http.StatusForbidden:
					t.Errorf("%s %s as %s: got %d, want 403", method, path, who, res.StatusCode)
				}
				// Some routes end the session (sign out); sign back in.
				if a.role != "" && !srv.SignedIn(t, a.client) {
					a.client = apptest.Client()
					srv.Login(t, a.client, a.user)
				}
			}
		}
	})
}

// TestEveryAPIRouteDocumented fails when a registered /api/v1 route is
// missing from the OpenAPI document (and when the document names a route
// that does not exist).
func TestEveryAPIRouteDocumented(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	res := srv.Get(t, apptest.Client(), "/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	decodeJSON(t, res, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	registered := map[string]bool{}
	for _, rt := range srv.App.Router.Routes() {
		if !strings.HasPrefix(rt.Path, "/api/v1/") {
			continue
		}
		key := strings.ToLower(rt.Method) + " " + rt.Path
		registered[key] = true
		if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route %s is not in openapi.json", rt.Pattern)
		}
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			if m == "parameters" {
				continue
			}
			if !registered[m+" "+p] {
				t.Errorf("openapi.json documents %s %s, which is not registered", m, p)
			}
		}
	}
}
