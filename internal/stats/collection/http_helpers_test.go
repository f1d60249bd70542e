package collection_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// signIn returns a client signed in as a new user with role (a focal
// point of ISL).
func signIn(t *testing.T, srv *apptest.Server, email string, role auth.Role) *http.Client {
	t.Helper()
	c := srv.SignIn(t, srv.CreateUser(t, email, role))
	return c
}

// kenyaFocalPoint makes Kenya's focal point and returns its client and
// an API token.
func kenyaFocalPoint(t *testing.T, srv *apptest.Server) (*http.Client, string) {
	t.Helper()
	in := auth.UserInput{Email: "fp-ken@example.org", Name: "Kenya FP", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "KEN",
		Password: "correct-horse-battery-staple"}
	u, err := srv.App.Auth.CreateUser(t.Context(), auth.System("test"), in)
	if err != nil {
		t.Fatal(err)
	}
	c := srv.SignIn(t, apptest.User{ID: u.ID, Email: u.Email, Password: in.Password})
	return c, token(t, srv, u.Email)
}

// token creates an API token for email.
func token(t *testing.T, srv *apptest.Server, email string) string {
	t.Helper()
	raw, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), email, "script")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// post submits a form, failing unless the status is want; it returns the
// body and the redirect's target.
func post(t *testing.T, srv *apptest.Server, c *http.Client, path string, form url.Values, want int) (string, string) {
	t.Helper()
	res := srv.Post(t, c, path, form)
	b := apptest.ReadBody(t, res)
	if res.StatusCode != want {
		t.Fatalf("POST %s: %d, want %d\n%.3000s", path, res.StatusCode, want, b)
	}
	return b, res.Header.Get("Location")
}

// uploadFile posts a file as the upload form does.
func uploadFile(t *testing.T, srv *apptest.Server, c *http.Client, path, name string, data []byte) (int, string) {
	t.Helper()
	res := srv.PostFile(t, c, path, nil, name, data)
	return res.StatusCode, apptest.ReadBody(t, res)
}

// mustContain fails for each want the body lacks.
func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

var (
	idAttr   = regexp.MustCompile(`\sid="([^"]+)"`)
	control  = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	labelFor = regexp.MustCompile(`<label[^>]* for="([^"]+)"`)
)

// checkStructure fails on a duplicated id, a visible control without a
// label, or a table without a caption: what axe-core checks in the
// browser tests.
func checkStructure(t *testing.T, what, body string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(body, -1) {
		if seen[m[1]] {
			t.Errorf("%s: id %q appears twice", what, m[1])
		}
		seen[m[1]] = true
	}
	labelled := map[string]bool{}
	for _, m := range labelFor.FindAllStringSubmatch(body, -1) {
		labelled[m[1]] = true
	}
	for _, c := range control.FindAllString(body, -1) {
		if strings.Contains(c, `type="hidden"`) {
			continue
		}
		id := idAttr.FindStringSubmatch(c)
		if id == nil || !labelled[id[1]] {
			t.Errorf("%s: control without a label: %s", what, c)
		}
	}
	if strings.Count(body, "<table") != strings.Count(body, "<caption") {
		t.Errorf("%s: a table lacks its caption", what)
	}
}
