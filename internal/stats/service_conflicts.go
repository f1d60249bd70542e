package stats

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// QueuedConflict is a conflict in the analysts' validation queue.
type QueuedConflict struct {
	ID         int64       `json:"id"`
	Key        Key         `json:"key"`
	Unit       string      `json:"unit"`
	Candidates []Candidate `json:"candidates"`
	Status     string      `json:"status"` // open, resolved
	Chosen     *Value      `json:"chosen,omitempty"`
	Comment    string      `json:"comment,omitempty"`
	ResolvedBy string      `json:"resolved_by,omitempty"`
	ResolvedAt *time.Time  `json:"resolved_at,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
}

// Conflicts lists the validation queue (status "open", "resolved" or ""
// for both), oldest first. Analysts and admins only.
func (s *Service) Conflicts(ctx context.Context, by *auth.Principal, status string) ([]QueuedConflict, error) {
	if err := requireAnalyst(by); err != nil {
		return nil, err
	}
	var out []QueuedConflict
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = listConflicts(ctx, tx, status)
		return err
	})
	return out, err
}

// Resolution is an analyst's decision on a conflict: one of the candidates'
// values or another (e.g. the sum of finer forms collapsed into one
// published category), always with a comment.
type Resolution struct {
	Value   string `json:"value"` // as the layout writes it: a count or "<5"
	Comment string `json:"comment"`
}

// ResolveConflict stores the chosen value as the key's published figure and
// closes the conflict, audited. Analysts and admins only.
func (s *Service) ResolveConflict(ctx context.Context, by *auth.Principal, id int64, in Resolution) error {
	if err := requireAnalyst(by); err != nil {
		return err
	}
	e := errs.Invalid()
	v, problem := ParseValue(in.Value)
	switch {
	case problem != valueOK:
		e.Field("value", string(problem), "Value", in.Value)
	case v.Kind == KindMissing:
		e.Field("value", "err.required")
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if in.Comment == "" {
		e.Field("comment", "err.stats_comment_required")
	}
	if err := e.OrNil(); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := openConflict(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.resolve(ctx, tx, by, c, v, in.Comment, "")
	})
}

// openConflict reads conflict id, which must still be open.
func openConflict(ctx context.Context, tx *sql.Tx, id int64) (*QueuedConflict, error) {
	c, err := getConflict(ctx, tx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, err
	}
	if c.Status != "open" {
		return nil, errs.Conflict("err.stats_conflict_closed")
	}
	return c, nil
}

// resolve publishes v as c's figure and closes c, audited (rule names the
// rule that chose it, "" for an analyst's own choice).
func (s *Service) resolve(ctx context.Context, tx *sql.Tx, by *auth.Principal, c *QueuedConflict, v Value, comment, rule string) error {
	id := c.ID
	o := Observation{Key: c.Key, Unit: c.Unit, Value: v, Status: StatusPublished,
		Source: fmt.Sprintf("conflict %d resolved: %s", id, comment)}
	if CountryDimension(c.Key.Dimension) {
		if c.Key.Category == CategoryNationals {
			o.CategoryISO3 = c.Key.ISO3
		} else if iso3, ok := s.Names.ISO3(c.Key.Category); ok {
			o.CategoryISO3 = iso3
		}
	}
	if _, err := upsertObservations(ctx, tx, s.DB.Dialect, []Observation{o}, nil, nil); err != nil {
		return err
	}
	if err := closeConflict(ctx, tx, id, v, comment, by.AuditActor().Label); err != nil {
		return err
	}
	action := "stat_conflict.resolve"
	if rule != "" {
		action = "stat_conflict.resolve_rule"
	}
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "stat_conflict",
		EntityID: fmt.Sprint(id), Before: c.Candidates, After: v,
		Detail: fmt.Sprintf("%s → %s: %s", c.Key, v.String(), comment)})
}

// ConflictQueue is one page of the validation queue and what its filters
// offer.
type ConflictQueue struct {
	Conflicts  []QueuedConflict `json:"conflicts"`
	Total      int              `json:"total"` // conflicts the filter selects
	Countries  []string         `json:"countries"`
	Indicators []string         `json:"indicators"`
	Years      []int            `json:"years"`
}

// Queue lists the page of the validation queue f selects (Status "" is
// "open"). Analysts and admins only.
func (s *Service) Queue(ctx context.Context, by *auth.Principal, f ConflictFilter) (*ConflictQueue, error) {
	if err := requireAnalyst(by); err != nil {
		return nil, err
	}
	if f.Status == "" {
		f.Status = "open"
	}
	q := &ConflictQueue{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if q.Conflicts, q.Total, err = queueConflicts(ctx, tx, f); err != nil {
			return err
		}
		q.Countries, q.Indicators, q.Years, err = conflictFacets(ctx, tx, f.Status)
		return err
	})
	return q, err
}

// KeepCandidate resolves conflict id with its candidate from line: the
// "keep this value" of the queue. The comment is the analyst's, or says
// which line and source was kept. Analysts and admins only; audited.
func (s *Service) KeepCandidate(ctx context.Context, by *auth.Principal, id int64, line int, comment string) error {
	if err := requireAnalyst(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := openConflict(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, cand := range c.Candidates {
			if cand.Line == line {
				if comment = strings.TrimSpace(comment); comment == "" {
					comment = keptComment(cand, "")
				}
				return s.resolve(ctx, tx, by, c, cand.Value, comment, "")
			}
		}
		return errs.Invalid().Field("line", "err.stats_candidate_unknown", "Line", line)
	})
}

// RuleResult says what a rule did: conflicts resolved, and those it could
// not decide (left open for an analyst).
type RuleResult struct {
	Resolved  int `json:"resolved"`
	Undecided int `json:"undecided"`
}

// ApplyRule resolves every open conflict f selects (its paging ignored)
// that rule can decide, each one published and audited on its own, in one
// transaction: all or nothing. Analysts and admins only.
func (s *Service) ApplyRule(ctx context.Context, by *auth.Principal, f ConflictFilter, rule string) (RuleResult, error) {
	var res RuleResult
	if err := requireAnalyst(by); err != nil {
		return res, err
	}
	if indexOf(ConflictRules, rule) < 0 {
		return res, errs.Invalid().Field("rule", "err.stats_rule_unknown", "Value", rule)
	}
	f.Status, f.Limit, f.Offset = "open", 0, 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cs, _, err := queueConflicts(ctx, tx, f)
		if err != nil {
			return err
		}
		for i := range cs {
			cand, ok := ChooseByRule(rule, cs[i].Candidates)
			if !ok {
				res.Undecided++
				continue
			}
			if err := s.resolve(ctx, tx, by, &cs[i], cand.Value, keptComment(cand, rule), rule); err != nil {
				return err
			}
			res.Resolved++
		}
		return nil
	})
	if err != nil {
		return RuleResult{}, err
	}
	return res, nil
}
