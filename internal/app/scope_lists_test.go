package app_test

import (
	"net/http"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
)

// lists fetches, as each owner, every GET route without a wildcard that
// the owner may use — the lists, searches, dashboards and their API
// answers — in which another owner's private objects would show if a list
// forgot its scope, and fails when one does.
func (m *scopeRun) lists(owners []*owner) {
	t := m.t
	walked := 0
	for _, rt := range m.srv.App.Router.Routes() {
		pol, ok := rt.Guard.(auth.Policy)
		if !ok || rt.Method != http.MethodGet || len(wildcardNames(rt.Path)) > 0 || strings.HasSuffix(rt.Path, "/") ||
			slices.Contains([]string{"/logout", "/login/sso"}, rt.Path) {
			continue
		}
		for _, reader := range owners {
			if !admits(pol, reader.role) {
				continue
			}
			walked++
			code, body := send(t, m.srv, reader.client, http.MethodGet, rt.Path, "", nil)
			if code >= 500 {
				t.Errorf("GET %s as the %s: %d", rt.Path, reader.name, code)
			}
			for _, other := range owners {
				if other == reader {
					continue
				}
				for _, re := range other.private {
					if loc := re.FindStringIndex(body); loc != nil {
						t.Errorf("GET %s as the %s shows the %s's %q", rt.Path, reader.name, other.name, body[loc[0]:loc[1]])
					}
				}
			}
		}
	}
	if walked < 40 {
		t.Errorf("only %d lists read", walked)
	}
}
