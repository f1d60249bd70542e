package bodies_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestValidationPerField: every refused input names each field at fault
// with its message key, and leaves nothing stored (no row, no audit entry).
func TestValidationPerField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := seeded(t, d)
		ctx, ed := t.Context(), editor()
		icat := get(t, s, "icat")
		unodc := orgID(t, icat, "UNODC")
		tests := []struct {
			name string
			do   func() error
			want map[string]string
		}{
			{"body: everything missing", func() error { _, err := s.CreateBody(ctx, ed, bodies.BodyInput{}); return err },
				map[string]string{"slug": "err.required", "acronym": "err.required", "name": "err.required"}},
			{"body: bad slug, long acronym, unknown membership", func() error {
				_, err := s.CreateBody(ctx, ed, bodies.BodyInput{Slug: "Not A Slug", Acronym: strings.Repeat("A", 31), Name: "X", Membership: "clubs"})
				return err
			}, map[string]string{"slug": "err.bodies_slug_invalid", "acronym": "err.too_long", "membership": "err.bodies_membership_unknown"}},
			{"body: reserved slug", func() error {
				_, err := s.CreateBody(ctx, ed, bodies.BodyInput{Slug: "compare", Acronym: "C", Name: "Compare"})
				return err
			}, map[string]string{"slug": "err.bodies_slug_reserved"}},
			{"body: slug taken", func() error {
				_, err := s.CreateBody(ctx, ed, bodies.BodyInput{Slug: "icat", Acronym: "ICAT2", Name: "Again"})
				return err
			}, map[string]string{"slug": "err.bodies_slug_taken"}},
			{"body: members block States parties", func() error {
				_, err := s.UpdateBody(ctx, ed, "icat", bodies.BodyInput{Acronym: "ICAT", Name: "ICAT", Membership: bodies.MembershipStatesParties})
				return err
			}, map[string]string{"membership": "err.bodies_membership_has_members"}},
			{"member: acronym missing, role unknown", func() error {
				_, err := s.AddMember(ctx, ed, "icat", bodies.MemberInput{Role: "chair"})
				return err
			}, map[string]string{"acronym": "err.required", "role": "err.bodies_role_unknown"}},
			{"member: new organisation without a name", func() error {
				_, err := s.AddMember(ctx, ed, "icat", bodies.MemberInput{Acronym: "UNEP"})
				return err
			}, map[string]string{"name": "err.bodies_org_name_required"}},
			{"member: name contradicts the known one", func() error {
				_, err := s.AddMember(ctx, ed, "un-gift", bodies.MemberInput{Acronym: "unhcr", Name: "UN Refugee Agency"})
				return err
			}, map[string]string{"name": "err.bodies_org_name_differs"}},
			{"member: duplicate", func() error {
				_, err := s.AddMember(ctx, ed, "icat", bodies.MemberInput{Acronym: "UNHCR"})
				return err
			}, map[string]string{"acronym": "err.bodies_member_exists"}},
			{"member: States parties body", func() error {
				_, err := s.AddMember(ctx, ed, "cop-wg-tip", bodies.MemberInput{Acronym: "UNODC"})
				return err
			}, map[string]string{"acronym": "err.bodies_states_parties"}},
			{"chair: nothing given", func() error { _, err := s.AddChair(ctx, ed, "icat", bodies.ChairInput{}); return err },
				map[string]string{"org_id": "err.required", "from": "err.required"}},
			{"chair: bad dates", func() error {
				_, err := s.AddChair(ctx, ed, "icat", bodies.ChairInput{OrgID: unodc, From: "01/02/2024", To: "2024-13-01"})
				return err
			}, map[string]string{"from": "err.date_invalid", "to": "err.date_invalid"}},
			{"chair: to before from", func() error {
				_, err := s.AddChair(ctx, ed, "icat", bodies.ChairInput{OrgID: unodc, From: "2024-05-02", To: "2024-05-01"})
				return err
			}, map[string]string{"to": "err.bodies_to_before_from"}},
			{"chair: not a member", func() error {
				_, err := s.AddChair(ctx, ed, "un-gift", bodies.ChairInput{OrgID: orgID(t, icat, "UNHCR"), From: "2024-01-01"})
				return err
			}, map[string]string{"org_id": "err.bodies_not_member"}},
			{"group: name missing", func() error { _, err := s.AddGroup(ctx, ed, "icat", bodies.GroupInput{}); return err },
				map[string]string{"name": "err.required"}},
			{"group: name taken", func() error {
				_, err := s.AddGroup(ctx, ed, "icat", bodies.GroupInput{Name: "ICAT Working Group"})
				return err
			}, map[string]string{"name": "err.bodies_group_exists"}},
			{"group member: already in", func() error {
				_, err := s.AddGroupMember(ctx, ed, "icat", icat.Groups[0].ID, unodc)
				return err
			}, map[string]string{"org_id": "err.bodies_group_member_exists"}},
			{"meeting: title missing, bad date", func() error {
				_, err := s.AddMeeting(ctx, ed, "icat", bodies.MeetingInput{Date: "2024-02-30"})
				return err
			}, map[string]string{"title": "err.required", "date": "err.date_invalid"}},
		}
		before := snapshot(t, d)
		for _, tt := range tests {
			err := tt.do()
			if !errs.Is(err, errs.KindInvalid) {
				t.Errorf("%s: got %v, want an invalid-input error", tt.name, err)
				continue
			}
			if diff := cmp.Diff(tt.want, errs.FieldKeys(err)); diff != "" {
				t.Errorf("%s: field errors (-want +got):\n%s", tt.name, diff)
			}
		}
		if diff := cmp.Diff(before, snapshot(t, d)); diff != "" {
			t.Errorf("refused changes stored something (-before +after):\n%s", diff)
		}
	})
}

// TestOnlyEditorsChange: the service refuses every change to anyone but an
// editor or an admin, whatever the route said, and stores nothing.
func TestOnlyEditorsChange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := seeded(t, d)
		ctx := t.Context()
		icat := get(t, s, "icat")
		changes := map[string]func(by *auth.Principal) error{
			"create body": func(by *auth.Principal) error {
				_, err := s.CreateBody(ctx, by, bodies.BodyInput{Slug: "x", Acronym: "X", Name: "X"})
				return err
			},
			"update body": func(by *auth.Principal) error {
				_, err := s.UpdateBody(ctx, by, "icat", bodies.BodyInput{Acronym: "X", Name: "X"})
				return err
			},
			"add member": func(by *auth.Principal) error {
				_, err := s.AddMember(ctx, by, "un-gift", bodies.MemberInput{Acronym: "UNHCR"})
				return err
			},
			"remove member": func(by *auth.Principal) error { return s.RemoveMember(ctx, by, "icat", memberID(t, icat, "DPKO")) },
			"add chair": func(by *auth.Principal) error {
				_, err := s.AddChair(ctx, by, "icat", bodies.ChairInput{OrgID: orgID(t, icat, "ILO"), From: "2024-01-01"})
				return err
			},
			"add group": func(by *auth.Principal) error {
				_, err := s.AddGroup(ctx, by, "gmg", bodies.GroupInput{Name: "G"})
				return err
			},
			"remove group": func(by *auth.Principal) error { return s.RemoveGroup(ctx, by, "icat", icat.Groups[0].ID) },
			"add meeting": func(by *auth.Principal) error {
				_, err := s.AddMeeting(ctx, by, "icat", bodies.MeetingInput{Title: "M", Date: "2024-01-01"})
				return err
			},
		}
		outsiders := map[string]*auth.Principal{
			"anonymous":   nil,
			"analyst":     {UserID: 8, Email: "a@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true},
			"focal point": {UserID: 9, Email: "f@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "ISL"},
		}
		before := snapshot(t, d)
		for name, change := range changes {
			for who, by := range outsiders {
				err := change(by)
				want := errs.KindForbidden
				if by == nil {
					want = errs.KindUnauthorised
				}
				if !errs.Is(err, want) {
					t.Errorf("%s as %s: got %v, want kind %d", name, who, err, want)
				}
			}
		}
		if diff := cmp.Diff(before, snapshot(t, d)); diff != "" {
			t.Errorf("refused changes stored something (-before +after):\n%s", diff)
		}
		admin := &auth.Principal{UserID: 1, Email: "admin@example.org", Roles: []auth.Role{auth.RoleAdmin}, MFA: true}
		if err := changes["add member"](admin); err != nil {
			t.Errorf("admin add member: %v", err)
		}
	})
}

// TestMembersAndGroups: a member who sits in a working group cannot leave
// the body until it has left the group; only members may join a group.
func TestMembersAndGroups(t *testing.T) {
	dbtest.RunWith(t, seeded, func(t *testing.T, s *bodies.Service) {
		ctx, ed := t.Context(), editor()
		icat := get(t, s, "icat")
		wg := icat.Groups[0]
		err := s.RemoveMember(ctx, ed, "icat", memberID(t, icat, "UNHCR"))
		if !errs.Is(err, errs.KindConflict) || errs.As(err).Key != "err.bodies_member_in_group" {
			t.Fatalf("remove a working-group member from the body: %v", err)
		}
		if err := s.RemoveGroupMember(ctx, ed, "icat", wg.ID, orgID(t, icat, "UNHCR")); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveMember(ctx, ed, "icat", memberID(t, icat, "UNHCR")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddGroupMember(ctx, ed, "icat", wg.ID, orgID(t, icat, "UNHCR")); errs.FieldKeys(err)["org_id"] != "err.bodies_not_member" {
			t.Fatalf("non-member joins the working group: %v", err)
		}
		m, err := s.AddMember(ctx, ed, "icat", bodies.MemberInput{Acronym: "unhcr", Role: bodies.RoleMember})
		if err != nil || m.Org.Acronym != "UNHCR" {
			t.Fatalf("re-add UNHCR by lower-case acronym: %v %+v", err, m)
		}
		g, err := s.AddGroupMember(ctx, ed, "icat", wg.ID, m.Org.ID)
		if err != nil || len(g.Members) != 6 {
			t.Fatalf("UNHCR back in the working group: %v", err)
		}
		added, err := s.AddMember(ctx, ed, "gmg", bodies.MemberInput{Acronym: "UNEP", Name: "United Nations Environment Programme"})
		if err != nil || added.Org.Name != "United Nations Environment Programme" {
			t.Fatalf("new organisation: %v", err)
		}
		if n := get(t, s, "gmg").MemberCount; n != 17 {
			t.Fatalf("GMG member count = %d, want 17", n)
		}
	})
}
