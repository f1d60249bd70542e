package bodies_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestSeedMemberships checks the memberships the strategy lists: ICAT's 16
// members and its working group of 6 with UNODC as coordinator, the UN.GIFT
// Steering Committee's 6 with UNODC hosting the secretariat, the GMG's 16,
// and the Conference's two working groups with no members. No chair and no
// meeting is invented.
func TestSeedMemberships(t *testing.T) {
	dbtest.RunWith(t, seeded, func(t *testing.T, s *bodies.Service) {
		icat := get(t, s, "icat")
		if diff := cmp.Diff([]string{"DPKO", "ICAO", "ILO", "INTERPOL", "IOM", "OHCHR", "UN Women", "UNAIDS", "UNDP", "UNESCO",
			"UNFPA", "UNHCR", "UNICEF", "UNICRI", "UNODC", "World Bank"}, memberAcronyms(icat)); diff != "" {
			t.Errorf("ICAT members (-want +got):\n%s", diff)
		}
		if len(icat.Groups) != 1 {
			t.Fatalf("ICAT working groups = %d, want 1", len(icat.Groups))
		}
		if diff := cmp.Diff([]string{"ILO", "IOM", "OHCHR", "UNHCR", "UNICEF", "UNODC"}, acronyms(icat.Groups[0].Members)); diff != "" {
			t.Errorf("ICAT working group (-want +got):\n%s", diff)
		}
		gift := get(t, s, "un-gift")
		if diff := cmp.Diff([]string{"ILO", "IOM", "OHCHR", "OSCE", "UNICEF", "UNODC"}, memberAcronyms(gift)); diff != "" {
			t.Errorf("UN.GIFT members (-want +got):\n%s", diff)
		}
		roles := map[string]bodies.Role{}
		for _, slug := range []string{"icat", "un-gift"} {
			for _, m := range get(t, s, slug).Members {
				if m.Role != bodies.RoleMember {
					roles[slug+":"+m.Org.Acronym] = m.Role
				}
			}
		}
		if diff := cmp.Diff(map[string]bodies.Role{"icat:UNODC": bodies.RoleCoordinator, "un-gift:UNODC": bodies.RoleSecretariat}, roles); diff != "" {
			t.Errorf("roles other than member (-want +got):\n%s", diff)
		}
		gmg := get(t, s, "gmg")
		if len(gmg.Members) != 16 || gmg.MemberCount != 16 {
			t.Errorf("GMG members = %d (count %d), want 16: %v", len(gmg.Members), gmg.MemberCount, memberAcronyms(gmg))
		}
		for _, slug := range []string{"cop-wg-tip", "cop-wg-som"} {
			b := get(t, s, slug)
			if b.Membership != bodies.MembershipStatesParties || len(b.Members) != 0 || b.Mandate == "" {
				t.Errorf("%s: membership %s, %d members, mandate %q", slug, b.Membership, len(b.Members), b.Mandate)
			}
		}
		for _, slug := range []string{"icat", "un-gift", "gmg", "cop-wg-tip", "cop-wg-som"} {
			if b := get(t, s, slug); len(b.Chairs) != 0 || len(b.Meetings) != 0 {
				t.Errorf("%s: seeded %d chairs and %d meetings, want none", slug, len(b.Chairs), len(b.Meetings))
			}
		}
		for _, m := range icat.Members {
			if m.Org.Acronym == "OHCHR" && m.Org.Name != "Office of the United Nations High Commissioner for Human Rights" {
				t.Errorf("OHCHR full name = %q", m.Org.Name)
			}
		}
	})
}

// TestSeedIdempotent: a second seeding adds no row and no audit entry, does
// not bring back a member an editor removed, and does not overwrite a name
// an editor changed.
func TestSeedIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := t.Context()
		s := seeded(t, d)
		first := snapshot(t, d)
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, snapshot(t, d)); diff != "" {
			t.Fatalf("second seeding changed rows (-first +second):\n%s", diff)
		}

		gmg := get(t, s, "gmg")
		if err := s.RemoveMember(ctx, editor(), "gmg", memberID(t, gmg, "WHO")); err != nil {
			t.Fatal(err)
		}
		in := bodies.BodyInput{Acronym: "GMG", Name: "Global Migration Group (historical)", Mandate: "Edited.", Membership: bodies.MembershipOrganisations}
		if _, err := s.UpdateBody(ctx, editor(), "gmg", in); err != nil {
			t.Fatal(err)
		}
		edited := snapshot(t, d)
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(edited, snapshot(t, d)); diff != "" {
			t.Fatalf("seeding after edits changed rows (-before +after):\n%s", diff)
		}
		gmg = get(t, s, "gmg")
		if gmg.Name != in.Name || gmg.Mandate != "Edited." || len(gmg.Members) != 15 {
			t.Fatalf("after reseeding: name %q, mandate %q, %d members", gmg.Name, gmg.Mandate, len(gmg.Members))
		}
		if _, err := audit.Verify(ctx, d); err != nil {
			t.Fatal(err)
		}
	})
}
