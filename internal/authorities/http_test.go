package authorities_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

const page = "/countries/ISL/authorities"

// signedIn returns a client signed in as a new user holding role (a focal
// point is scoped to ISL); withTOTP gives the user a second factor.
func signedIn(t *testing.T, srv *apptest.Server, email string, role auth.Role, withTOTP bool) *http.Client {
	t.Helper()
	create := srv.CreateUser
	if withTOTP {
		create = srv.CreateUserWithTOTP
	}
	u := create(t, email, role)
	c := srv.SignIn(t, u)
	return c
}

func expectRedirect(t *testing.T, res *http.Response, prefix string) {
	t.Helper()
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d to %q, want 303 to %s…", res.StatusCode, loc, prefix)
	}
}

// TestPagesNeedAnOfficialWithASecondFactor: anonymous users go to sign in,
// officials without TOTP to set it up, other roles get 403.
func TestPagesNeedAnOfficialWithASecondFactor(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	for _, path := range []string{"/authorities", page} {
		expectRedirect(t, srv.Get(t, apptest.Client(), path), "/login?next=")
		expectRedirect(t, srv.Get(t, signedIn(t, srv, "fp"+strings.ReplaceAll(path, "/", "-")+"@example.org", auth.RoleFocalPoint, false), path), "/account/security")
	}
	ed := signedIn(t, srv, "editor@example.org", auth.RoleEditor, true)
	srv.GetStatus(t, ed, page, http.StatusForbidden)
	an := signedIn(t, srv, "analyst@example.org", auth.RoleAnalyst, false) // analysts always hold TOTP
	b := srv.GetStatus(t, an, "/authorities?region=150", http.StatusOK)
	if !strings.Contains(b, `href="/countries/ISL/authorities"`) || strings.Contains(b, `href="/countries/KEN/authorities"`) {
		t.Error("overview filtered to Europe lacks Iceland or shows Kenya")
	}
	srv.GetStatus(t, an, "/authorities?region=999", http.StatusBadRequest)
	b = srv.GetStatus(t, an, page, http.StatusOK)
	if strings.Contains(b, `action="/countries/ISL/authorities"`) || !strings.Contains(b, `id="read-only"`) {
		t.Error("an analyst sees the add form")
	}
}

// TestFocalPointKeepsEntriesThroughForms: add (with a failed attempt first),
// see the flash, edit, confirm and delete, all without JavaScript.
func TestFocalPointKeepsEntriesThroughForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		fp := signedIn(t, srv, "fp@example.org", auth.RoleFocalPoint, true)
		form := url.Values{"function": {"mla_central_authority"}, "name": {"Ministry of Justice"}, "contact_person": {"Jón Jónsson"},
			"address": {"Skuggasund 3\r\n101 Reykjavík"}, "phone": {"+354 545 9000"}, "email": {"not-an-email"},
			"website": {"https://www.example.is/"}, "languages": {"is, en"}, "channels": {"central_authority", "email"}}
		res := srv.Post(t, fp, page, form)
		b := apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, `id="f-email-error"`) ||
			!strings.Contains(b, `value="Ministry of Justice"`) || !strings.Contains(b, `value="central_authority" checked`) {
			t.Fatalf("invalid email: %d, message beside the field and values kept? %s", res.StatusCode, b)
		}
		if strings.Contains(b, `id="authority-1"`) {
			t.Fatal("the failed form stored an entry")
		}
		form.Set("email", "mla@example.is")
		res = srv.Post(t, fp, page, form)
		expectRedirect(t, res, page+"#authority-")
		b = srv.GetStatus(t, fp, page, http.StatusOK)
		for _, want := range []string{"The authority was added.", "Ministry of Justice", "Skuggasund 3<br>101 Reykjavík",
			`href="mailto:mla@example.is"`, "Icelandic", "Central authority to central authority", "Confirm still correct"} {
			if !strings.Contains(b, want) {
				t.Errorf("country page lacks %q", want)
			}
		}
		b = srv.GetStatus(t, fp, page+"?edit=1", http.StatusOK)
		if !strings.Contains(b, `action="/countries/ISL/authorities/1"`) || !strings.Contains(b, `value="is, en"`) {
			t.Error("edit form not filled from the entry")
		}
		form.Set("phone", "+354 545 9001")
		expectRedirect(t, srv.Post(t, fp, page+"/1", form), page+"#authority-1")
		if b = srv.GetStatus(t, fp, page, http.StatusOK); !strings.Contains(b, `data-flash="flash.authorities_updated"`) || !strings.Contains(b, "354 545 9001") {
			t.Error("update not shown")
		}
		expectRedirect(t, srv.Post(t, fp, page+"/1/confirm", nil), page+"#authority-1")
		if b = srv.GetStatus(t, fp, page, http.StatusOK); !strings.Contains(b, `data-flash="flash.authorities_confirmed"`) {
			t.Error("confirm flash missing")
		}
		expectRedirect(t, srv.Post(t, fp, page+"/1/delete", nil), page)
		if b = srv.GetStatus(t, fp, page, http.StatusOK); !strings.Contains(b, `data-flash="flash.authorities_deleted"`) || strings.Contains(b, "Skuggasund") {
			t.Error("delete not done")
		}
	})
}

// TestProfileSection: officials with a second factor see the counts on the
// country profile; anonymous visitors see no trace of the directory.
func TestProfileSection(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	an := signedIn(t, srv, "analyst@example.org", auth.RoleAnalyst, false)
	if b := srv.GetStatus(t, an, "/countries/ISL", http.StatusOK); !strings.Contains(b, `id="authorities"`) ||
		!strings.Contains(b, `href="/countries/ISL/authorities"`) {
		t.Error("the analyst's profile lacks the authorities section")
	}
	for _, c := range []*http.Client{apptest.Client(), signedIn(t, srv, "fp@example.org", auth.RoleFocalPoint, false)} {
		if b := srv.GetStatus(t, c, "/countries/ISL", http.StatusOK); strings.Contains(b, `id="authorities"`) {
			t.Error("the profile shows the authorities section without a second factor")
		}
	}
}

// TestAPIWithToken: a focal point's token (a second factor) creates,
// reads, changes, confirms and deletes; an analyst's token only reads.
func TestAPIWithToken(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		token := func(role auth.Role) string {
			u := srv.CreateUser(t, string(role)+"@example.org", role)
			raw, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), u.Email, "script")
			if err != nil {
				t.Fatal(err)
			}
			return raw
		}
		fp, an := token(auth.RoleFocalPoint), token(auth.RoleAnalyst)
		call := func(method, path, tok, body string, want int, out any) http.Header {
			t.Helper()
			req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b := apptest.ReadBody(t, res)
			if res.StatusCode != want {
				t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, b)
			}
			if out != nil {
				if err := json.Unmarshal([]byte(b), out); err != nil {
					t.Fatalf("%s %s: %v", method, path, err)
				}
			}
			return res.Header
		}
		entry := `{"function":"extradition","name":"Ministry of Justice","email":"ext@example.is","languages":["en"],"channels":["diplomatic"]}`
		var bad struct{ Errors []struct{ Field string } }
		call("POST", "/api/v1/countries/ISL/authorities", fp, `{"function":"extradition","name":"","email":"x"}`, 422, &bad)
		if len(bad.Errors) != 2 || bad.Errors[0].Field != "name" || bad.Errors[1].Field != "email" {
			t.Errorf("validation errors: %+v", bad)
		}
		call("POST", "/api/v1/countries/ISL/authorities", an, entry, 403, nil)
		var a struct {
			ID            int64   `json:"id"`
			LastConfirmed *string `json:"last_confirmed"`
			Stale         bool    `json:"stale"`
			Phone         string  `json:"phone"`
		}
		h := call("POST", "/api/v1/countries/ISL/authorities", fp, entry, 201, &a)
		loc := h.Get("Location")
		if a.ID == 0 || a.LastConfirmed == nil || a.Stale || loc != "/api/v1/authorities/"+strconv.FormatInt(a.ID, 10) {
			t.Fatalf("created %+v at %q", a, loc)
		}
		var list struct {
			Count, Stale int
			Authorities  []map[string]any
		}
		call("GET", "/api/v1/countries/ISL/authorities", an, "", 200, &list)
		if list.Count != 1 || list.Authorities[0]["email"] != "ext@example.is" || list.Authorities[0]["stale"] != false {
			t.Errorf("list: %+v", list)
		}
		call("PUT", loc, fp, strings.Replace(entry, `"name"`, `"phone":"+354 545 9000","name"`, 1), 200, &a)
		call("GET", loc, an, "", 200, &a)
		if a.Phone != "+354 545 9000" {
			t.Errorf("after PUT: %+v", a)
		}
		call("POST", loc+"/confirm", fp, "", 200, &a)
		call("DELETE", loc, an, "", 403, nil)
		call("DELETE", loc, fp, "", 204, nil)
		call("GET", loc, an, "", 404, nil)
	})
}
