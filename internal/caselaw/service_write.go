package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/search"
)

// item is one case on its way to the database: its new revision, or none
// when it is unchanged, and whether it goes public at once.
type item struct {
	c        Case
	body     string
	findings []Finding
	old      *stored // nil for a new case
	st       *stored // after writing
	rev      int
	changed  bool
	publish  bool
	note     string
	pre      *precomputed // the import's work done ahead; nil elsewhere
}

// precomputed is what an import works out for a case before its
// transaction needs it, on every core: its encoded body, the identifier
// check, the inclusion rule and the search document (without attachment
// texts, which only a stored case can have).
type precomputed struct {
	body      string
	findings  []Finding
	inclusion error
	doc       search.Prepared
}

// precompute does that work for cases on all cores.
func (s *Service) precompute(cases []Case) ([]precomputed, error) {
	out := make([]precomputed, len(cases))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range cases {
		g.Go(func() error {
			c := &cases[i]
			b, err := json.Marshal(c)
			if err != nil {
				return fmt.Errorf("prepare case %s: %w", c.ID, err)
			}
			docs, err := s.Search.Prepare(s.document(c, nil))
			if err != nil {
				return fmt.Errorf("prepare case %s: %w", c.ID, err)
			}
			out[i] = precomputed{body: string(b), findings: c.Identifiers(), inclusion: c.Inclusion(), doc: docs[0]}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// prepare compares each case with its latest stored revision and decides
// what to write. publish asks for publication of what passes the inclusion
// rule and the identifier check; the rest stays a draft.
// pre, when set, holds each case's precomputed work.
func (s *Service) prepare(ctx context.Context, tx *sql.Tx, cases []Case, pre []precomputed, existing map[string]*stored, publish bool, note string) ([]item, error) {
	bodies, err := latestBodies(ctx, tx, existing)
	if err != nil {
		return nil, err
	}
	files, err := fileFindingsOf(ctx, tx, existing)
	if err != nil {
		return nil, err
	}
	out := make([]item, 0, len(cases))
	for i, c := range cases {
		it := item{c: c, old: existing[c.ID], rev: 1, changed: true, note: note}
		if pre != nil {
			it.pre = &pre[i]
			it.body = it.pre.body
		} else {
			b, err := json.Marshal(c)
			if err != nil {
				return nil, fmt.Errorf("encode case %s: %w", c.ID, err)
			}
			it.body = string(b)
		}
		if it.old != nil {
			it.rev = it.old.LatestRev + 1
			if bodies[it.old.ID] == it.body {
				it.changed, it.rev = false, it.old.LatestRev
			}
		}
		if it.changed {
			inclusion := error(nil)
			if it.pre != nil {
				it.findings, inclusion = it.pre.findings, it.pre.inclusion
			} else {
				it.findings, inclusion = c.Identifiers(), c.Inclusion()
			}
			if it.old != nil {
				// The files the new revision carries are checked as its texts are.
				it.findings = append(slices.Clip(it.findings), files[it.old.ID]...)
			}
			it.publish = publish && len(it.findings) == 0 && inclusion == nil
		}
		out = append(out, it)
	}
	return out, nil
}

// write stores the changed items' revisions (and the new cases), audits
// each (unless actionNew is empty: the import audits a chunk at once), and
// publishes those marked for it.
func (s *Service) write(ctx context.Context, tx *sql.Tx, by *auth.Principal, items []item, actionNew, actionRevise string) error {
	now := db.Time(s.Now())
	if err := insertCases(ctx, tx, s.DB.Dialect, items, now); err != nil {
		return err
	}
	var revs [][]any
	var pubs []published
	actor := by.AuditActor()
	authorID := db.Nullable(actor.ID)
	for i := range items {
		it := &items[i]
		if !it.changed {
			continue
		}
		if it.old != nil {
			if err := setLatest(ctx, tx, it.st.ID, it.c.Country, it.c.Title, it.rev, now); err != nil {
				return fmt.Errorf("update case %s: %w", it.c.ID, err)
			}
		}
		findings, _ := json.Marshal(nonNil(it.findings))
		revs = append(revs, []any{it.st.ID, it.rev, it.body, string(findings), authorID, actor.Label, it.note, now})
		if it.publish {
			p := published{st: it.st, c: it.c, rev: it.rev, fresh: it.old == nil}
			if it.pre != nil {
				p.doc = &it.pre.doc
			}
			pubs = append(pubs, p)
		}
	}
	if err := insertRevisions(ctx, tx, s.DB.Dialect, revs); err != nil {
		return err
	}
	for i := range items {
		if actionNew == "" {
			break
		}
		it := &items[i]
		if !it.changed {
			continue
		}
		action := actionRevise
		if it.old == nil {
			action = actionNew
		}
		if err := audit.Record(ctx, tx, actor, audit.Change{Action: action, EntityType: "case", EntityID: it.c.ID,
			After: it.body, Detail: it.detail()}); err != nil {
			return err
		}
	}
	return s.publish(ctx, tx, pubs)
}

// detail is the audit note of an item: the revision and what became of it.
func (it *item) detail() string {
	d := "revision " + strconv.Itoa(it.rev)
	switch {
	case it.publish:
		d += ", published"
	case len(it.findings) > 0:
		d += fmt.Sprintf(", held: %d identifier findings", len(it.findings))
	}
	return d
}
