package collection_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

// TestAnotherCountryCannotSeeTheDraft: Kenya's focal point gets "not
// found" for everything of Iceland's submission — reading, editing,
// uploading, submitting, its versions, queries and questionnaire — and the
// round shows it only its own; other roles are refused outright.
func TestAnotherCountryCannotSeeTheDraft(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		r := f.openRound(t)
		isl := f.start(t, fpISL, r)
		if _, err := f.svc.SaveDraft(ctx, fpISL, isl.ID, []collection.DraftCell{dv("total", "total", "7")}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Submit(ctx, fpISL, isl.ID); err != nil {
			t.Fatal(err)
		}
		q, err := f.svc.RaiseQuery(ctx, analyst, isl.ID, collection.QueryInput{Cell: dv("total", "total", "").Code(), Question: "Source?"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Revise(ctx, fpISL, isl.ID); err != nil { // a draft again
			t.Fatal(err)
		}
		for name, call := range map[string]func() error{
			"view":          func() error { _, err := f.svc.Submission(ctx, fpKEN, isl.ID); return err },
			"version":       func() error { _, err := f.svc.Version(ctx, fpKEN, isl.ID, 1); return err },
			"save":          func() error { _, err := f.svc.SaveDraft(ctx, fpKEN, isl.ID, nil); return err },
			"upload":        func() error { _, err := f.svc.Upload(ctx, fpKEN, isl.ID, "x.csv", publishedCSV()); return err },
			"submit":        func() error { _, err := f.svc.Submit(ctx, fpKEN, isl.ID); return err },
			"revise":        func() error { return f.svc.Revise(ctx, fpKEN, isl.ID) },
			"questionnaire": func() error { _, err := f.svc.Questionnaire(ctx, fpKEN, isl.ID, echo{}, &bytes.Buffer{}); return err },
			"query":         func() error { _, err := f.svc.QuerySubmission(ctx, fpKEN, q.ID); return err },
			"answer": func() error {
				_, err := f.svc.AnswerQuery(ctx, fpKEN, q.ID, collection.AnswerInput{Answer: "x"})
				return err
			},
		} {
			mustKind(t, "KEN "+name, call(), errs.KindNotFound)
		}
		v, err := f.svc.Round(ctx, fpKEN, r.ID)
		if err != nil || len(v.Submissions) != 0 {
			t.Fatalf("KEN sees the round's submissions: %v %+v", err, v)
		}
		rs, err := f.svc.Rounds(ctx, fpKEN)
		if err != nil || len(rs) != 1 || rs[0].Submission != nil || rs[0].Counts != nil {
			t.Fatalf("KEN's round list: %v %+v", err, rs)
		}
		if v, err := f.svc.Round(ctx, analyst, r.ID); err != nil || len(v.Submissions) != 1 {
			t.Fatalf("the analyst's round: %v %+v", err, v)
		}
		_, err = f.svc.Rounds(ctx, editor)
		mustKind(t, "editor lists rounds", err, errs.KindForbidden)
		_, err = f.svc.Submission(ctx, editor, isl.ID)
		mustKind(t, "editor reads a submission", err, errs.KindForbidden)
		_, err = f.svc.Submission(ctx, nil, isl.ID)
		mustKind(t, "anonymous reads a submission", err, errs.KindUnauthorised)
		_, err = f.svc.Start(ctx, analyst, r.ID)
		mustKind(t, "an analyst starts a submission", err, errs.KindForbidden)
		_, err = f.svc.SaveDraft(ctx, analyst, isl.ID, nil)
		mustKind(t, "an analyst edits the draft", err, errs.KindForbidden)
	})
}

// TestUploadOtherCountryRefused: a focal point cannot upload another
// country's rows, even into its own submission: the file is refused whole,
// pointing at the code's cell, and nothing changes.
func TestUploadOtherCountryRefused(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		r := f.openRound(t)
		ken := f.start(t, fpKEN, r)
		file := publishedCSV(
			"KEN,Kenya,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2022,Counts,40,",
			"ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Total,Total,2022,Counts,3,",
			"KEN,Kenya,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2019,Counts,8,")
		rep, err := f.svc.Upload(ctx, fpKEN, ken.ID, "mixed.csv", file)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range rep.Problems {
			got = append(got, p.Refs[0]+" "+p.Key)
		}
		want := []string{"A5 err.collection_other_country", "J6 err.collection_year_outside"}
		if diff := cmp.Diff(want, got); diff != "" || rep.Stored {
			t.Fatalf("stored=%v; problems (-want +got):\n%s", rep.Stored, diff)
		}
		view, err := f.svc.Submission(ctx, fpKEN, ken.ID)
		if err != nil || len(view.Draft) != 0 {
			t.Fatalf("a refused file changed the draft: %v %+v", err, view.Draft)
		}
		checkAudit(t, f.d, []string{"stat_round.open", "stat_submission.start"})
		var uploads int
		f.d.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'stat_submission.upload'`).Scan(&uploads)
		if uploads != 0 {
			t.Fatalf("a refused upload was audited as stored")
		}
	})
}

// echo is a translator that returns keys, for tests that need none.
type echo struct{}

func (echo) T(key string, _ ...any) string { return key }
