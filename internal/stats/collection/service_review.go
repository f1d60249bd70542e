package collection

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/notify"
)

// transition is one status change of a submission, run in a transaction
// after may allows it; apply does the work particular to it.
type transition struct {
	action string // for may
	audit  string // audit action
	apply  func(ctx context.Context, tx *sql.Tx, sub *Submission, r *Round) (detail string, err error)
}

// move runs t on submission id for by, with its audit entry.
func (s *Service) move(ctx context.Context, by *auth.Principal, id int64, t transition) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sub, r, err := loadFor(ctx, tx, by, id, t.action)
		if err != nil {
			return err
		}
		before := sub.Status
		detail, err := t.apply(ctx, tx, sub, r)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: t.audit, EntityType: "stat_submission",
			EntityID: fmt.Sprint(id), Before: before, After: sub.Status,
			Detail: fmt.Sprintf("%s, round %d, version %d: %s", sub.ISO3, r.ID, sub.Version, detail)})
	})
}

// toDraft takes a submission back to a draft of its latest version's
// cells; a version not yet published is marked returned, with note.
func (s *Service) toDraft(ctx context.Context, tx *sql.Tx, by *auth.Principal, sub *Submission, note string) error {
	v, err := getVersion(ctx, tx, sub.ID, sub.Version)
	if err != nil {
		return err
	}
	cells, err := versionCells(ctx, tx, v.ID)
	if err != nil {
		return err
	}
	draft := make([]DraftCell, len(cells))
	for i, c := range cells {
		draft[i] = DraftCell{CellKey: c.CellKey, Text: c.Value.String()}
	}
	if err := replaceDraft(ctx, tx, s.DB.Dialect, sub.ID, draft); err != nil {
		return err
	}
	if v.Status != VersionPublished {
		if err := setVersionStatus(ctx, tx, sub.ID, v.Number, VersionReturned, "", s.now()); err != nil {
			return err
		}
	}
	from := sub.Status
	sub.Status, sub.ReturnNote, sub.UpdatedBy, sub.UpdatedAt = StatusDraft, note, by.AuditActor().Label, s.now()
	return saveSubmission(ctx, tx, sub, from)
}

// Revise takes the focal point's submitted (or published) version back to
// a draft to change it; published figures stay until a new version is
// validated and published. The country's focal point only; audited.
func (s *Service) Revise(ctx context.Context, by *auth.Principal, id int64) error {
	return s.move(ctx, by, id, transition{action: ActRevise, audit: "stat_submission.revise",
		apply: func(ctx context.Context, tx *sql.Tx, sub *Submission, _ *Round) (string, error) {
			return "revised by the focal point", s.toDraft(ctx, tx, by, sub, "")
		}})
}

// Return sends a submission back to the focal point for revision, with a
// note saying why. Analysts and admins only; audited.
func (s *Service) Return(ctx context.Context, by *auth.Principal, id int64, note string) (err error) {
	defer func() { s.tellSubmission(ctx, err, id, notify.KindSubmissionReturned) }()
	if err := auth.Require(by, analysts()...); err != nil {
		return err
	}
	e := errs.Invalid()
	note = text(e, "note", note, true)
	return s.move(ctx, by, id, transition{action: ActReturn, audit: "stat_submission.return",
		apply: func(ctx context.Context, tx *sql.Tx, sub *Submission, _ *Round) (string, error) {
			if err := e.OrNil(); err != nil {
				return "", err
			}
			return "returned for revision", s.toDraft(ctx, tx, by, sub, note)
		}})
}

// Begin marks a submitted version as being validated, so the focal point
// sees an analyst has taken it up. Analysts and admins only; audited.
func (s *Service) Begin(ctx context.Context, by *auth.Principal, id int64) error {
	return s.move(ctx, by, id, transition{action: ActBegin, audit: "stat_submission.begin",
		apply: func(ctx context.Context, tx *sql.Tx, sub *Submission, _ *Round) (string, error) {
			sub.Status, sub.UpdatedBy, sub.UpdatedAt = StatusInValidation, by.AuditActor().Label, s.now()
			return "validation begun", saveSubmission(ctx, tx, sub, StatusSubmitted)
		}})
}

// Validate accepts the latest version once no query on the submission is
// open. Analysts and admins only; audited.
func (s *Service) Validate(ctx context.Context, by *auth.Principal, id int64) (err error) {
	defer func() { s.tellSubmission(ctx, err, id, notify.KindSubmissionValidated) }()
	return s.move(ctx, by, id, transition{action: ActValidate, audit: "stat_submission.validate",
		apply: func(ctx context.Context, tx *sql.Tx, sub *Submission, _ *Round) (string, error) {
			n, err := openQueries(ctx, tx, sub.ID)
			if err != nil {
				return "", err
			}
			if n > 0 {
				return "", errs.Conflict("err.collection_open_queries", "Count", n)
			}
			from, at := sub.Status, s.now()
			if err := setVersionStatus(ctx, tx, sub.ID, sub.Version, VersionValidated, by.AuditActor().Label, at); err != nil {
				return "", err
			}
			sub.Status, sub.UpdatedBy, sub.UpdatedAt = StatusValidated, by.AuditActor().Label, at
			return "validated", saveSubmission(ctx, tx, sub, from)
		}})
}
