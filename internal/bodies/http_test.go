package bodies_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// cell returns the text of the comparison cell of organisation org (by
// acronym) and body slug, tags stripped, or "" when there is none.
func cell(page, org, slug string) string {
	row := regexp.MustCompile(`(?s)<th scope="row">` + regexp.QuoteMeta(org) + ` <span[^>]*>[^<]*</span></th>(.*?)</tr>`).FindStringSubmatch(page)
	if row == nil {
		return ""
	}
	td := regexp.MustCompile(`<td data-body="` + regexp.QuoteMeta(slug) + `">(.*?)</td>`).FindStringSubmatch(row[1])
	if td == nil {
		return ""
	}
	return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(td[1], "")
}

// page fetches path and returns its status and body.
func page(t *testing.T, srv *apptest.Server, c *http.Client, path string) (int, string) {
	t.Helper()
	res := srv.Get(t, c, path)
	return res.StatusCode, apptest.ReadBody(t, res)
}

// apiBody fetches the JSON of one body.
func apiBody(t *testing.T, srv *apptest.Server, slug string) map[string]any {
	t.Helper()
	res := srv.Get(t, apptest.Client(), "/api/v1/bodies/"+slug)
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/bodies/%s: %d %v", slug, res.StatusCode, err)
	}
	return out
}

// TestPublicPages: anyone sees the list, a body's members and working
// group, the translated name, and the comparison with a yes or no in words.
func TestPublicPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		c := apptest.Client()
		status, body := page(t, srv, c, "/bodies")
		if status != http.StatusOK || !strings.Contains(body, `href="/bodies/icat"`) || !strings.Contains(body, `data-members="16"`) {
			t.Fatalf("GET /bodies: %d", status)
		}
		status, body = page(t, srv, c, "/bodies/icat")
		for _, want := range []string{`<th scope="row">UNHCR</th>`, "Office of the United Nations High Commissioner for Refugees",
			"ICAT Working Group", "6 members of ICAT Working Group", "Coordinator", "resolution 61/180"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET /bodies/icat: %q missing", want)
			}
		}
		if status != http.StatusOK || strings.Contains(body, `action="/bodies/icat/members"`) {
			t.Fatalf("GET /bodies/icat: %d (or shows editors' forms to the public)", status)
		}
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/bodies/icat", nil)
		req.Header.Set("Accept-Language", "fr")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if fr := apptest.ReadBody(t, res); !strings.Contains(fr, "Groupe interinstitutions de coordination contre la traite des personnes") {
			t.Error("the French page does not name ICAT in French")
		}

		status, body = page(t, srv, c, "/bodies/compare?body=icat&body=un-gift")
		if status != http.StatusOK {
			t.Fatalf("GET /bodies/compare: %d", status)
		}
		for _, tc := range []struct{ org, slug, want string }{
			{"UNHCR", "icat", "Yes"}, {"UNHCR", "un-gift", "No"}, {"OSCE", "icat", "No"}, {"OSCE", "un-gift", "Yes"},
			{"UNODC", "icat", "Yes (Coordinator)"}, {"UNODC", "un-gift", "Yes (Hosts the secretariat)"},
		} {
			if got := cell(body, tc.org, tc.slug); got != tc.want {
				t.Errorf("compare %s in %s = %q, want %q", tc.org, tc.slug, got, tc.want)
			}
		}
		if status, _ := page(t, srv, c, "/bodies/compare?body=nope"); status != http.StatusBadRequest {
			t.Errorf("compare an unknown body: %d, want 400", status)
		}
		if status, _ := page(t, srv, c, "/bodies/no-such-thing"); status != http.StatusNotFound {
			t.Errorf("unknown body: %d, want 404", status)
		}
		if b := apiBody(t, srv, "gmg"); b["member_count"] != float64(16) {
			t.Errorf("API GMG member_count = %v", b["member_count"])
		}
	})
}

// TestEditorForms: an editor adds a member through the form and sees the
// flash; an invalid form comes back with 422 and the message beside the
// field; anonymous and non-editor posts are refused and change nothing.
func TestEditorForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		anon := apptest.Client()
		res := srv.Post(t, anon, "/bodies/un-gift/members", url.Values{"form": {"member"}, "acronym": {"UNHCR"}})
		if res.Body.Close(); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("anonymous post: %d, want 401", res.StatusCode)
		}
		fp := srv.CreateUser(t, "fp@example.org", auth.RoleFocalPoint)
		other := srv.SignIn(t, fp)
		res = srv.Post(t, other, "/bodies/un-gift/members", url.Values{"form": {"member"}, "acronym": {"UNHCR"}})
		if res.Body.Close(); res.StatusCode != http.StatusForbidden {
			t.Fatalf("focal point post: %d, want 403", res.StatusCode)
		}
		if _, body := page(t, srv, anon, "/bodies/compare"); cell(body, "UNHCR", "un-gift") != "No" {
			t.Fatal("a refused post seated UNHCR in UN.GIFT")
		}

		ed := srv.CreateUser(t, "editor@example.org", auth.RoleEditor)
		c := srv.SignIn(t, ed)
		res = srv.Post(t, c, "/bodies/un-gift/members", url.Values{"form": {"member"}, "acronym": {"UNHCR"}, "role": {"member"}})
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/bodies/un-gift#members" {
			t.Fatalf("add member: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		_, body := page(t, srv, c, "/bodies/un-gift")
		if !strings.Contains(body, `data-flash="flash.bodies_member_added"`) || !strings.Contains(body, `<th scope="row">UNHCR</th>`) {
			t.Fatal("after adding: no flash or no UNHCR row")
		}
		if _, body := page(t, srv, anon, "/bodies/compare"); cell(body, "UNHCR", "un-gift") != "Yes" {
			t.Fatal("the comparison does not show the new seat")
		}

		res = srv.Post(t, c, "/bodies/un-gift/members", url.Values{"form": {"member"}, "acronym": {"UNEP"}})
		body = apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("invalid member form: %d, want 422", res.StatusCode)
		}
		for _, want := range []string{`<p class="error" id="f-member-name-error" data-error="err.bodies_org_name_required">`,
			`id="f-member-acronym" name="acronym" type="text" value="UNEP"`, `aria-invalid="true"`} {
			if !strings.Contains(body, want) {
				t.Errorf("re-rendered form lacks %q", want)
			}
		}
		if strings.Contains(body, `id="f-chair-from-error"`) {
			t.Error("the member form's error shows in the chair form too")
		}

		b := apiBody(t, srv, "un-gift")
		org := b["members"].([]any)[0].(map[string]any)["organisation"].(map[string]any)["id"].(float64)
		form := url.Values{"form": {"chair"}, "org_id": {strconv.FormatInt(int64(org), 10)}, "from": {"2024-01-01"}}
		res = srv.Post(t, c, "/bodies/un-gift/chairs", form)
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add chair: %d", res.StatusCode)
		}
		form.Set("from", "2025-01-01")
		res = srv.Post(t, c, "/bodies/un-gift/chairs", form)
		if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-chair-from-error"`) {
			t.Fatalf("overlapping chair: %d", res.StatusCode)
		}
	})
}
