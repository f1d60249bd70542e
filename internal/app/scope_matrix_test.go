package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/web"
)

// scopedRoles are the roles whose objects belong to a country or an
// organisation: the matrix tries every route open to them.
var scopedRoles = []auth.Role{auth.RoleFocalPoint, auth.RoleNGO}

// admits reports whether pol lets a signed-in holder of role in.
func admits(pol auth.Policy, role auth.Role) bool {
	return pol.IsPublic() || len(pol.AllowedRoles()) == 0 || slices.Contains(pol.AllowedRoles(), role)
}

// wildcardNames lists the wildcards of a route's path, in order.
func wildcardNames(path string) []string {
	var out []string
	for _, m := range wildcard.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// scopedRoute is a route of the matrix with the rule of each wildcard.
type scopedRoute struct {
	web.Route
	names []string
	rules []scopeRule
}

// policy is the route's guard.
func (r scopedRoute) policy() auth.Policy { return r.Guard.(auth.Policy) }

// kinds lists the object kinds the route's path needs.
func (r scopedRoute) kinds() []string {
	var out []string
	for _, ru := range r.rules {
		if ru.object != "" {
			out = append(out, ru.object)
		}
	}
	return out
}

// readable reports whether another owner may read through the route.
func (r scopedRoute) readable() bool {
	return r.Method == http.MethodGet && slices.ContainsFunc(r.rules, func(ru scopeRule) bool { return ru.readable })
}

// paths lists the route's paths for attacker trying victim's objects: each
// object wildcard takes any of victim's objects of its kind or, when it
// has one, attacker's own, in every combination naming at least one of
// victim's (another country's case with one's own country, one's own case
// with another's file…). all is the combination naming only victim's.
func (r scopedRoute) paths(attacker, victim *owner) (tries []string, all []string) {
	type part struct {
		value  string
		theirs bool
	}
	combos := [][]part{nil}
	for _, ru := range r.rules {
		var opts []part
		switch {
		case ru.object == "":
			opts = []part{{ru.value, false}}
		default:
			for _, v := range victim.objects[ru.object] {
				opts = append(opts, part{v, true})
			}
			if attacker != nil {
				for _, v := range attacker.objects[ru.object] {
					opts = append(opts, part{v, false})
				}
			}
		}
		var next [][]part
		for _, c := range combos {
			for _, o := range opts {
				next = append(next, append(slices.Clone(c), o))
			}
		}
		combos = next
	}
	for _, c := range combos {
		i, theirs, mine := 0, 0, 0
		p := wildcard.ReplaceAllStringFunc(r.Path, func(string) string {
			v := c[i]
			if r.rules[i].object != "" {
				if v.theirs {
					theirs++
				} else {
					mine++
				}
			}
			i++
			return v.value
		})
		if theirs > 0 {
			tries = append(tries, p)
		}
		if mine == 0 {
			all = append(all, p)
		}
	}
	return tries, all
}

// scopedRoutes returns the routes with a wildcard that a focal point or an
// NGO may use, each wildcard with its rule; it fails the test on a
// wildcard without one, and leaves out routes on shared objects.
func scopedRoutes(t *testing.T, srv *apptest.Server) []scopedRoute {
	t.Helper()
	var out []scopedRoute
	for _, rt := range srv.App.Router.Routes() {
		pol, ok := rt.Guard.(auth.Policy)
		names := wildcardNames(rt.Path)
		if !ok || len(names) == 0 || !slices.ContainsFunc(scopedRoles, func(r auth.Role) bool { return admits(pol, r) }) {
			continue
		}
		sr := scopedRoute{Route: rt, names: names}
		shared := false
		for _, n := range names {
			ru, ok := ruleFor(rt.Path, n)
			if !ok {
				t.Errorf("%s: nothing says what {%s} names: add a rule to scopeRules (and the object to makeOwners)", rt.Pattern, n)
				shared = true
				break
			}
			shared = shared || ru.shared != ""
			sr.rules = append(sr.rules, ru)
		}
		if !shared {
			out = append(out, sr)
		}
	}
	return out
}

// TestObjectScopeMatrix: two focal points of two countries and two NGO
// users of two organisations each hold real objects (see makeOwners).
// Every route with an id in its path that a focal point or an NGO may use
// is tried by each of them on each other's objects — alone, and mixed with
// their own (their country with another's entry) — with a body that gets
// past validation. Each try must be refused with 403 or 404, unless the
// object is one every official reads, and must change no row of the
// database. The owner's own GET of the same path must succeed, so the ids
// are real ones. Then every list each owner may read must show none of
// the others' private objects.
func TestObjectScopeMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		srv := apptest.Start(t, e)
		m := &scopeRun{t: t, srv: srv}
		owners, samples := makeOwners(t, srv)
		routes := scopedRoutes(t, srv)
		if len(routes) < 25 {
			t.Fatalf("only %d scoped routes", len(routes))
		}
		total := 0
		for _, rt := range routes {
			tried, controlled := 0, false
			for _, victim := range owners {
				if !victim.has(rt.kinds()) {
					continue
				}
				controlled = m.control(rt, victim) || controlled
				m.before = stateOf(t, srv.App.DB)
				for _, attacker := range owners {
					if attacker != victim && admits(rt.policy(), attacker.role) {
						tried += m.attack(rt, attacker, victim)
					}
				}
			}
			if tried == 0 {
				t.Errorf("%s: no owner holds a %s for the others to try: add one to makeOwners", rt.Pattern, strings.Join(rt.kinds(), " and "))
			}
			if !controlled {
				t.Errorf("%s: the owner itself cannot GET it: the matrix's ids are not real ones", rt.Pattern)
			}
			total += tried
		}
		t.Logf("%d routes, %d tries", len(routes), total)
		m.lists(owners, samples)
	})
}

// scopeRun is one engine's run of the matrix: the server and the database
// as it was before the try being judged.
type scopeRun struct {
	t      *testing.T
	srv    *apptest.Server
	before dbState
}

// control reports whether the owner reaches its own objects through rt —
// only GET routes are tried (the rooms test their owners' changes), and a
// route with a fixed value (a version) needs one of the owner's objects
// to have it.
func (m *scopeRun) control(rt scopedRoute, victim *owner) bool {
	if rt.Method != http.MethodGet || !admits(rt.policy(), victim.role) {
		return true
	}
	_, all := rt.paths(nil, victim)
	for _, p := range all {
		if code, _ := send(m.t, m.srv, victim.client, http.MethodGet, p, "", nil); code < 400 {
			return true
		}
	}
	return false
}

// attack tries rt as attacker on victim's objects and returns the number
// of tries.
func (m *scopeRun) attack(rt scopedRoute, attacker, victim *owner) int {
	t := m.t
	tries, _ := rt.paths(attacker, victim)
	for _, p := range tries {
		ctype, body := scopeBody(t, rt.Pattern, victim)
		code, text := send(t, m.srv, attacker.client, rt.Method, p, ctype, body)
		who := fmt.Sprintf("%s %s by the %s on the %s's objects", rt.Method, p, attacker.name, victim.name)
		switch {
		case code >= 500:
			t.Errorf("%s: %d", who, code)
		case rt.readable():
		case code != http.StatusForbidden && code != http.StatusNotFound:
			t.Errorf("%s: %d, want 403 or 404: %.200s", who, code, text)
		}
		after := stateOf(t, m.srv.App.DB)
		if ch := m.before.changed(after); len(ch) > 0 {
			t.Errorf("%s (%d) changed %s", who, code, strings.Join(ch, ", "))
		}
		m.before = after
	}
	return len(tries)
}
