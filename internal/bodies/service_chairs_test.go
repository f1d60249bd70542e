package bodies_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestChairOverlap tests the one rule on periods, both ends inclusive and an
// empty "to" running on for ever.
func TestChairOverlap(t *testing.T) {
	period := func(from, to string) *bodies.Chair {
		c := &bodies.Chair{From: db.MustDate(from)}
		if to != "" {
			c.To = db.MustDate(to)
		}
		return c
	}
	tests := []struct {
		a, b *bodies.Chair
		want bool
	}{
		{period("2020-01-01", "2020-12-31"), period("2021-01-01", "2021-12-31"), false},
		{period("2020-01-01", "2020-12-31"), period("2020-12-31", "2021-12-31"), true}, // the last day is the chair's
		{period("2020-01-01", ""), period("2030-01-01", "2030-02-01"), true},
		{period("2020-01-01", ""), period("2019-01-01", "2019-12-31"), false},
		{period("2020-01-01", ""), period("2019-01-01", ""), true},
		{period("2020-03-01", "2020-03-01"), period("2020-01-01", "2020-12-31"), true},
	}
	for _, tt := range tests {
		if got := tt.a.Overlaps(tt.b); got != tt.want {
			t.Errorf("%v–%v overlaps %v–%v = %v, want %v", tt.a.From, tt.a.To, tt.b.From, tt.b.To, got, tt.want)
		}
		if got := tt.b.Overlaps(tt.a); got != tt.want {
			t.Errorf("overlap is not symmetric for %v and %v", tt.a.From, tt.b.From)
		}
	}
}

// TestChairPeriods: overlapping periods are refused naming the other one;
// ending an open period makes room for the next; the current chair follows
// the clock; every change is audited and the chain holds.
func TestChairPeriods(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := seeded(t, d)
		s.Now = func() time.Time { return time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC) }
		ctx, ed := t.Context(), editor()
		gmg := get(t, s, "gmg")
		add := func(org, from, to string) error {
			_, err := s.AddChair(ctx, ed, "gmg", bodies.ChairInput{OrgID: orgID(t, gmg, org), From: from, To: to})
			return err
		}
		if err := add("UNODC", "2020-01-01", "2020-12-31"); err != nil {
			t.Fatal(err)
		}
		err := add("ILO", "2020-06-01", "")
		if errs.FieldKeys(err)["from"] != "err.bodies_chair_overlap" {
			t.Fatalf("overlapping period: %v", err)
		}
		if err := add("ILO", "2021-01-01", ""); err != nil {
			t.Fatal(err)
		}
		if err := add("IOM", "2022-01-01", "2022-06-30"); errs.FieldKeys(err)["from"] != "err.bodies_chair_overlap" {
			t.Fatalf("period inside an open one: %v", err)
		}
		ilo := get(t, s, "gmg").Chairs[0]
		if _, err := s.EndChair(ctx, ed, "gmg", ilo.ID, "2020-12-31"); errs.FieldKeys(err)["to"] != "err.bodies_to_before_from" {
			t.Fatalf("end before start: %v", err)
		}
		if _, err := s.EndChair(ctx, ed, "gmg", ilo.ID, "2021-12-31"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.EndChair(ctx, ed, "gmg", ilo.ID, "2021-12-31"); err == nil {
			t.Fatal("ended an already ended period")
		}
		if err := add("IOM", "2022-01-01", ""); err != nil {
			t.Fatal(err)
		}
		b := get(t, s, "gmg")
		var got []string
		for _, c := range b.Chairs {
			got = append(got, c.Org.Acronym+" "+c.From.String()+" "+c.To.String())
		}
		want := []string{"IOM 2022-01-01 ", "ILO 2021-01-01 2021-12-31", "UNODC 2020-01-01 2020-12-31"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("chair history, newest first (-want +got):\n%s", diff)
		}
		if cur := b.CurrentChair(); cur == nil || cur.Org.Acronym != "IOM" {
			t.Fatalf("current chair = %+v, want IOM", cur)
		}
		if err := s.RemoveChair(ctx, ed, "gmg", b.Chairs[0].ID); err != nil {
			t.Fatal(err)
		}
		if cur := get(t, s, "gmg").CurrentChair(); cur != nil {
			t.Fatalf("current chair after removing IOM's period = %+v", cur)
		}

		entries, err := audit.List(ctx, d, audit.Filter{EntityType: "body_chair", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
			if e.ActorID != ed.UserID || e.Detail == "" {
				t.Errorf("entry %d: actor %d, detail %q", e.ID, e.ActorID, e.Detail)
			}
		}
		if diff := cmp.Diff([]string{"body.chair_remove", "body.chair_add", "body.chair_end", "body.chair_add", "body.chair_add"}, actions); diff != "" {
			t.Errorf("audit actions, newest first (-want +got):\n%s", diff)
		}
		if n, err := audit.Verify(ctx, d); err != nil || n == 0 {
			t.Fatalf("audit.Verify = %d, %v", n, err)
		}
	})
}
