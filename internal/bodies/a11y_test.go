package bodies_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

var (
	idAttr    = regexp.MustCompile(`\sid="([^"]+)"`)
	control   = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	labelFor  = regexp.MustCompile(`<label for="([^"]+)"`)
	heading   = regexp.MustCompile(`<h([1-6])[\s>]`)
	tableOpen = regexp.MustCompile(`<table\b`)
)

// TestEditorPageStructure: the body page an editor sees, with every kind of
// form on it, has unique ids, a label for every visible control, a caption
// for every table, and headings that never skip a level — what axe-core
// checks in the browser tests, caught here first.
func TestEditorPageStructure(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	c := srv.SignIn(t, srv.CreateUser(t, "editor@example.org", auth.RoleEditor))
	res := srv.Post(t, c, "/bodies/icat/meetings", url.Values{"title": {"Principals"}, "date": {"2024-03-05"}, "agenda": {"1. Opening"}})
	res.Body.Close()
	b := apiBody(t, srv, "icat")
	org := b["members"].([]any)[0].(map[string]any)["organisation"].(map[string]any)["id"].(float64)
	res = srv.Post(t, c, "/bodies/icat/chairs", url.Values{"org_id": {strconv.Itoa(int(org))}, "from": {"2024-01-01"}})
	res.Body.Close()
	mid := strconv.Itoa(int(b["meetings"].([]any)[0].(map[string]any)["id"].(float64)))
	res = srv.PostFile(t, c, "/bodies/icat/meetings/"+mid+"/documents", nil, "agenda.txt", []byte("Agenda"))
	res.Body.Close()
	res = srv.Post(t, c, "/bodies/icat/members", url.Values{"form": {"member"}, "acronym": {"NEW"}})
	body := apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("failed form: %d", res.StatusCode)
	}
	for _, want := range []string{"<details open>", `action="/bodies/icat/chairs/`, `action="/bodies/icat/documents/`,
		`action="/bodies/icat/groups/`} {
		if !strings.Contains(body, want) {
			t.Errorf("editor page lacks %q", want)
		}
	}
	seen := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(body, -1) {
		if seen[m[1]] {
			t.Errorf("id %q appears twice", m[1])
		}
		seen[m[1]] = true
	}
	labelled := map[string]bool{}
	for _, m := range labelFor.FindAllStringSubmatch(body, -1) {
		labelled[m[1]] = true
	}
	for _, tag := range control.FindAllString(body, -1) {
		if strings.Contains(tag, `type="hidden"`) || strings.Contains(tag, `type="checkbox"`) {
			continue
		}
		id := idAttr.FindStringSubmatch(tag)
		if id == nil || !labelled[id[1]] {
			t.Errorf("control without a label: %s", tag)
		}
	}
	if tables, captions := len(tableOpen.FindAllString(body, -1)), strings.Count(body, "<caption"); tables == 0 || tables != captions {
		t.Errorf("%d tables, %d captions", tables, captions)
	}
	last := 0
	for _, m := range heading.FindAllStringSubmatch(body, -1) {
		level := int(m[1][0] - '0')
		if level > last+1 {
			t.Errorf("heading h%d follows h%d", level, last)
		}
		last = level
	}
}
