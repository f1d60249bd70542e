package caselaw

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// publicTitles is the title of case ref in each public read: the country
// profile, the citations of its legislation, the search and the case.
func publicTitles(t *testing.T, s *Service, ref string) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	cc, err := s.ForCountry(ctx, ref[:3])
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cc.Latest {
		if h.ID == ref {
			out["profile"] = h.Title
		}
	}
	cites, err := s.Citations(ctx, "NGA-TIPLEA-2015")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cites {
		if c.CaseID == ref {
			out["citations"] = c.Title
		}
	}
	res, err := s.Find(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == ref {
			out["search"] = h.Title
		}
	}
	rec, err := s.Get(ctx, nil, ref)
	if err != nil {
		t.Fatal(err)
	}
	out["case"] = rec.Case.Title
	return out
}

// TestPublicReadsShowThePublishedRevision: a focal point's new draft of a
// published case — a title naming a victim, with a passport number and an
// e-mail address — changes nothing the public reads until an editor
// publishes it; then every public read shows the new title.
func TestPublicReadsShowThePublishedRevision(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		c.Defendants[0].Charges[0].Instrument, c.Defendants[0].Charges[0].Article = "NGA-TIPLEA-2015", "13"
		saveAndPublish(t, s, c)
		published := c.Title
		want := map[string]string{"profile": published, "citations": published, "search": published, "case": published}
		if diff := cmp.Diff(want, publicTitles(t, s, c.ID)); diff != "" {
			t.Fatalf("published (-want +got):\n%s", diff)
		}

		c.Title = "State v. Amina Bello, passport A12345678, amina@example.com"
		rec, err := s.Save(ctx, fpNGA, c, "new title")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Rev != 2 || !rec.Blocked() {
			t.Fatalf("the draft: rev %d, findings %v", rec.Rev, rec.Findings)
		}
		if diff := cmp.Diff(want, publicTitles(t, s, c.ID)); diff != "" {
			t.Fatalf("a draft changed what the public reads (-want +got):\n%s", diff)
		}
		drafts, err := s.Drafts(ctx, fpNGA)
		if err != nil || len(drafts) != 1 || drafts[0].Title != c.Title {
			t.Fatalf("the drafter's list shows the draft's title: %v %+v", err, drafts)
		}

		c.Title = "State v. A.B."
		if _, err := s.Save(ctx, editor, c, "fixed"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 3); err != nil {
			t.Fatal(err)
		}
		want = map[string]string{"profile": c.Title, "citations": c.Title, "search": c.Title, "case": c.Title}
		if diff := cmp.Diff(want, publicTitles(t, s, c.ID)); diff != "" {
			t.Fatalf("after publication (-want +got):\n%s", diff)
		}
	})
}
