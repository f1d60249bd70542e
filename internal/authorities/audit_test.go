package authorities_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestReadsAndChangesAudited: every read of a country's entries is one
// entry (actor, country, count), every change one entry with its before and
// after digests, refused attempts none, and the chain verifies.
func TestReadsAndChangesAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, _ := newService(t, d)
		a := mustCreate(t, s, fpISL, validInput())
		if _, err := s.ForCountry(ctx, fpNOR, "ISL"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ForCountry(ctx, editor, "ISL"); err == nil {
			t.Fatal("editor read the directory")
		}
		in := validInput()
		in.Phone = "+354 545 9001"
		if _, err := s.Update(ctx, fpISL, a.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Update(ctx, fpNOR, a.ID, in); err == nil {
			t.Fatal("NOR focal point updated ISL")
		}
		if _, err := s.Confirm(ctx, admin, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, analyst, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Counts(ctx, analyst); err != nil { // counts are not personal data
			t.Fatal(err)
		}
		if _, err := s.Delete(ctx, fpISL, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		slices.Reverse(entries) // oldest first
		type row struct{ Actor, Action, Entity, ID, Detail string }
		var got []row
		for _, e := range entries {
			if e.Action == "reference.seed" {
				continue
			}
			got = append(got, row{e.Actor, e.Action, e.EntityType, e.EntityID, e.Detail})
			isChange := e.Action != "authority.read"
			if isChange && e.Action != "authority.delete" && e.AfterDigest == "" {
				t.Errorf("%s has no after digest", e.Action)
			}
			if isChange && e.Action != "authority.create" && e.BeforeDigest == "" {
				t.Errorf("%s has no before digest", e.Action)
			}
		}
		id := entityIDOf(a)
		want := []row{
			{"fp.isl@example.org", "authority.create", "authority", id, "ISL mla_central_authority"},
			{"fp.nor@example.org", "authority.read", "country", "ISL", "entries: 1"},
			{"fp.isl@example.org", "authority.update", "authority", id, "ISL mla_central_authority"},
			{"admin@example.org", "authority.confirm", "authority", id, "ISL mla_central_authority"},
			{"analyst@example.org", "authority.read", "authority", id, "ISL mla_central_authority entries: 1"},
			{"fp.isl@example.org", "authority.delete", "authority", id, "ISL mla_central_authority"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("audit log (-want +got):\n%s", diff)
		}
		for _, e := range entries {
			if e.Detail != "" && (strings.Contains(e.Detail, "Jón") || strings.Contains(e.Detail, "example.is")) {
				t.Errorf("audit detail holds personal data: %q", e.Detail)
			}
		}
		if _, err := audit.Verify(ctx, d); err != nil {
			t.Fatalf("audit chain: %v", err)
		}
	})
}

func entityIDOf(a *authorities.Authority) string { return strconv.FormatInt(a.ID, 10) }
