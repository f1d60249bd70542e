package bodies_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// send makes a same-origin API request with a JSON body.
func send(t *testing.T, srv *apptest.Server, c *http.Client, method, path, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res, out
}

// TestAPIMembers: the JSON API lists and compares bodies for anyone and
// lets an editor seat and unseat a member, with the forms' validation.
func TestAPIMembers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		anon := apptest.Client()
		res, out := send(t, srv, anon, http.MethodGet, "/api/v1/bodies", "")
		if res.StatusCode != http.StatusOK || len(out["bodies"].([]any)) != 5 {
			t.Fatalf("GET /api/v1/bodies: %d %v", res.StatusCode, out)
		}
		res, out = send(t, srv, anon, http.MethodGet, "/api/v1/bodies/compare?body=icat&body=un-gift", "")
		if res.StatusCode != http.StatusOK || len(out["bodies"].([]any)) != 2 {
			t.Fatalf("GET /api/v1/bodies/compare: %d %v", res.StatusCode, out)
		}
		if res, _ := send(t, srv, anon, http.MethodPost, "/api/v1/bodies/un-gift/members", `{"acronym":"UNHCR"}`); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("anonymous API post: %d", res.StatusCode)
		}

		c := srv.SignIn(t, srv.CreateUser(t, "editor@example.org", auth.RoleEditor))
		res, out = send(t, srv, c, http.MethodPost, "/api/v1/bodies/un-gift/members", `{"acronym":"UNHCR","role":"member"}`)
		if res.StatusCode != http.StatusCreated || out["organisation"].(map[string]any)["acronym"] != "UNHCR" {
			t.Fatalf("API add member: %d %v", res.StatusCode, out)
		}
		id := strconv.FormatInt(int64(out["id"].(float64)), 10)
		res, out = send(t, srv, c, http.MethodPost, "/api/v1/bodies/un-gift/members", `{"acronym":"UNHCR"}`)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Header.Get("Content-Type"), "problem+json") {
			t.Fatalf("duplicate member: %d", res.StatusCode)
		}
		if errs, _ := out["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "acronym" {
			t.Fatalf("duplicate member problem = %v", out)
		}
		if res, _ := send(t, srv, c, http.MethodDelete, "/api/v1/bodies/un-gift/members/"+id, ""); res.StatusCode != http.StatusNoContent {
			t.Fatalf("API remove member: %d", res.StatusCode)
		}
		if n := apiBody(t, srv, "un-gift")["member_count"]; n != float64(6) {
			t.Fatalf("UN.GIFT member_count after add and remove = %v", n)
		}
	})
}
