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
		c, err := getConflict(ctx, tx, id)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.NotFound()
		}
		if err != nil {
			return err
		}
		if c.Status != "open" {
			return errs.Conflict("err.stats_conflict_closed")
		}
		o := Observation{Key: c.Key, Unit: c.Unit, Value: v, Status: StatusPublished,
			Source: fmt.Sprintf("conflict %d resolved: %s", id, in.Comment)}
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
		if err := closeConflict(ctx, tx, id, v, in.Comment, by.AuditActor().Label); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_conflict.resolve", EntityType: "stat_conflict",
			EntityID: fmt.Sprint(id), Before: c.Candidates, After: v,
			Detail: fmt.Sprintf("%s → %s: %s", c.Key, v.String(), in.Comment)})
	})
}
