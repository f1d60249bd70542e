package treaty_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

const untcHeader = `Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"` + "\n"

// upload posts csv as the UNTC status table of instrument.
func upload(t *testing.T, srv *apptest.Server, c *http.Client, instrument, csv string) *http.Response {
	t.Helper()
	return srv.PostFile(t, c, "/treaties/import", url.Values{"instrument": {instrument}}, "untc.csv", []byte(csv))
}

func TestEditorUploadsTable(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		editor := srv.CreateUser(t, "editor@example.org", auth.RoleEditor)
		c := srv.SignIn(t, editor)
		if body := apptest.ReadBody(t, srv.Get(t, c, "/treaties")); !strings.Contains(body, `action="/treaties/import"`) {
			t.Fatal("editor sees no import form")
		}
		if body := apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/treaties")); strings.Contains(body, `action="/treaties/import"`) {
			t.Fatal("anonymous visitor sees the import form")
		}
		res := upload(t, srv, c, "som-protocol", untcHeader+"Iceland,13 Dec 2000,\nNarnia,1 Jan 2001,\nKenya,,16 Jun 2004 x\n")
		body := apptest.ReadBody(t, res)
		for _, want := range []string{`Line 3: unknown participant &#34;Narnia&#34;`, `Line 4: unknown kind &#34;x&#34;`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad upload page lacks %s", want)
			}
		}
		if res.StatusCode != 422 || strings.Contains(body, "Line 2:") {
			t.Fatalf("bad upload: %d", res.StatusCode)
		}
		var n int
		srv.App.DB.SQL().QueryRow(`SELECT COUNT(*) FROM treaty_actions`).Scan(&n)
		if n != 0 {
			t.Fatalf("a bad file wrote %d actions", n)
		}
		res = upload(t, srv, c, "som-protocol", untcHeader+"Iceland,13 Dec 2000,\nKenya,,16 Jun 2004 a\n")
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/treaties/som-protocol" {
			t.Fatalf("good upload: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		body = apptest.ReadBody(t, srv.Get(t, c, "/treaties/som-protocol"))
		if !strings.Contains(body, `data-flash="flash.treaty_imported"`) || !strings.Contains(body, `data-participant="KEN" data-status="party"`) {
			t.Error("imported table not shown")
		}
		var actor string
		srv.App.DB.SQL().QueryRow(`SELECT actor FROM audit_log WHERE entity_id = 'som-protocol/KEN'`).Scan(&actor)
		if actor != "editor@example.org" {
			t.Errorf("audit actor %q", actor)
		}
		if res := upload(t, srv, c, "narnia", untcHeader+"Iceland,13 Dec 2000,\n"); res.StatusCode != 422 {
			t.Errorf("unknown instrument: %d", res.StatusCode)
		}
		analyst := srv.CreateUser(t, "analyst@example.org", auth.RoleAnalyst)
		c2 := srv.SignIn(t, analyst)
		if res := upload(t, srv, c2, "untoc", untcHeader+"Iceland,13 Dec 2000,\n"); res.StatusCode != 403 {
			t.Errorf("analyst upload: %d", res.StatusCode)
		}
	})
}
