package caselaw

import (
	"context"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/search"
)

func newService(t *testing.T, d *db.DB) *Service {
	t.Helper()
	ix, err := search.New(d, search.DefaultCacheBytes)
	if err != nil {
		t.Fatal(err)
	}
	region := func(iso3 string) string { return map[string]string{"NGA": "002", "BEN": "002", "ITA": "150"}[iso3] }
	return NewService(d, ix, known, region, func(lang, key string) string { return key }, DefaultListCacheBytes)
}

// runService runs fn on each engine with a service over a database of its own.
func runService(t *testing.T, fn func(t *testing.T, ctx context.Context, s *Service)) {
	t.Helper()
	dbtest.Run(t, func(t *testing.T, d *db.DB) { fn(t, context.Background(), newService(t, d)) })
}

var (
	editor  = &auth.Principal{UserID: 1, Email: "editor@example.org", Roles: []auth.Role{auth.RoleEditor}}
	fpNGA   = &auth.Principal{UserID: 2, Email: "fp@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "NGA"}
	fpBEN   = &auth.Principal{UserID: 3, Email: "fp-ben@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "BEN"}
	analyst = &auth.Principal{UserID: 4, Email: "an@example.org", Roles: []auth.Role{auth.RoleAnalyst}}
)

// saveAndPublish saves c as an editor and publishes it: revision 1 of a
// published case, where most tests start.
func saveAndPublish(t *testing.T, s *Service, c Case) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Save(ctx, editor, c, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, editor, c.ID, 1); err != nil {
		t.Fatal(err)
	}
}

func find(t *testing.T, s *Service, text string) []string {
	t.Helper()
	res, err := s.Find(context.Background(), Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestWorkflow: a focal point drafts, the identifier check flags a phone
// number, publication is refused until the editor fixes it; the public sees
// only what is published, at every revision; editors see the history.
func TestWorkflow(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		c.Summary["en"] += " Witness reachable on 0803 555 0199."
		if _, err := s.Save(ctx, fpBEN, c, ""); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("focal point of another country: %v", err)
		}
		if _, err := s.Save(ctx, analyst, c, ""); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("analyst: %v", err)
		}
		rec, err := s.Save(ctx, fpNGA, c, "first draft")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Rev != 1 || len(rec.Findings) != 1 || rec.Findings[0].Kind != "phone" || !rec.Blocked() {
			t.Fatalf("draft: %+v", rec)
		}
		if _, err := s.Publish(ctx, fpNGA, c.ID, 1); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("focal point publishing: %v", err)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 1); !errs.Is(err, errs.KindConflict) {
			t.Fatalf("flagged publication: %v", err)
		}
		if _, err := s.Public(ctx, c.ID); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("draft visible to the public: %v", err)
		}
		if got := find(t, s, "deception"); len(got) != 0 {
			t.Fatalf("draft searchable: %v", got)
		}
		c.Summary["en"] = sample().Summary["en"]
		if rec, err = s.Save(ctx, editor, c, "removed the phone number"); err != nil || rec.Rev != 2 || rec.Blocked() {
			t.Fatalf("fix: %+v %v", rec, err)
		}
		if again, _ := s.Save(ctx, editor, c, ""); again.Rev != 2 {
			t.Fatalf("unchanged save made revision %d", again.Rev)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 1); !errs.Is(err, errs.KindConflict) {
			t.Fatalf("stale revision: %v", err)
		}
		if rec, err = s.Publish(ctx, editor, c.ID, 2); err != nil || !rec.Published() {
			t.Fatalf("publish: %+v %v", rec, err)
		}
		if got := find(t, s, "deception italy"); len(got) != 1 {
			t.Fatalf("published case not found: %v", got)
		}
		c.Title = "Corrected title"
		if _, err := s.Save(ctx, fpNGA, c, "correction"); err != nil {
			t.Fatal(err)
		}
		pub, _ := s.Public(ctx, c.ID)
		mine, _ := s.Get(ctx, fpNGA, c.ID)
		other, _ := s.Get(ctx, fpBEN, c.ID)
		if pub.Rev != 2 || mine.Rev != 3 || other.Rev != 2 || !mine.Pending() {
			t.Fatalf("revisions seen: public %d, own focal point %d, other %d", pub.Rev, mine.Rev, other.Rev)
		}
		if _, err := s.History(ctx, fpNGA, c.ID); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("history for a focal point: %v", err)
		}
		h, err := s.History(ctx, editor, c.ID)
		if err != nil || len(h) != 3 || !h[1].Published || h[2].Findings != 1 {
			t.Fatalf("history: %+v %v", h, err)
		}
		drafts, _ := s.Drafts(ctx, fpNGA)
		if len(drafts) != 1 || drafts[0].LatestRev != 3 {
			t.Fatalf("drafts: %+v", drafts)
		}
		if drafts, _ := s.Drafts(ctx, fpBEN); len(drafts) != 0 {
			t.Fatalf("other country's drafts: %+v", drafts)
		}
	})
}

// TestSaveChecksScopeFirst: another country's focal point is refused
// before the case it sends is validated — whatever it sends, it learns
// nothing of the case from validation messages, and the edit form is not
// shown again to them with the case in it.
func TestSaveChecksScopeFirst(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		saveAndPublish(t, s, c)
		broken := c
		broken.Summary = nil
		if _, err := s.Save(ctx, fpBEN, broken, ""); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("an invalid revision of another country's case: %v, want forbidden", err)
		}
		moved := c
		moved.Country = "BEN"
		if _, err := s.Save(ctx, fpBEN, moved, ""); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("another country's case claimed for one's own: %v, want forbidden", err)
		}
		if _, err := s.Save(ctx, fpNGA, broken, ""); !errs.Is(err, errs.KindInvalid) {
			t.Errorf("its own focal point's invalid revision: %v, want invalid", err)
		}
		fresh := sample()
		fresh.ID, fresh.Country, fresh.Summary = "NGA-2020-009", "", nil
		if _, err := s.Save(ctx, fpNGA, fresh, ""); !errs.Is(err, errs.KindInvalid) {
			t.Errorf("a new case without a country: %v, want invalid", err)
		}
	})
}

// TestConfirmAndInclusion: an editor may confirm findings instead of
// fixing them; a trafficking case without means is refused at publication.
func TestConfirmAndInclusion(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		c.Summary["en"] += " Case file FHC/L/162C/2019, ref. AB1234567."
		c.Keywords.Means = nil
		rec, err := s.Save(ctx, editor, c, "")
		if err != nil || !rec.Blocked() {
			t.Fatalf("save: %+v %v", rec, err)
		}
		if err := s.Confirm(ctx, editor, c.ID, 1); err != nil {
			t.Fatal(err)
		}
		_, err = s.Publish(ctx, editor, c.ID, 1)
		if e := errs.As(err); e.Kind != errs.KindInvalid || e.FieldKey("keywords.means") != "err.caselaw_inclusion_means" {
			t.Fatalf("inclusion rule: %v", err)
		}
		c.Victims[0].AgeGroup = "child"
		if _, err := s.Save(ctx, editor, c, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.Confirm(ctx, editor, c.ID, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 2); err != nil {
			t.Fatalf("child victim without means: %v", err)
		}
	})
}

// TestAttachment: a PDF judgment is stored with its digest, its words
// become searchable when its revision is published; other files are refused.
func TestAttachment(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		saveAndPublish(t, s, c)
		if _, err := s.Attach(ctx, editor, c.ID, "x.pdf", []byte("GIF89a not a pdf")); errs.As(err).FieldKey("file") != "err.caselaw_file_type" {
			t.Fatalf("gif accepted: %v", err)
		}
		a, err := s.Attach(ctx, editor, c.ID, `C:\docs\judgment.pdf`, intake.TextPDF("The accused harboured the victims in Kano."))
		if err != nil || a.Rev != 2 || a.Name != "judgment.pdf" || !a.Searchable || len(a.SHA256) != 64 {
			t.Fatalf("attach: %+v %v", a, err)
		}
		if got := find(t, s, "kano"); len(got) != 0 {
			t.Fatalf("unpublished file searchable: %v", got)
		}
		if _, err := s.File(ctx, nil, c.ID, a.ID); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("draft file public: %v", err)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 2); err != nil {
			t.Fatal(err)
		}
		if got := find(t, s, "kano"); len(got) != 1 {
			t.Fatalf("file text not searchable: %v", got)
		}
		f, err := s.File(ctx, nil, c.ID, a.ID)
		if err != nil || len(f.Data) == 0 {
			t.Fatalf("public file: %v", err)
		}
	})
}

// TestCachesFollowPublication: two servers on one database, both with warm
// caches (search match sets, listed cases and snippets). A draft never
// reaches the public's results; a correction reaches the other server's
// results as soon as it is published, never before.
func TestCachesFollowPublication(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, b := newService(t, d), newService(t, d)
		titles := func(s *Service, text string) []string {
			t.Helper()
			res, err := s.Find(ctx, Query{Text: text, Filters: map[string][]string{"country": {"NGA"}}})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, h := range res.Hits {
				out = append(out, h.Title+" | "+string(h.Snippet))
			}
			return out
		}
		c := sample()
		if _, err := a.Save(ctx, editor, c, ""); err != nil {
			t.Fatal(err)
		}
		if got := titles(b, "deception"); len(got) != 0 {
			t.Fatalf("draft found: %v", got)
		}
		if _, err := a.Publish(ctx, editor, c.ID, 1); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second search is served from the caches
			if got := titles(b, "deception"); len(got) != 1 || !strings.Contains(got[0], "<mark>deception</mark>") {
				t.Fatalf("published case: %v", got)
			}
		}
		c.Title = "Corrected title"
		c.Summary["en"] = "The accused recruited three women by fraud for sexual exploitation in Italy."
		if _, err := a.Save(ctx, fpNGA, c, "correction"); err != nil {
			t.Fatal(err)
		}
		if got := titles(b, "deception"); len(got) != 1 || strings.Contains(got[0], "Corrected") {
			t.Fatalf("unpublished correction shown: %v", got)
		}
		if got := titles(b, "fraud"); len(got) != 0 {
			t.Fatalf("unpublished correction searchable: %v", got)
		}
		if _, err := a.Publish(ctx, editor, c.ID, 2); err != nil {
			t.Fatal(err)
		}
		if got := titles(b, "fraud"); len(got) != 1 || !strings.HasPrefix(got[0], "Corrected title | ") ||
			!strings.Contains(got[0], "<mark>fraud</mark>") {
			t.Fatalf("published correction: %v", got)
		}
		// "deception" is still a keyword of the case (means), found by its
		// label, but the old text's snippet is gone.
		if got := titles(b, "deception"); len(got) != 1 || !strings.HasPrefix(got[0], "Corrected title | ") || strings.Contains(got[0], "by deception") {
			t.Fatalf("stale case after the correction: %v", got)
		}
	})
}
