package collection_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

// TestWorkflow walks a submission through the whole workflow: a submit
// with an error refused, fixed, submitted; queried, revised, resubmitted;
// validated and published into stat_observations, where aggregates see it;
// then changed again only through a new validated version. Every step is
// audited and the chain holds.
func TestWorkflow(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		r := f.openRound(t)
		sub := f.start(t, fpISL, r)
		if sub.Status != collection.StatusDraft || sub.ISO3 != "ISL" {
			t.Fatalf("new submission: %+v", sub)
		}
		convicted := collection.DraftCell{CellKey: collection.CellKey{Indicator: "convicted", Year: 2022, Dimension: "total",
			Category: "Total", Sex: "total", Age: "total"}, Text: "5"}
		cells := []collection.DraftCell{dv("total", "total", "12"), dv("female", "total", "10"), dv("male", "total", "8"), convicted}
		ps, err := f.svc.SaveDraft(ctx, fpISL, sub.ID, cells)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"err.collection_sex_exceeds"}, keys(ps)); diff != "" {
			t.Fatalf("draft problems (-want +got):\n%s", diff)
		}
		_, err = f.svc.Submit(ctx, fpISL, sub.ID)
		mustKind(t, "submit with an error", err, errs.KindInvalid)
		total := dv("total", "total", "").ID()
		if got := errs.As(err).FieldKey(total); got != "err.collection_sex_exceeds" {
			t.Fatalf("submit refused on %q, want the total cell %s: %v", got, total, err)
		}

		cells[0].Text = "18"
		if ps, err = f.svc.SaveDraft(ctx, fpISL, sub.ID, cells); err != nil || len(ps) != 0 {
			t.Fatalf("fixed draft: %v %+v", err, ps)
		}
		v1, err := f.svc.Submit(ctx, fpISL, sub.ID)
		if err != nil || v1.Number != 1 {
			t.Fatalf("submit: %v %+v", err, v1)
		}
		_, err = f.svc.SaveDraft(ctx, fpISL, sub.ID, cells)
		mustKind(t, "save after submit", err, errs.KindConflict)

		female := dv("female", "total", "").CellKey
		q, err := f.svc.RaiseQuery(ctx, analyst, sub.ID, collection.QueryInput{Cell: female.Code(), Question: "Ten women? Last year it was four."})
		if err != nil {
			t.Fatal(err)
		}
		mustKind(t, "validate with an open query", f.svc.Validate(ctx, analyst, sub.ID), errs.KindConflict)
		if _, err := f.svc.AnswerQuery(ctx, fpISL, q.ID, collection.AnswerInput{Answer: "One case was counted twice.", Value: "9"}); err != nil {
			t.Fatal(err)
		}
		view, err := f.svc.Submission(ctx, fpISL, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if view.Submission.Status != collection.StatusDraft || view.Queries[0].Status != collection.QueryAnswered ||
			view.Queries[0].RevisedValue != "9" || view.Versions[0].Status != collection.VersionReturned {
			t.Fatalf("after the answer: %s, query %+v, version %+v", view.Submission.Status, view.Queries[0], view.Versions[0])
		}
		v2, err := f.svc.Submit(ctx, fpISL, sub.ID)
		if err != nil || v2.Number != 2 {
			t.Fatalf("resubmit: %v %+v", err, v2)
		}
		if err := f.svc.Validate(ctx, analyst, sub.ID); err != nil {
			t.Fatal(err)
		}
		mustKind(t, "a focal point publishes", func() error { _, err := f.svc.Publish(ctx, fpISL, sub.ID); return err }(), errs.KindForbidden)
		if n, err := f.svc.Publish(ctx, analyst, sub.ID); err != nil || n != 4 {
			t.Fatalf("publish: %d %v", n, err)
		}
		if kind, v, status, s := observation(t, f.d, "detected_victims", "total", "Total", "total", "total", 2022); kind != "count" ||
			v != 18 || status != stats.StatusPublished || s != sub.ID {
			t.Fatalf("published total: %s %d %s submission %d", kind, v, status, s)
		}
		if _, v, _, _ := observation(t, f.d, "detected_victims", "total", "Total", "female", "total", 2022); v != 9 {
			t.Fatalf("published female: %d, want the revised 9", v)
		}
		if got := worldTotal(t, f, 2022); got != 18 {
			t.Fatalf("world aggregate: %d, want 18", got)
		}

		// Published figures change only through a new validated version.
		mustKind(t, "save a published submission", func() error { _, err := f.svc.SaveDraft(ctx, fpISL, sub.ID, cells); return err }(), errs.KindConflict)
		if err := f.svc.Revise(ctx, fpISL, sub.ID); err != nil {
			t.Fatal(err)
		}
		cells = []collection.DraftCell{dv("total", "total", "20"), dv("female", "total", "9"), dv("male", "total", "8")}
		if _, err := f.svc.SaveDraft(ctx, fpISL, sub.ID, cells); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Submit(ctx, fpISL, sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, v, _, _ := observation(t, f.d, "detected_victims", "total", "Total", "total", "total", 2022); v != 18 {
			t.Fatalf("a submitted version changed the published figure to %d", v)
		}
		if err := f.svc.Validate(ctx, analyst, sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Publish(ctx, analyst, sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, v, _, _ := observation(t, f.d, "detected_victims", "total", "Total", "total", "total", 2022); v != 20 {
			t.Fatalf("after version 3: %d, want 20", v)
		}
		if kind, _, _, _ := observation(t, f.d, "convicted", "total", "Total", "total", "total", 2022); kind != stats.KindMissing {
			t.Fatalf("a cell version 3 dropped is %s, want withdrawn as missing", kind)
		}
		checkAudit(t, f.d, []string{"stat_round.open", "stat_submission.start", "stat_submission.save", "stat_submission.submit",
			"stat_query.raise", "stat_query.answer", "stat_submission.validate", "stat_submission.publish", "stat_submission.revise"})
	})
}

// worldTotal is the aggregate of detected victims in year over the world.
func worldTotal(t *testing.T, f *fixture, year int) int64 {
	t.Helper()
	q := stats.Query{Indicator: "detected_victims", Year: year}
	if err := q.RequireCell(); err != nil {
		t.Fatal(err)
	}
	rows, err := f.stats.Aggregate(ctx, q, "m49-region", func(_ *geo.Grouping, g string) string { return g })
	if err != nil {
		t.Fatal(err)
	}
	world := rows[len(rows)-1]
	if world.Code != "world" || world.Value == nil {
		t.Fatalf("world row: %+v", world)
	}
	return *world.Value
}

// checkAudit fails unless every action is in the log and the chain holds.
func checkAudit(t *testing.T, d *db.DB, want []string) {
	t.Helper()
	rows, err := d.SQL().Query(`SELECT DISTINCT action FROM audit_log`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var a string
		rows.Scan(&a)
		got = append(got, a)
	}
	for _, a := range want {
		if !slices.Contains(got, a) {
			t.Errorf("audit log lacks %s (has %v)", a, got)
		}
	}
	if _, err := audit.Verify(ctx, d); err != nil {
		t.Fatalf("audit chain: %v", err)
	}
}
