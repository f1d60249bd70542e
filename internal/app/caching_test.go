package app_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestPersonalResponsesNotStored walks every GET route as anonymous, with
// sessions and with a token. Whatever is answered to someone signed in (a
// session cookie or a token: admin lists, the directory, drafts, any API
// answer) carries Cache-Control: no-store and is never public; only
// content-hashed assets keep their long caching. A report draft's files
// are no-store while a published edition's may be cached by anyone.
func TestPersonalResponsesNotStored(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	sample, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "glotip", "sample.csv"))
	if err != nil {
		t.Skipf("sample data: %v", err)
	}
	by := &auth.Principal{UserID: 1, Email: "analyst@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}
	if _, err := srv.App.Rooms.Stats.Import(t.Context(), by, "sample.csv", sample, stats.ImportOptions{AcceptFindings: true}); err != nil {
		t.Fatal(err)
	}
	reports := srv.App.Rooms.Report
	for _, name := range []string{"2023", "2024"} {
		if _, err := reports.BuildDraft(t.Context(), by, report.Spec{Edition: name, Years: stats.Span{From: 2018, To: 2021}, Langs: []string{"en"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := reports.Publish(t.Context(), by, "2023"); err != nil {
		t.Fatal(err)
	}

	admin, analyst := srv.CreateUser(t, "admin@cache.example.org", auth.RoleAdmin), srv.CreateUser(t, "analyst@cache.example.org", auth.RoleAnalyst)
	fp := srv.CreateUserWithTOTP(t, "fp@cache.example.org", auth.RoleFocalPoint)
	adminC, analystC := apptest.Client(), apptest.Client()
	srv.Login(t, adminC, admin)
	srv.Login(t, analystC, analyst)
	token := issue(t, srv, fp.Email, auth.TokenInput{SecondFactor: true})
	signedIn := []credential{{name: "admin session", client: adminC}, {name: "analyst session", client: analystC}, {name: "focal point token", token: token}}

	get := func(c credential, path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		cl := c.client
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if cl == nil {
			cl = apptest.Client()
		}
		res, err := cl.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("Cache-Control")
	}
	paths := []string{"/reports/2024/index.html", "/reports/2023/index.html", "/api/v1/reports/2024"}
	for _, rt := range srv.App.Router.Routes() {
		if rt.Method == http.MethodGet && !strings.HasPrefix(rt.Path, "/assets/") {
			paths = append(paths, concretePath(rt.Path))
		}
	}
	for _, p := range paths {
		for _, c := range signedIn {
			code, cc := get(c, p)
			if !strings.Contains(cc, "no-store") || strings.Contains(cc, "public") {
				t.Errorf("GET %s, %s: %d, Cache-Control %q, want no-store", p, c.name, code, cc)
			}
		}
	}
	if code, cc := get(credential{client: analystC}, "/reports/2024/index.html"); code != http.StatusOK || cc != "no-store" {
		t.Errorf("a draft's page to its analyst: %d %q", code, cc)
	}
	if code, _ := get(credential{}, "/reports/2024/index.html"); code != http.StatusNotFound {
		t.Errorf("a draft's page to the public: %d", code)
	}
	if code, cc := get(credential{}, "/reports/2023/index.html"); code != http.StatusOK || !strings.Contains(cc, "public") {
		t.Errorf("a published edition to the public: %d %q, want it cacheable", code, cc)
	}
	// Content-hashed assets stay cacheable for everyone.
	css := srv.App.UI.Assets.URL("css/app.css")
	for _, c := range append(signedIn, credential{name: "anonymous"}) {
		if _, cc := get(c, css); !strings.Contains(cc, "immutable") {
			t.Errorf("%s for %s: Cache-Control %q", css, c.name, cc)
		}
	}
}
