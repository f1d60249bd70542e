package report_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// manifest is GET /api/v1/reports/{edition}.
type manifest struct {
	Status   string        `json:"status"`
	SHA256   string        `json:"sha256"`
	Manifest []report.File `json:"manifest"`
}

func getManifest(t *testing.T, srv *apptest.Server, c *http.Client, name string) (int, manifest) {
	t.Helper()
	res := srv.Get(t, c, "/api/v1/reports/"+name)
	var m manifest
	body := apptest.ReadBody(t, res)
	if res.StatusCode == 200 {
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
	}
	return res.StatusCode, m
}

// TestPublishedEditionIsFrozen: an analyst builds a draft in the app,
// which only analysts see; publishes it (audited); then the data change,
// and every file of the edition is still served byte for byte as
// published, with its SHA-256 — while a new build would differ. On both
// engines.
func TestPublishedEditionIsFrozen(t *testing.T) {
	eachWithSample(t, func(t *testing.T, srv *apptest.Server, _ *report.Service) {
		u := srv.CreateUser(t, "analyst@frozen.example.org", auth.RoleAnalyst)
		c := srv.SignIn(t, u)
		anon := apptest.Client()

		res := srv.Post(t, c, "/reports", url.Values{"edition": {"2024"}, "years": {"2010-2021"}, "grouping": {"m49-regions"}, "langs": {"en", "fr"}})
		if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("build: %d %s", res.StatusCode, body)
		}
		if code, m := getManifest(t, srv, c, "2024"); code != 200 || m.Status != report.StatusDraft {
			t.Fatalf("the analyst's view of the draft: %d %+v", code, m.Status)
		}
		if code, _ := getManifest(t, srv, anon, "2024"); code != http.StatusNotFound {
			t.Fatalf("a draft is visible to the public: %d", code)
		}
		if res := srv.Get(t, anon, "/reports/2024/index.html"); res.StatusCode != http.StatusNotFound {
			t.Fatalf("the public reads a draft's page: %d", res.StatusCode)
		}
		if res := srv.Post(t, c, "/reports/2024/publish", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", res.StatusCode, apptest.ReadBody(t, res))
		}
		_, published := getManifest(t, srv, anon, "2024")
		if published.Status != report.StatusPublished || len(published.Manifest) < 50 {
			t.Fatalf("published edition: %s, %d files", published.Status, len(published.Manifest))
		}
		before := fetchAll(t, srv, anon, published)

		importFile(t, srv.App.Rooms.Stats, "revision.csv", []byte("UNODC,x\n01/01/2026\n"+strings.Join(stats.Columns, ",")+"\n"+
			"THA,Thailand,Asia,South-eastern Asia,Detected trafficking victims,Total,Total,Total,Total,2021,Counts,9999,revision\n"))
		svc := srv.App.Rooms.Report
		rebuilt, err := svc.Build(t.Context(), report.Spec{Edition: "2024", Years: stats.Span{From: 2010, To: 2021}, Langs: []string{"en", "fr"}})
		if err != nil {
			t.Fatal(err)
		}
		if string(rebuilt.Files["index.html"]) == string(before["index.html"]) {
			t.Fatal("the revision does not change a new build: the test proves nothing")
		}
		_, after := getManifest(t, srv, anon, "2024")
		if after.SHA256 != published.SHA256 {
			t.Errorf("the edition's digest changed: %s → %s", published.SHA256, after.SHA256)
		}
		for path, body := range fetchAll(t, srv, anon, after) {
			if body != before[path] {
				t.Errorf("%s changed after the data did", path)
			}
		}
		if res := srv.Post(t, c, "/reports", url.Values{"edition": {"2024"}, "years": {"2010-2021"}, "langs": {"en"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("rebuilding a published edition: %d, want 409", res.StatusCode)
		}
		checkAudit(t, srv, "report_edition.build", "report_edition.publish")
	})
}

// fetchAll reads every file of an edition from /reports/{edition}/,
// checking each against the SHA-256 the manifest and the headers give.
func fetchAll(t *testing.T, srv *apptest.Server, c *http.Client, m manifest) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range m.Manifest {
		res := srv.Get(t, c, "/reports/2024/"+f.Path)
		body := apptest.ReadBody(t, res)
		sum := sha256.Sum256([]byte(body))
		if res.StatusCode != 200 || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Fatalf("%s: %d, sha256 %x, manifest %s", f.Path, res.StatusCode, sum, f.SHA256)
		}
		if got, want := res.Header.Get("Repr-Digest"), "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":"; got != want {
			t.Fatalf("%s: Repr-Digest %q, want %q", f.Path, got, want)
		}
		out[f.Path] = body
	}
	return out
}

// checkAudit finds each action in the audit log.
func checkAudit(t *testing.T, srv *apptest.Server, actions ...string) {
	t.Helper()
	for _, a := range actions {
		var n int
		if err := srv.App.DB.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = $1`, a).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("no audit entry %s", a)
		}
	}
}
