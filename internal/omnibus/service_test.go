package omnibus

import (
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/auth/authtest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/treaty"
	"github.com/tipsom/tipsom/questionnaires"
)

// room is a service on a real database with the real treaty status, and
// the people of a review: the focal points of Iceland and Kenya, two
// reviewers, an observer and an analyst.
type room struct {
	svc                           *Service
	d                             *db.DB
	isl, ken, rev1, rev2, obs, an *auth.Principal
}

func newRoom(t *testing.T, d *db.DB) *room {
	t.Helper()
	ctx := t.Context()
	g := geotest.Seeded(t, d)
	tr := treaty.NewService(d)
	if err := tr.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tr.LoadDemo(ctx, data.Treaties(), g.Countries(), data.TreatiesRecordedOn, data.TreatiesSource); err != nil {
		t.Fatal(err)
	}
	set, err := LoadSet(questionnaires.Files, func(id string) bool { _, ok := treaty.InstrumentByID(id); return ok })
	if err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(d)
	ix, err := search.New(d, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	r := &room{svc: NewService(d, set, tr, g, accounts, ix), d: d}
	if err := r.svc.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	user := func(email string, role auth.Role, country string) *auth.Principal {
		return authtest.Principal(t, accounts, auth.UserInput{Email: email, Roles: []auth.Role{role}, Country: country})
	}
	r.isl, r.ken = user("fp-isl@example.org", auth.RoleFocalPoint, "ISL"), user("fp-ken@example.org", auth.RoleFocalPoint, "KEN")
	r.rev1, r.rev2 = user("rev1@example.org", auth.RoleReviewer, ""), user("rev2@example.org", auth.RoleReviewer, "")
	r.obs, r.an = user("obs@example.org", auth.RoleReviewer, ""), user("an@example.org", auth.RoleAnalyst, "")
	return r
}

// answers is the form of article n with every required question answered.
func complete(t *testing.T, r *room, by *auth.Principal, id int64) {
	t.Helper()
	q := r.svc.Set.Get("tip-protocol")
	for _, art := range q.Articles {
		f := url.Values{}
		for _, qu := range art.Questions {
			if qu.Required {
				f.Set(FieldName(qu.ID), "yes")
			}
		}
		if _, err := r.svc.SaveArticle(t.Context(), by, id, art.Number, f); err != nil {
			t.Fatalf("article %s: %v", art.Number, err)
		}
	}
}

func wantKind(t *testing.T, what string, err error, k errs.Kind) {
	t.Helper()
	if !errs.Is(err, k) {
		t.Errorf("%s: %v, want kind %v", what, err, k)
	}
}

// TestAssessmentLifecycle: a focal point starts, answers (a conditional
// question appears), attaches, cannot submit while a required question is
// open, submits, cannot change it; an analyst reopens it. Kenya's focal
// point reaches none of it. Every change is in the audit log.
func TestAssessmentLifecycle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		if _, err := r.svc.Start(ctx, r.isl, "ISL", "som-protocol"); !errs.Is(err, errs.KindInvalid) || errs.FieldKeys(err)["questionnaire"] != "err.omnibus_not_party" {
			t.Errorf("Iceland is no party to the Smuggling Protocol in the shipped status: %v", err)
		}
		wantKind(t, "Kenya's focal point starts Iceland's", func() error { _, err := r.svc.Start(ctx, r.ken, "ISL", "tip-protocol"); return err }(), errs.KindForbidden)
		a, err := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol"); !errs.Is(err, errs.KindConflict) {
			t.Errorf("a second start: %v", err)
		}
		sh, err := r.svc.SaveArticle(ctx, r.isl, a.ID, "5", url.Values{"q.tip-5-1": {"no"}, "q.tip-5-6.type": {"training"}, "q.tip-5-6.priority": {"high"}})
		if err != nil {
			t.Fatal(err)
		}
		q := sh.Questionnaire
		if Visible(q, q.Question("tip-5-2"), sh.Answers) || !Visible(q, q.Question("tip-5-6"), sh.Answers) {
			t.Error("after no: the forms of exploitation are asked, or the assistance is not")
		}
		if g := GapsOf(sh); len(g.Needs) != 1 || g.Articles[0].Status != StatusNotKnown {
			t.Errorf("gaps after one answer: %+v", g)
		}
		// A bad answer stores nothing of the article.
		_, err = r.svc.SaveArticle(ctx, r.isl, a.ID, "5", url.Values{"q.tip-5-1": {"yes"}, "q.tip-5-4.title": {"Code"}, "q.tip-5-4.year": {"19x"},
			"q.tip-5-4.link": {"javascript:alert(1)"}})
		if keys := errs.FieldKeys(err); keys["q.tip-5-4.year"] != "err.omnibus_bad_year" {
			t.Errorf("bad year: %v", err)
		}
		if sh, _ = r.svc.Open(ctx, r.isl, a.ID); sh.Answers["tip-5-1"].Choice != "no" {
			t.Errorf("a refused save changed the answers: %+v", sh.Answers["tip-5-1"])
		}
		for name, form := range map[string]url.Values{
			"link":   {"q.tip-5-1": {"yes"}, "q.tip-5-4.title": {"Code"}, "q.tip-5-4.link": {"javascript:alert(1)"}},
			"choice": {"q.tip-5-1": {"maybe"}},
			"long":   {"q.tip-13-4": {strings.Repeat("word ", 2_001)}},
			"number": {"q.tip-13-3": {"many"}},
		} {
			art := "5"
			if name == "long" || name == "number" {
				art = "13"
			}
			if _, err := r.svc.SaveArticle(ctx, r.isl, a.ID, art, form); !errs.Is(err, errs.KindInvalid) {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		// Files: type sniffed, empty and foreign files refused.
		if _, err := r.svc.Attach(ctx, r.isl, a.ID, "tip-5-5", "x.exe", []byte("MZ\x90\x00")); errs.FieldKeys(err)["file"] != "err.document_type" {
			t.Errorf("an executable: %v", err)
		}
		if _, err := r.svc.Attach(ctx, r.isl, a.ID, "tip-5-1", "a.txt", []byte("text")); errs.FieldKeys(err)["question"] != "err.omnibus_not_file_question" {
			t.Errorf("a file on a yes/no question: %v", err)
		}
		f, err := r.svc.Attach(ctx, r.isl, a.ID, "tip-5-5", "law.txt", []byte("The text of the law."))
		if err != nil {
			t.Fatal(err)
		}
		// A second file, removed again: the answer keeps only the first.
		f2, err := r.svc.Attach(ctx, r.isl, a.ID, "tip-5-5", "old.txt", []byte("An older text."))
		if err != nil {
			t.Fatal(err)
		}
		wantKind(t, "Kenya removes Iceland's file", r.svc.Detach(ctx, r.ken, a.ID, f2.ID), errs.KindForbidden)
		if err := r.svc.Detach(ctx, r.isl, a.ID, f2.ID); err != nil {
			t.Fatal(err)
		}
		if sh, _ := r.svc.Open(ctx, r.isl, a.ID); len(sh.Files) != 1 || len(sh.Answers["tip-5-5"].Files) != 1 || sh.Answers["tip-5-5"].Files[0] != f.ID {
			t.Errorf("after removing a file: %d files, answer %v", len(sh.Files), sh.Answers["tip-5-5"].Files)
		}
		wantKind(t, "Kenya reads Iceland's file", func() error { _, err := r.svc.File(ctx, r.ken, a.ID, f.ID); return err }(), errs.KindForbidden)
		wantKind(t, "Kenya answers Iceland's", func() error { _, err := r.svc.SaveArticle(ctx, r.ken, a.ID, "5", url.Values{}); return err }(), errs.KindForbidden)
		wantKind(t, "Kenya opens Iceland's", func() error { _, err := r.svc.Open(ctx, r.ken, a.ID); return err }(), errs.KindForbidden)
		wantKind(t, "Kenya submits Iceland's", func() error { _, err := r.svc.Submit(ctx, r.ken, a.ID); return err }(), errs.KindForbidden)
		wantKind(t, "Kenya's gaps of Iceland", func() error { _, err := r.svc.Gaps(ctx, r.ken, "ISL", "tip-protocol"); return err }(), errs.KindForbidden)
		wantKind(t, "a reviewer not assigned opens it", func() error { _, err := r.svc.Open(ctx, r.rev1, a.ID); return err }(), errs.KindForbidden)

		if _, err := r.svc.Submit(ctx, r.isl, a.ID); errs.FieldKeys(err)["article-6"] != "err.omnibus_article_open" {
			t.Errorf("submitting with open questions: %v", err)
		}
		complete(t, r, r.isl, a.ID)
		if _, err := r.svc.Submit(ctx, r.isl, a.ID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "answering once submitted", func() error { _, err := r.svc.SaveArticle(ctx, r.isl, a.ID, "5", url.Values{}); return err }(), errs.KindConflict)
		wantKind(t, "a focal point reopens", func() error { _, err := r.svc.Reopen(ctx, r.isl, a.ID); return err }(), errs.KindForbidden)
		if _, err := r.svc.Reopen(ctx, r.an, a.ID); err != nil {
			t.Fatal(err)
		}
		g, err := r.svc.Gaps(ctx, r.an, "ISL", "tip-protocol")
		if err != nil || g.Counts[StatusImplemented] != len(q.Articles) {
			t.Errorf("every required answer yes: %+v %v", g, err)
		}
		n, err := audit.Verify(ctx, d)
		if err != nil || n < 14 {
			t.Errorf("audit log: %d entries, %v", n, err)
		}
	})
}

// TestImportFromAnotherInstrument: an answer given in the Convention's
// assessment fills the Protocol question that imports from it, once.
func TestImportFromAnotherInstrument(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		var target, source *Question
		for _, qu := range r.svc.Set.Get("tip-protocol").questions {
			for _, src := range qu.ImportFrom {
				if _, s := r.svc.Set.Question(src); s != nil && strings.HasPrefix(src, "untoc-") && s.Type == TypeYesNoPartial {
					target, source = qu, s
				}
			}
		}
		if target == nil {
			t.Fatal("no Protocol question imports a yes/no answer from the Convention")
		}
		conv, err := r.svc.Start(ctx, r.isl, "ISL", "untoc")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.SaveArticle(ctx, r.isl, conv.ID, source.Article().Number, url.Values{FieldName(source.ID): {"partially"}}); err != nil {
			t.Fatal(err)
		}
		tip, err := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := r.svc.Import(ctx, r.isl, tip.ID); err != nil || n < 1 {
			t.Fatalf("import: %d %v", n, err)
		}
		sh, _ := r.svc.Open(ctx, r.isl, tip.ID)
		if sh.Answers[target.ID].Choice != "partially" {
			t.Errorf("%s after the import: %+v", target.ID, sh.Answers[target.ID])
		}
		if n, _ := r.svc.Import(ctx, r.isl, tip.ID); n != 0 {
			t.Errorf("a second import copied %d answers", n)
		}
	})
}

// TestReviewScope: two reviewers on two reviews and an observer try each
// other's; the State answers its own review only; the secretariat
// publishes; the summary is public only then.
func TestReviewScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		sys := auth.System("test")
		for _, c := range []struct {
			p    *auth.Principal
			iso3 string
		}{{r.isl, "ISL"}, {r.ken, "KEN"}} {
			a, err := r.svc.Start(ctx, c.p, c.iso3, "tip-protocol")
			if err != nil {
				t.Fatal(err)
			}
			complete(t, r, c.p, a.ID)
			if _, err := r.svc.Submit(ctx, c.p, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		wantKind(t, "a focal point draws", func() error {
			_, err := r.svc.Draw(ctx, r.isl, DrawRequest{Instrument: "tip-protocol", Cycle: "x", Seed: 1})
			return err
		}(), errs.KindForbidden)
		cy, err := r.svc.CommitDraw(ctx, r.an, DrawRequest{Instrument: "tip-protocol", Cycle: "2027", Seed: 11, UnderReview: []string{"ISL", "KEN"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.CommitDraw(ctx, r.an, DrawRequest{Instrument: "tip-protocol", Cycle: "2027", Seed: 12, UnderReview: []string{"ISL"}}); !errs.Is(err, errs.KindConflict) {
			t.Errorf("a second cycle of the same name: %v", err)
		}
		rev := map[string]int64{}
		for _, x := range cy.Reviews {
			rev[x.Country] = x.ID
		}
		for who, m := range map[string]struct {
			p    *auth.Principal
			iso3 string
			role MemberRole
		}{"rev1": {r.rev1, "ISL", MemberExpert}, "rev2": {r.rev2, "KEN", MemberExpert}, "obs": {r.obs, "ISL", MemberObserver}} {
			if _, err := r.svc.Assign(ctx, r.an, rev[m.iso3], m.p.Email, m.role); err != nil {
				t.Fatalf("assign %s: %v", who, err)
			}
		}
		if _, err := r.svc.Assign(ctx, r.an, rev["ISL"], r.isl.Email, MemberExpert); errs.FieldKeys(err)["email"] != "err.omnibus_not_reviewer" {
			t.Errorf("a focal point as expert: %v", err)
		}
		wantKind(t, "a reviewer assigns", func() error { _, err := r.svc.Assign(ctx, r.rev1, rev["KEN"], r.rev1.Email, MemberExpert); return err }(), errs.KindForbidden)

		// Each reviewer reads its own review and assessment, not the other's.
		islAssessment, _ := r.svc.Gaps(ctx, r.rev1, "ISL", "tip-protocol")
		if islAssessment == nil {
			t.Fatal("the expert on Iceland cannot read Iceland's gaps")
		}
		kenAssessments, _ := r.svc.Assessments(ctx, r.rev2)
		if len(kenAssessments) != 1 || kenAssessments[0].Country != "KEN" {
			t.Errorf("the expert on Kenya lists %+v", kenAssessments)
		}
		for name, err := range map[string]error{
			"rev1 opens Kenya's review":      func() error { _, err := r.svc.Review(ctx, r.rev1, rev["KEN"]); return err }(),
			"rev2 comments on Iceland's":     func() error { _, err := r.svc.Comment(ctx, r.rev2, rev["ISL"], "tip-5-1", "x"); return err }(),
			"rev1 reads Kenya's gaps":        func() error { _, err := r.svc.Gaps(ctx, r.rev1, "KEN", "tip-protocol"); return err }(),
			"Kenya's focal point on Iceland": func() error { _, err := r.svc.Review(ctx, r.ken, rev["ISL"]); return err }(),
			"the observer comments":          func() error { _, err := r.svc.Comment(ctx, r.obs, rev["ISL"], "tip-5-1", "x"); return err }(),
			"the observer observes": func() error {
				_, err := r.svc.AddObservation(ctx, r.obs, rev["ISL"], ObsGap, "5", "x")
				return err
			}(),
			"Iceland answers before the list is sent": func() error { _, err := r.svc.AnswerObservations(ctx, r.isl, rev["ISL"], AnswerAgree, ""); return err }(),
		} {
			if !errs.Is(err, errs.KindForbidden) && !errs.Is(err, errs.KindConflict) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
		if d, err := r.svc.Review(ctx, r.obs, rev["ISL"]); err != nil || d.Sheet == nil || d.CanComment() {
			t.Errorf("the observer's dossier: %+v %v", d, err)
		}
		if _, err := r.svc.Comment(ctx, r.rev1, rev["ISL"], "tip-9-9", "x"); errs.FieldKeys(err)["question"] != "err.omnibus_unknown_question" {
			t.Errorf("a comment on no question: %v", err)
		}
		if _, err := r.svc.Comment(ctx, r.rev1, rev["ISL"], "tip-5-1", strings.Repeat("x", maxCommentRunes+1)); !errs.Is(err, errs.KindInvalid) {
			t.Errorf("a long comment: %v", err)
		}
		if _, err := r.svc.Comment(ctx, r.rev1, rev["ISL"], "tip-5-1", "Which court decided the first case?"); err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.SendObservations(ctx, r.rev1, rev["ISL"]); errs.FieldKeys(err)["observations"] != "err.omnibus_no_observations" {
			t.Errorf("sending an empty list: %v", err)
		}
		o, err := r.svc.AddObservation(ctx, r.rev1, rev["ISL"], ObsGap, "5", "Drafted by mistake.")
		if err != nil {
			t.Fatal(err)
		}
		wantKind(t, "the observer deletes an observation", r.svc.DeleteObservation(ctx, r.obs, rev["ISL"], o.ID), errs.KindForbidden)
		if err := r.svc.DeleteObservation(ctx, r.rev1, rev["ISL"], o.ID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "an observation deleted twice", r.svc.DeleteObservation(ctx, r.rev1, rev["ISL"], o.ID), errs.KindNotFound)
		if _, err := r.svc.AddObservation(ctx, r.rev1, rev["ISL"], ObsGoodPractice, "9", "A national plan with civil society."); err != nil {
			t.Fatal(err)
		}
		// The observer is taken off the review and no longer reads it.
		if err := r.svc.Unassign(ctx, r.an, rev["ISL"], r.obs.UserID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "the former observer reads", func() error { _, err := r.svc.Review(ctx, r.obs, rev["ISL"]); return err }(), errs.KindForbidden)
		if _, err := r.svc.SendObservations(ctx, r.rev1, rev["ISL"]); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "commenting once sent", func() error { _, err := r.svc.Comment(ctx, r.rev1, rev["ISL"], "tip-5-1", "x"); return err }(), errs.KindConflict)
		wantKind(t, "Kenya answers for Iceland", func() error { _, err := r.svc.AnswerObservations(ctx, r.ken, rev["ISL"], AnswerAgree, ""); return err }(), errs.KindForbidden)
		if _, err := r.svc.AnswerObservations(ctx, r.isl, rev["ISL"], AnswerComment, ""); errs.FieldKeys(err)["comment"] != "err.required" {
			t.Errorf("a comment answer without a comment: %v", err)
		}
		if _, err := r.svc.PublishedReview(ctx, rev["ISL"]); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("the summary before publication: %v", err)
		}
		if _, err := r.svc.AnswerObservations(ctx, r.isl, rev["ISL"], AnswerAgree, ""); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "a reviewer publishes", func() error { _, err := r.svc.PublishSummary(ctx, r.rev1, rev["ISL"], "x"); return err }(), errs.KindForbidden)
		if _, err := r.svc.PublishSummary(ctx, r.an, rev["ISL"], "Iceland has criminalized trafficking; see the observations."); err != nil {
			t.Fatal(err)
		}
		p, err := r.svc.PublishedReview(ctx, rev["ISL"])
		if err != nil || len(p.Observations) != 1 || p.Review.StateAnswer != AnswerAgree {
			t.Errorf("the published review: %+v %v", p, err)
		}
		// Reopening takes the assessment away from the reviewers again.
		a, _ := findAssessmentOf(t, r, "KEN")
		if _, err := r.svc.Reopen(ctx, sys, a); err != nil {
			t.Fatal(err)
		}
		if d, err := r.svc.Review(ctx, r.rev2, rev["KEN"]); err != nil || d.Sheet != nil {
			t.Errorf("the expert reads a reopened draft: %v", err)
		}
		wantKind(t, "the expert opens the reopened draft", func() error { _, err := r.svc.Open(ctx, r.rev2, a); return err }(), errs.KindForbidden)
		wantKind(t, "the expert's gaps of the reopened draft", func() error { _, err := r.svc.Gaps(ctx, r.rev2, "KEN", "tip-protocol"); return err }(), errs.KindForbidden)
	})
}

func findAssessmentOf(t *testing.T, r *room, iso3 string) (int64, error) {
	t.Helper()
	as, err := r.svc.Assessments(t.Context(), auth.System("test"))
	for _, a := range as {
		if a.Country == iso3 {
			return a.ID, nil
		}
	}
	t.Fatalf("no assessment of %s (%v)", iso3, err)
	return 0, err
}
