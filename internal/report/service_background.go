package report

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// backgroundLimit bounds one background build: a full edition in six
// languages prints in about ten minutes on two cores.
const backgroundLimit = 45 * time.Minute

// Job is a build running in the background, or one that failed, as the
// reports page shows it. A finished build is simply a draft.
type Job struct {
	Edition string
	Langs   []string
	By      string
	Started time.Time
	Failed  bool   // the build stopped with an error (logged; the page says so)
	Reason  string // why it failed, as the error says: shown to the analyst
}

// jobs are this server's background builds, by edition name.
type jobs struct {
	mu sync.Mutex
	m  map[string]*Job
	wg sync.WaitGroup
}

// BuildDraftInBackground checks what can be checked at once — the role,
// the spec, the printer, that no edition of that name is published and no
// build of it is running — then builds the draft in the background, as
// BuildDraft does, and returns. Printing a PDF takes minutes: longer than
// a request may. The request's cancellation does not stop the build; a
// failure is logged and shown on the reports page until the next build of
// that name.
func (s *Service) BuildDraftInBackground(ctx context.Context, by *auth.Principal, spec Spec) error {
	if err := mayBuild(by); err != nil {
		return err
	}
	if err := spec.Validate(); err != nil {
		return err
	}
	if spec.PDF && s.Printer.Check() != nil {
		return errs.Invalid().Field("pdf", "err.report_no_chromium")
	}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		ei, err := getEdition(ctx, tx, spec.Edition)
		if err == nil && ei.Status == StatusPublished {
			return errs.Conflict("err.report_edition_published", "Edition", spec.Edition)
		}
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	job := &Job{Edition: spec.Edition, Langs: spec.Langs, By: by.AuditActor().Label, Started: s.now()}
	s.jobs.mu.Lock()
	if old := s.jobs.m[spec.Edition]; old != nil && !old.Failed {
		s.jobs.mu.Unlock()
		return errs.Conflict("err.report_build_running", "Edition", spec.Edition)
	}
	if s.jobs.m == nil {
		s.jobs.m = map[string]*Job{}
	}
	s.jobs.m[spec.Edition] = job
	s.jobs.mu.Unlock()

	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundLimit)
	s.jobs.wg.Add(1)
	go func() {
		defer s.jobs.wg.Done()
		defer cancel()
		_, err := s.BuildDraft(bctx, by, spec)
		s.tellBuild(bctx, spec.Edition, err)
		s.jobs.mu.Lock()
		defer s.jobs.mu.Unlock()
		if err != nil {
			job.Failed, job.Reason = true, err.Error()
			log := s.Log
			if log == nil {
				log = slog.Default()
			}
			log.ErrorContext(bctx, "report build failed", "edition", spec.Edition, "by", job.By, "err", err)
			return
		}
		delete(s.jobs.m, spec.Edition)
	}()
	return nil
}

// Jobs lists the background builds running or failed, by edition name.
func (s *Service) Jobs() []Job {
	s.jobs.mu.Lock()
	defer s.jobs.mu.Unlock()
	out := make([]Job, 0, len(s.jobs.m))
	for _, j := range s.jobs.m {
		out = append(out, *j)
	}
	slices.SortFunc(out, func(a, b Job) int { return strings.Compare(a.Edition, b.Edition) })
	return out
}

// WaitJobs waits for the background builds to end (shutdown, tests).
func (s *Service) WaitJobs() { s.jobs.wg.Wait() }
