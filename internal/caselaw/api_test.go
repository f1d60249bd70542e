package caselaw_test

import (
	"encoding/json"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/caselaw"
)

// TestPublicAPIShowsWhatThePageShows: the case page shows victims'
// initials only to those who may edit the case; the JSON answer for
// everyone else leaves them out too, while the editor still gets them.
func TestPublicAPIShowsWhatThePageShows(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		_, token := editorToken(t, srv)
		publishFrenchCase(t, srv, token)
		initials := func(tok string) []string {
			t.Helper()
			code, body := srv.APIText(t, "GET", "/api/v1/caselaw/FRA-2020-007", tok, "")
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
