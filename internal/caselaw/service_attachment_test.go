package caselaw

import (
	"context"
	"slices"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// TestAttachmentIdentifiers: a judgment file goes through the identifier
// check like the case's texts. A PDF naming a victim's passport number,
// e-mail and phone holds back its revision; the findings stay when the
// texts are edited again; the search never finds the passport number; once
// the file is taken off the draft, the revision can be published.
func TestAttachmentIdentifiers(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
		c := sample()
		saveAndPublish(t, s, c)
		pdf := intake.TextPDF("The victim, passport AB1234567, can be reached at victim@example.org",
			"or on +234 803 555 0199.")
		if _, err := s.Attach(ctx, fpBEN, c.ID, "judgment.pdf", pdf); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("focal point of another country: %v", err)
		}
		a, err := s.Attach(ctx, fpNGA, c.ID, "judgment.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		kinds := func(fs []Finding) []string {
			var out []string
			for _, f := range fs {
				if f.Field == "files.judgment.pdf" {
					out = append(out, f.Kind)
				}
			}
			slices.Sort(out)
			return out
		}
		if got := kinds(a.Findings); !slices.Equal(got, []string{"email", "passport", "phone"}) {
			t.Fatalf("file findings = %v", a.Findings)
		}
		rec, err := s.Get(ctx, editor, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Rev != 2 || !rec.Blocked() || !slices.Equal(kinds(rec.Findings), []string{"email", "passport", "phone"}) {
			t.Fatalf("revision %d blocked=%v findings %v", rec.Rev, rec.Blocked(), rec.Findings)
		}
		if _, err := s.Publish(ctx, editor, c.ID, 2); !errs.Is(err, errs.KindConflict) {
			t.Fatalf("published with the file's findings: %v", err)
		}
		// A new edit of the texts does not forget the file's findings.
		c.Summary["en"] += " Corrected."
		if _, err := s.Save(ctx, editor, c, "typo"); err != nil {
			t.Fatal(err)
		}
		if rec, _ = s.Get(ctx, editor, c.ID); !rec.Blocked() || len(kinds(rec.Findings)) != 3 {
			t.Fatalf("after an edit: revision %d blocked=%v findings %v", rec.Rev, rec.Blocked(), rec.Findings)
		}
		if got := find(t, s, "AB1234567"); len(got) != 0 {
			t.Fatalf("the passport number is found: %v", got)
		}
		// The drafter takes the file off; the draft is clean again.
		if err := s.RemoveFile(ctx, fpBEN, c.ID, a.ID); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("another country removes a file: %v", err)
		}
		if err := s.RemoveFile(ctx, fpNGA, c.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		if rec, _ = s.Get(ctx, editor, c.ID); rec.Blocked() || len(rec.Findings) != 0 || len(rec.Attachments) != 0 {
			t.Fatalf("after removing the file: blocked=%v findings %v files %d", rec.Blocked(), rec.Findings, len(rec.Attachments))
		}
		if _, err := s.Publish(ctx, editor, c.ID, rec.Rev); err != nil {
			t.Fatal(err)
		}
		// A published file stays.
		clean, err := s.Attach(ctx, editor, c.ID, "clean.pdf", intake.TextPDF("The court convicted the accused."))
		if err != nil || len(clean.Findings) != 0 {
			t.Fatalf("clean file: %+v %v", clean, err)
		}
		if _, err := s.Publish(ctx, editor, c.ID, clean.Rev); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveFile(ctx, editor, c.ID, clean.ID); !errs.Is(err, errs.KindConflict) {
			t.Fatalf("a published file removed: %v", err)
		}
	})
}
