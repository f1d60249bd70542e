package collection

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/stats"
)

// SaveDraft makes cells the draft (blank cells are empty ones) and returns
// what validation finds in it: a draft is kept even with errors, which
// block only the submit. Cells outside the round's questionnaire are
// reported and not kept. The country's focal point only; audited.
func (s *Service) SaveDraft(ctx context.Context, by *auth.Principal, id int64, cells []DraftCell) ([]Problem, error) {
	env, err := s.Stats.Env(ctx, "")
	if err != nil {
		return nil, err
	}
	var given []DraftCell
	for _, c := range cells {
		if c.Text = strings.TrimSpace(c.Text); c.Text != "" {
			given = append(given, c)
		}
	}
	var c *checked
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sub, r, err := loadFor(ctx, tx, by, id, ActEdit)
		if err != nil {
			return err
		}
		c = checkDraft(given, r, sub.ISO3, env)
		if err := replaceDraft(ctx, tx, s.DB.Dialect, id, c.cells); err != nil {
			return err
		}
		if err := s.touch(ctx, tx, by, sub); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_submission.save", EntityType: "stat_submission",
			EntityID: fmt.Sprint(id), After: c.cells, Detail: fmt.Sprintf("%s: draft of %d cells, %d errors", sub.ISO3, len(c.cells), c.errors())})
	})
	if err != nil {
		return nil, err
	}
	return c.problems, nil
}

// touch records who changed a draft last and when.
func (s *Service) touch(ctx context.Context, tx *sql.Tx, by *auth.Principal, sub *Submission) error {
	sub.UpdatedBy, sub.UpdatedAt = by.AuditActor().Label, s.now()
	return saveSubmission(ctx, tx, sub, sub.Status)
}

// UploadReport says what an uploaded questionnaire held and what is wrong
// in it, each problem with its spreadsheet cells ("L17").
type UploadReport struct {
	File     string    `json:"file"`
	SHA256   string    `json:"sha256"`
	Rows     int       `json:"rows"`  // data rows read
	Cells    int       `json:"cells"` // cells with a value
	Stored   bool      `json:"stored"`
	Problems []Problem `json:"problems"`
}

// Errors counts the problems that block a submit.
func (r *UploadReport) Errors() int { return countErrors(r.Problems) }

// UploadLimits bound a questionnaire uploaded by a focal point: a national
// questionnaire has a few hundred rows, and a spreadsheet of a few
// megabytes unzips to a few dozen.
var UploadLimits = intake.Limits{Bytes: 8 << 20, Unzipped: 32 << 20, Ratio: 100, Rows: 20_000}

// MayEdit reports whether by may change submission id's draft now (not
// found when by cannot see it), so an upload is refused before its file
// is read.
func (s *Service) MayEdit(ctx context.Context, by *auth.Principal, id int64) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, _, err := loadFor(ctx, tx, by, id, ActEdit)
		return err
	})
}

// Upload reads a questionnaire in the published layout (XLSX or CSV) and
// makes it the draft. A file with a row that fits no cell of this
// submission — another country's, a year or indicator outside the round —
// is refused whole; one whose values have errors is kept, as a draft to
// fix. The country's focal point only; audited.
func (s *Service) Upload(ctx context.Context, by *auth.Principal, id int64, name string, data []byte) (*UploadReport, error) {
	if err := s.MayEdit(ctx, by, id); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	rep := &UploadReport{File: name, SHA256: hex.EncodeToString(sum[:])}
	recs, err := stats.ReadAll(data, UploadLimits)
	if err != nil {
		return nil, err
	}
	env, err := s.Stats.Env(ctx, name)
	if err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sub, r, err := loadFor(ctx, tx, by, id, ActEdit)
		if err != nil {
			return err
		}
		c := check(recs, r, sub.ISO3, env)
		locate(c.problems)
		rep.Rows, rep.Cells, rep.Problems = len(recs), len(c.cells), c.problems
		if c.unplaced > 0 {
			return nil
		}
		if err := replaceDraft(ctx, tx, s.DB.Dialect, id, c.cells); err != nil {
			return err
		}
		if err := s.touch(ctx, tx, by, sub); err != nil {
			return err
		}
		rep.Stored = true
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_submission.upload", EntityType: "stat_submission",
			EntityID: fmt.Sprint(id), After: rep.SHA256, Detail: fmt.Sprintf("%s: %s, %d cells, %d errors", sub.ISO3, name, rep.Cells, rep.Errors())})
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// Submit freezes the draft as the next version, provided validation finds
// no error in it (the error names each cell at fault). The country's focal
// point only; audited.
func (s *Service) Submit(ctx context.Context, by *auth.Principal, id int64) (*Version, error) {
	env, err := s.Stats.Env(ctx, "")
	if err != nil {
		return nil, err
	}
	var v *Version
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sub, r, err := loadFor(ctx, tx, by, id, ActSubmit)
		if err != nil {
			return err
		}
		draft, err := draftCells(ctx, tx, id)
		if err != nil {
			return err
		}
		c := checkDraft(draft, r, sub.ISO3, env)
		if err := refuse(c); err != nil {
			return err
		}
		cells := make([]Cell, len(c.obs))
		for i, o := range c.obs {
			cells[i] = Cell{CellKey: keyOf(o.Key), Value: o.Value, CategoryISO3: o.CategoryISO3}
		}
		sortCells(cells)
		v = &Version{SubmissionID: id, Number: sub.Version + 1, Status: VersionSubmitted, SubmittedBy: by.AuditActor().Label, SubmittedAt: s.now()}
		if err := insertVersion(ctx, tx, v); err != nil {
			return err
		}
		if err := insertVersionCells(ctx, tx, s.DB.Dialect, v.ID, cells); err != nil {
			return err
		}
		from := sub.Status
		sub.Status, sub.Version, sub.ReturnNote, sub.UpdatedBy, sub.UpdatedAt = StatusSubmitted, v.Number, "", v.SubmittedBy, v.SubmittedAt
		if err := saveSubmission(ctx, tx, sub, from); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_submission.submit", EntityType: "stat_submission",
			EntityID: fmt.Sprint(id), After: cells, Detail: fmt.Sprintf("%s, round %d: version %d, %d cells", sub.ISO3, r.ID, v.Number, len(cells))})
	})
	return v, err
}

// refuse is the error of a draft that may not be submitted: one field per
// error, named by the cell's id, or the draft's emptiness.
func refuse(c *checked) error {
	e := errs.Invalid().WithKey("err.collection_fix_problems")
	for _, p := range c.problems {
		if p.Severity != SevError {
			continue
		}
		field := "draft"
		if len(p.Cells) > 0 {
			field = p.Cells[0].ID()
		}
		e.Field(field, p.Key, argPairs(p.Args)...)
	}
	if len(e.Fields) == 0 && len(c.obs) == 0 {
		e.Field("draft", "err.collection_empty")
	}
	return e.OrNil()
}

// argPairs flattens message arguments for errs.Field.
func argPairs(m map[string]any) []any {
	var out []any
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}
