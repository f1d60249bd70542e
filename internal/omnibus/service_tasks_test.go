package omnibus

import (
	"slices"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
)

func kinds(t *testing.T, r *room, by *auth.Principal) []string {
	t.Helper()
	ts, err := r.svc.Tasks(t.Context(), by)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range ts {
		out = append(out, x.Kind)
	}
	return out
}

// TestTasksAndDeadlines: each person of a review finds on /home what waits
// for them, as the review moves on; the end of the self-assessment phase
// reminds the State that has not submitted, once per reminder.
func TestTasksAndDeadlines(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		today := time.Date(2027, time.March, 10, 0, 0, 0, 0, time.UTC)
		r.svc.Now = func() time.Time { return today }
		a, err := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol")
		if err != nil {
			t.Fatal(err)
		}
		// The cycle began five months and ten days ago: its self-assessment
		// phase ends in 20 days.
		cy, err := r.svc.CommitDraw(ctx, r.an, DrawRequest{Instrument: "tip-protocol", Cycle: "2027", Seed: 5, UnderReview: []string{"ISL"},
			StartsOn: time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		rv := cy.Reviews[0].ID
		ts, _ := r.svc.Tasks(ctx, r.isl)
		if len(ts) != 1 || ts[0].Kind != "omnibus_assessment" || ts[0].Due == nil || !ts[0].Due.Equal(cy.SelfAssessmentDue()) {
			t.Errorf("Iceland's tasks: %+v", ts)
		}
		evs, err := r.svc.Due(ctx, today)
		if err != nil || len(evs) != 1 || evs[0].Kind != notify.KindDeadlineSoon || evs[0].To.Country != "ISL" || evs[0].Dedupe == "" {
			t.Errorf("the reminder 20 days before: %+v %v", evs, err)
		}
		if evs, _ := r.svc.Due(ctx, today.AddDate(0, 0, -30)); len(evs) != 0 {
			t.Errorf("a reminder 50 days before: %+v", evs)
		}
		if _, err := r.svc.Assign(ctx, r.an, rv, r.rev1.Email, MemberExpert); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, r, r.rev1); !slices.Equal(got, []string{"omnibus_review"}) {
			t.Errorf("the expert's tasks: %v", got)
		}
		if got := kinds(t, r, r.rev2); len(got) != 0 {
			t.Errorf("a reviewer not assigned has tasks: %v", got)
		}
		complete(t, r, r.isl, a.ID)
		if _, err := r.svc.Submit(ctx, r.isl, a.ID); err != nil {
			t.Fatal(err)
		}
		if evs, _ := r.svc.Due(ctx, today); len(evs) != 0 {
			t.Errorf("a reminder once submitted: %+v", evs)
		}
		if got := kinds(t, r, r.an); !slices.Contains(got, "omnibus_submitted") {
			t.Errorf("the analyst's tasks after the submission: %v", got)
		}
		if _, err := r.svc.AddObservation(ctx, r.rev1, rv, ObsGap, "6", "Compensation."); err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.SendObservations(ctx, r.rev1, rv); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, r, r.isl); !slices.Equal(got, []string{"omnibus_observations"}) {
			t.Errorf("Iceland's tasks with the observations: %v", got)
		}
		if got := kinds(t, r, r.rev1); len(got) != 0 {
			t.Errorf("the expert's tasks once sent: %v", got)
		}
		if _, err := r.svc.AnswerObservations(ctx, r.isl, rv, AnswerAgree, ""); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, r, r.an); !slices.Contains(got, "omnibus_summary") {
			t.Errorf("the analyst's tasks after the answer: %v", got)
		}
	})
}

// TestSearchDocuments: the questionnaires' articles are in the one search
// in English and French; a summary joins it when published, and not before.
func TestSearchDocuments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		find := func(kind, text string) []string {
			t.Helper()
			res, err := r.svc.Index.Search(ctx, search.Request{Kind: kind, Text: text, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			var refs []string
			for _, h := range res.Hits {
				refs = append(refs, h.Ref)
			}
			return refs
		}
		if got := find(DocArticle, "repatriation victims"); !slices.Contains(got, "tip-protocol:8") {
			t.Errorf("English search for the repatriation article: %v", got)
		}
		if got := find(DocArticle, "rapatriement des victimes"); !slices.Contains(got, "tip-protocol:8") {
			t.Errorf("French search for the repatriation article: %v", got)
		}
		a, _ := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol")
		complete(t, r, r.isl, a.ID)
		r.svc.Submit(ctx, r.isl, a.ID)
		cy, err := r.svc.CommitDraw(ctx, r.an, DrawRequest{Instrument: "tip-protocol", Cycle: "2027", Seed: 5, UnderReview: []string{"ISL"}})
		if err != nil {
			t.Fatal(err)
		}
		rv := cy.Reviews[0].ID
		r.svc.Assign(ctx, r.an, rv, r.rev1.Email, MemberExpert)
		r.svc.AddObservation(ctx, r.rev1, rv, ObsGoodPractice, "9", "A hotline answered in twelve languages.")
		r.svc.SendObservations(ctx, r.rev1, rv)
		if got := find(DocSummary, "hotline"); len(got) != 0 {
			t.Errorf("an unpublished review is found: %v", got)
		}
		r.svc.AnswerObservations(ctx, r.isl, rv, AnswerAgree, "")
		if _, err := r.svc.PublishSummary(ctx, r.an, rv, "Iceland's review found a strong prevention effort."); err != nil {
			t.Fatal(err)
		}
		if got := find(DocSummary, "hotline languages"); len(got) != 1 {
			t.Errorf("the published summary by a word of its observations: %v", got)
		}
	})
}
