package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestBackgroundBuild: a build with a PDF runs after the request; a second
// build of the same edition is refused while it runs; a failed build is
// listed as failed and stores nothing; a bad spec or a published name is
// refused at once; with Chromium the draft and its PDF arrive.
func TestBackgroundBuild(t *testing.T) {
	_, svc := startWithSample(t, db.SQLite)
	ctx := t.Context()
	spec := report.Spec{Edition: "bg", Years: stats.Span{From: 2015, To: 2021}, Langs: []string{"en"}, PDF: true}

	// A "browser" that starts, lingers and fails: the build fails when it
	// comes to print.
	fake := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nsleep 3\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	svc.Printer = report.Printer{Chromium: fake}
	if err := svc.BuildDraftInBackground(ctx, analyst, spec); err != nil {
		t.Fatal(err)
	}
	if err := svc.BuildDraftInBackground(ctx, analyst, spec); !errs.Is(err, errs.KindConflict) {
		t.Errorf("a second build while the first runs: %v, want a conflict", err)
	}
	if jobs := svc.Jobs(); len(jobs) != 1 || jobs[0].Edition != "bg" || jobs[0].Failed {
		t.Errorf("jobs while running: %+v", jobs)
	}
	svc.WaitJobs()
	if jobs := svc.Jobs(); len(jobs) != 1 || !jobs[0].Failed || !strings.Contains(jobs[0].Reason, "chromium") {
		t.Errorf("jobs after a failed build, with the reason the analyst reads: %+v", jobs)
	}
	if _, _, err := svc.Edition(ctx, analyst, "bg"); !errs.Is(err, errs.KindNotFound) {
		t.Errorf("a failed build stored an edition: %v", err)
	}

	bad := spec
	bad.Years = stats.Span{From: 2021, To: 2015}
	if err := svc.BuildDraftInBackground(ctx, analyst, bad); !errs.Is(err, errs.KindInvalid) {
		t.Errorf("reversed years: %v, want invalid", err)
	}
	pub := report.Spec{Edition: "pub", Years: spec.Years, Langs: []string{"en"}}
	if _, err := svc.BuildDraft(ctx, analyst, pub); err != nil {
		t.Fatal(err)
	}
	if err := svc.Publish(ctx, analyst, "pub"); err != nil {
		t.Fatal(err)
	}
	pub.PDF = true
	if err := svc.BuildDraftInBackground(ctx, analyst, pub); !errs.Is(err, errs.KindConflict) {
		t.Errorf("rebuilding a published edition: %v, want a conflict", err)
	}

	svc.Printer = report.Printer{Chromium: chromiumOrSkip(t)}
	if err := svc.BuildDraftInBackground(ctx, analyst, spec); err != nil {
		t.Fatalf("a new build after a failed one: %v", err)
	}
	svc.WaitJobs()
	if jobs := svc.Jobs(); len(jobs) != 0 {
		t.Errorf("jobs after a good build: %+v", jobs)
	}
	ei, _, err := svc.Edition(ctx, analyst, "bg")
	if err != nil || ei.Status != report.StatusDraft || !ei.PDF {
		t.Fatalf("the draft after a good build: %+v, %v", ei, err)
	}
}
