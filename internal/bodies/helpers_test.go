package bodies_test

import (
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/db"
)

// editor is a signed-in editor as the service sees one.
func editor() *auth.Principal {
	return &auth.Principal{UserID: 7, Email: "editor@example.org", Roles: []auth.Role{auth.RoleEditor}, Method: "session"}
}

// seeded returns a service on d after the start-up seeding.
func seeded(t *testing.T, d *db.DB) *bodies.Service {
	t.Helper()
	s := bodies.NewService(d)
	if err := s.Seed(t.Context()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return s
}

// tables are every table the room writes, and the audit log.
var tables = []string{"bodies", "body_orgs", "body_members", "body_chairs", "body_groups", "body_group_members",
	"body_meetings", "body_documents", "seeds", "audit_log"}

// snapshot counts the rows of every table, to prove a refused change
// stored nothing and a second seeding added nothing.
func snapshot(t *testing.T, d *db.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range tables {
		var n int
		if err := d.SQL().QueryRow(`SELECT COUNT(*) FROM ` + tbl).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		out[tbl] = n
	}
	return out
}

// fieldKeys returns the field → message key map of a validation error.
// acronyms lists the acronyms of orgs, in order.
func acronyms(orgs []bodies.Org) []string {
	out := []string{}
	for _, o := range orgs {
		out = append(out, o.Acronym)
	}
	return out
}

// memberAcronyms lists the acronyms of a body's members, in order.
func memberAcronyms(b *bodies.Body) []string {
	orgs := make([]bodies.Org, len(b.Members))
	for i, m := range b.Members {
		orgs[i] = m.Org
	}
	return acronyms(orgs)
}

// get returns the body with slug or fails the test.
func get(t *testing.T, s *bodies.Service, slug string) *bodies.Body {
	t.Helper()
	b, err := s.Get(t.Context(), slug)
	if err != nil {
		t.Fatalf("get %s: %v", slug, err)
	}
	return b
}

// memberID returns the seat id of acronym in b, or fails the test.
func memberID(t *testing.T, b *bodies.Body, acronym string) int64 {
	t.Helper()
	for _, m := range b.Members {
		if m.Org.Acronym == acronym {
			return m.ID
		}
	}
	t.Fatalf("%s is not a member of %s", acronym, b.Slug)
	return 0
}

// orgID returns the organisation id of member acronym in b.
func orgID(t *testing.T, b *bodies.Body, acronym string) int64 {
	t.Helper()
	for _, m := range b.Members {
		if m.Org.Acronym == acronym {
			return m.Org.ID
		}
	}
	t.Fatalf("%s is not a member of %s", acronym, b.Slug)
	return 0
}
