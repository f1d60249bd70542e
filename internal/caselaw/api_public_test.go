package caselaw_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestPublicAPIShowsWhatThePageShows: the case page shows victims'
// initials only to those who may edit the case; the JSON answer for
// everyone else leaves them out too, while the editor still gets them.
func TestPublicAPIShowsWhatThePageShows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		srv := apptest.Start(t, e)
		ed := srv.CreateUser(t, "editor@example.org", auth.RoleEditor)
		token, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), ed.Email, "t")
		if err != nil {
			t.Fatal(err)
		}
		fixed := strings.Replace(frenchCase, " Joindre le 06 12 34 56 78.", "", 1)
		if code, body := call(t, srv, "PUT", "/api/v1/caselaw/FRA-2020-007", token, fixed); code != 200 {
			t.Fatalf("save: %d %s", code, body)
		}
		if code, body := call(t, srv, "POST", "/api/v1/caselaw/FRA-2020-007/publish", token, `{"rev":1}`); code != 200 {
			t.Fatalf("publish: %d %s", code, body)
		}
		initials := func(tok string) []string {
			t.Helper()
			code, body := call(t, srv, "GET", "/api/v1/caselaw/FRA-2020-007", tok, "")
			var c caselaw.CaseJSON
			if code != 200 || json.Unmarshal([]byte(body), &c) != nil || len(c.Victims) != 1 {
				t.Fatalf("case: %d %s", code, body)
			}
			var out []string
			for _, v := range c.Victims {
				if v.Name != "" {
					out = append(out, v.Name)
				}
			}
			return out
		}
		if got := initials(""); len(got) != 0 {
			t.Errorf("the public answer names victims: %v", got)
		}
		if got := initials(token); len(got) != 1 || got[0] != "B.E." {
			t.Errorf("the editor's answer: %v", got)
		}
	})
}
