package app_test

import (
	"net/http"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
)

// lists fetches, as each owner, every GET route the owner may use that
// names no owner's object — the lists, searches and dashboards, and the
// pages of shared objects (a round, a country's profile) filled with each
// of samples' values — in which another owner's private objects would
// show if a page forgot its scope, and fails when one does.
func (m *scopeRun) lists(owners []*owner, samples map[string][]string) {
	t := m.t
	walked := 0
	for _, rt := range m.srv.App.Router.Routes() {
		pol, ok := rt.Guard.(auth.Policy)
		if !ok || rt.Method != http.MethodGet || strings.HasSuffix(rt.Path, "/") || slices.Contains([]string{"/logout", "/login/sso"}, rt.Path) {
			continue
		}
		paths, ok := samplePaths(rt.Path, samples)
		if !ok {
			continue
		}
		for _, reader := range owners {
			if !admits(pol, reader.role) {
				continue
			}
			for _, p := range paths {
				walked++
				m.readAs(reader, owners, p)
			}
		}
	}
	if walked < 40 {
		t.Errorf("only %d lists read", walked)
	}
}

// samplePaths fills path's wildcards with every combination of samples'
// values when each wildcard's rule is shared and has a sample; ok is false
// for a path with another wildcard.
func samplePaths(path string, samples map[string][]string) ([]string, bool) {
	paths := []string{path}
	for _, n := range wildcardNames(path) {
		ru, ok := ruleFor(path, n)
		if !ok || ru.sample == "" || len(samples[ru.sample]) == 0 {
			return nil, false
		}
		var next []string
		for _, p := range paths {
			for _, v := range samples[ru.sample] {
				next = append(next, strings.Replace(p, "{"+n+"}", v, 1))
			}
		}
		paths = next
	}
	return paths, true
}

// readAs reads path as reader and fails on any other owner's private object in it.
func (m *scopeRun) readAs(reader *owner, owners []*owner, path string) {
	t := m.t
	code, body := send(t, m.srv, reader.client, http.MethodGet, path, "", nil)
	if code >= 500 {
		t.Errorf("GET %s as the %s: %d", path, reader.name, code)
	}
	for _, other := range owners {
		if other == reader {
			continue
		}
		for _, re := range other.private {
			if loc := re.FindStringIndex(body); loc != nil {
				t.Errorf("GET %s as the %s shows the %s's %q", path, reader.name, other.name, body[loc[0]:loc[1]])
			}
		}
	}
}
