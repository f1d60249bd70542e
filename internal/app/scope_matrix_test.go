package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
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

// readableKinds are the kinds of object every official may read, so a
// GET of another owner's is not refused: the directory's entries and
// countries (international cooperation needs them) and a published case
// (its draft revision and the draft's files stay private).
var readableKinds = []string{"country", "authority", "published case"}

// scopedRoute is a route of the matrix with the rule of each wildcard.
type scopedRoute struct {
	web.Route
	rules []scopeRule
}

// policy is the route's guard.
func (r scopedRoute) policy() auth.Policy { return r.Guard.(auth.Policy) }

// kinds names the objects the route's path takes, for messages.
func (r scopedRoute) kinds() string {
	var out []string
	for _, ru := range r.rules {
		if len(ru.objects) > 0 {
			out = append(out, strings.Join(ru.objects, " or "))
		}
	}
	return strings.Join(out, " and ")
}

// scopeTry is one request of the matrix: a path naming at least one of the
// victim's objects, and whether all of those may be read by others.
type scopeTry struct {
	path     string
	readable bool
}

// part is the value of one wildcard in a try.
type part struct {
	value, kind string
	theirs      bool // the victim's object
}

// options lists the values a wildcard takes: any of victim's objects of
// its kinds and, when attacker is set, any of attacker's own.
func (ru scopeRule) options(attacker, victim *owner) []part {
	if len(ru.objects) == 0 {
		return []part{{value: ru.value}}
	}
	var out []part
	for _, k := range ru.objects {
		for _, v := range victim.objects[k] {
			out = append(out, part{v, k, true})
		}
		if attacker != nil {
			for _, v := range attacker.objects[k] {
				out = append(out, part{v, k, false})
			}
		}
	}
	return out
}

// paths lists the route's tries for attacker on victim's objects, in every
// combination of values naming at least one of victim's (another country's
// case with one's own country, one's own case with another's file…), and
// the paths naming only victim's objects, which victim itself may use.
func (r scopedRoute) paths(attacker, victim *owner) (tries []scopeTry, own []string) {
	combos := [][]part{nil}
	for _, ru := range r.rules {
		var next [][]part
		for _, c := range combos {
			for _, o := range ru.options(attacker, victim) {
				next = append(next, append(slices.Clone(c), o))
			}
		}
		combos = next
	}
	for _, c := range combos {
		i := 0
		p := wildcard.ReplaceAllStringFunc(r.Path, func(string) string { i++; return c[i-1].value })
		theirs, mine, readable := 0, 0, r.Method == http.MethodGet
		for j, v := range c {
			switch {
			case len(r.rules[j].objects) == 0:
			case v.theirs:
				theirs++
				readable = readable && slices.Contains(readableKinds, v.kind)
			default:
				mine++
			}
		}
		if theirs > 0 {
			tries = append(tries, scopeTry{p, readable})
		}
		if mine == 0 {
			own = append(own, p)
		}
	}
	return tries, own
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
		sr := scopedRoute{Route: rt}
		skip := false
		for _, n := range names {
			ru, ok := ruleFor(rt.Path, n)
			if !ok {
				t.Errorf("%s: nothing says what {%s} names: add a rule to scopeRules (and the object to makeOwners)", rt.Pattern, n)
			}
			skip = skip || !ok || ru.shared != ""
			sr.rules = append(sr.rules, ru)
		}
		if !skip {
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
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
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
				if _, own := rt.paths(nil, victim); len(own) == 0 {
					continue // the victim holds none of the objects
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
				t.Errorf("%s: no owner holds a %s for the others to try: add one to makeOwners", rt.Pattern, rt.kinds())
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
	_, own := rt.paths(nil, victim)
	for _, p := range own {
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
	for _, try := range tries {
		ctype, body := scopeBody(t, rt.Pattern, victim)
		code, text := send(t, m.srv, attacker.client, rt.Method, try.path, ctype, body)
		who := fmt.Sprintf("%s %s by the %s on the %s's objects", rt.Method, try.path, attacker.name, victim.name)
		switch {
		case code >= 500:
			t.Errorf("%s: %d", who, code)
		case try.readable:
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
