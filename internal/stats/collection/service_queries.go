package collection

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
)

// maxText caps a question, an answer or a note.
const maxText = 4000

// text trims s and checks it against the caps, naming field.
func text(e *errs.Error, field, s string, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		e.Field(field, "err.required")
	case len([]rune(s)) > maxText:
		e.Field(field, "err.collection_text_long", "Max", maxText)
	}
	return s
}

// QueryInput is an analyst's question on a cell (its Code).
type QueryInput struct {
	Cell     string `json:"cell"`
	Question string `json:"question"`
}

// RaiseQuery asks the focal point about a cell of the latest version; the
// submission is then in validation. Analysts and admins only; audited.
func (s *Service) RaiseQuery(ctx context.Context, by *auth.Principal, id int64, in QueryInput) (*Query, error) {
	if err := auth.Require(by, analysts()...); err != nil {
		return nil, err
	}
	e := errs.Invalid()
	q := &Query{SubmissionID: id, Question: text(e, "question", in.Question, true), AskedBy: by.AuditActor().Label,
		AskedAt: s.now(), Status: QueryOpen}
	k, ok := ParseCellCode(in.Cell)
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sub, r, err := loadFor(ctx, tx, by, id, ActQuery)
		if err != nil {
			return err
		}
		if !ok || !InQuestionnaire(r, k) {
			e.Field("cell", "err.collection_cell_unknown")
		}
		if err := e.OrNil(); err != nil {
			return err
		}
		q.Cell, q.Version = k, sub.Version
		if err := insertQuery(ctx, tx, q); err != nil {
			return err
		}
		if sub.Status == StatusSubmitted {
			sub.Status, sub.UpdatedBy, sub.UpdatedAt = StatusInValidation, q.AskedBy, q.AskedAt
			if err := saveSubmission(ctx, tx, sub, StatusSubmitted); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_query.raise", EntityType: "stat_query",
			EntityID: fmt.Sprint(q.ID), After: q.Question, Detail: fmt.Sprintf("%s version %d: %s", sub.ISO3, q.Version, k)})
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// AnswerInput is the focal point's answer: text, a new value for the
// cell, or both.
type AnswerInput struct {
	Answer string `json:"answer"`
	Value  string `json:"value"` // a count or <5; "" keeps the value
}

// AnswerQuery answers an open query. A new value revises the submission:
// it goes back to a draft (of the latest version's cells) holding the new
// value, to be submitted again as a new version. The country's focal point
// only; audited.
func (s *Service) AnswerQuery(ctx context.Context, by *auth.Principal, queryID int64, in AnswerInput) (*Query, error) {
	e := errs.Invalid()
	answer, value := text(e, "answer", in.Answer, false), strings.TrimSpace(in.Value)
	if value != "" {
		if v, problem := stats.ParseValue(value); problem != "" {
			e.Field("value", string(problem), "Value", value)
		} else {
			value = v.String()
		}
	}
	if answer == "" && value == "" && e.FieldKey("answer") == "" {
		e.Field("answer", "err.collection_answer_required")
	}
	var q *Query
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if q, err = getQuery(ctx, tx, queryID); err != nil {
			return err
		}
		sub, r, err := loadFor(ctx, tx, by, q.SubmissionID, ActAnswer)
		if err != nil {
			return err
		}
		if q.Status != QueryOpen {
			return errs.Conflict("err.collection_query_not_open")
		}
		if err := e.OrNil(); err != nil {
			return err
		}
		if value != "" {
			if err := s.reviseWith(ctx, tx, by, sub, r, q.Cell, value); err != nil {
				return err
			}
		}
		q.Answer, q.RevisedValue, q.AnsweredBy, q.Status = answer, value, by.AuditActor().Label, QueryAnswered
		at := s.now()
		q.AnsweredAt = &at
		if err := answerQuery(ctx, tx, q); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_query.answer", EntityType: "stat_query",
			EntityID: fmt.Sprint(q.ID), After: q.Answer, Detail: fmt.Sprintf("%s: %s revised to %q", sub.ISO3, q.Cell, value)})
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// reviseWith sets one draft cell, first taking the submission back to a
// draft when it is not one.
func (s *Service) reviseWith(ctx context.Context, tx *sql.Tx, by *auth.Principal, sub *Submission, r *Round, k CellKey, value string) error {
	if sub.Status != StatusDraft {
		if err := may(by, ActRevise, sub, r); err != nil {
			return err
		}
		if err := s.toDraft(ctx, tx, by, sub, ""); err != nil {
			return err
		}
	}
	return setDraftCell(ctx, tx, s.DB.Dialect, sub.ID, k, value)
}

// CloseQuery closes a query the analyst is satisfied with (answered or
// not). Analysts and admins only; audited.
func (s *Service) CloseQuery(ctx context.Context, by *auth.Principal, queryID int64) error {
	if err := auth.Require(by, analysts()...); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		q, err := getQuery(ctx, tx, queryID)
		if err != nil {
			return err
		}
		if _, _, err := load(ctx, tx, by, q.SubmissionID); err != nil {
			return err
		}
		if err := closeQuery(ctx, tx, q.ID, by.AuditActor().Label, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_query.close", EntityType: "stat_query",
			EntityID: fmt.Sprint(q.ID), Before: q.Status, After: QueryClosed, Detail: q.Cell.String()})
	})
}

// QuerySubmission returns the submission a query is on, as not found
// unless by may see that submission.
func (s *Service) QuerySubmission(ctx context.Context, by *auth.Principal, queryID int64) (int64, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		q, err := getQuery(ctx, tx, queryID)
		if err != nil {
			return err
		}
		sub, _, err := load(ctx, tx, by, q.SubmissionID)
		if err != nil {
			return err
		}
		id = sub.ID
		return nil
	})
	return id, err
}
