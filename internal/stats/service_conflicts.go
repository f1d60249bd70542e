package stats

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
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

const selectConflict = `SELECT id, iso3, indicator, dimension, category, sex, age, year, unit, candidates, status,
	chosen_kind, chosen_value, comment, COALESCE(resolved_by, ''), resolved_at, created_at FROM stat_conflicts`

func scanConflict(row interface{ Scan(...any) error }) (*QueuedConflict, error) {
	var c QueuedConflict
	var cands string
	var kind sql.NullString
	var val sql.NullInt64
	var at sql.NullTime
	err := row.Scan(&c.ID, &c.Key.ISO3, &c.Key.Indicator, &c.Key.Dimension, &c.Key.Category, &c.Key.Sex, &c.Key.Age,
		&c.Key.Year, &c.Unit, &cands, &c.Status, &kind, &val, &c.Comment, &c.ResolvedBy, &at, &c.CreatedAt)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cands), &c.Candidates); err != nil {
		return nil, fmt.Errorf("conflict %d candidates: %w", c.ID, err)
	}
	if kind.Valid {
		v := scanValue(kind.String, val)
		c.Chosen = &v
	}
	if at.Valid {
		t := at.Time.UTC()
		c.ResolvedAt = &t
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

// Conflicts lists the validation queue (status "open", "resolved" or ""
// for both), oldest first. Analysts and admins only.
func (s *Service) Conflicts(ctx context.Context, by *auth.Principal, status string) ([]QueuedConflict, error) {
	if err := requireAnalyst(by); err != nil {
		return nil, err
	}
	q, args := selectConflict, []any{}
	if status != "" {
		q, args = q+` WHERE status = $1`, append(args, status)
	}
	var out []QueuedConflict
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConflict(rows)
			if err != nil {
				return err
			}
			out = append(out, *c)
		}
		return rows.Err()
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
		c, err := scanConflict(tx.QueryRowContext(ctx, selectConflict+` WHERE id = $1`, id))
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
		_, err = tx.ExecContext(ctx, `UPDATE stat_conflicts SET status = 'resolved', chosen_kind = $1, chosen_value = $2,
			comment = $3, resolved_by = $4, resolved_at = $5 WHERE id = $6`,
			v.Kind, nullValue(v), in.Comment, by.AuditActor().Label, db.Now(), id)
		if err != nil {
			return fmt.Errorf("close conflict %d: %w", id, err)
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_conflict.resolve", EntityType: "stat_conflict",
			EntityID: fmt.Sprint(id), Before: c.Candidates, After: v,
			Detail: fmt.Sprintf("%s → %s: %s", c.Key, v.String(), in.Comment)})
	})
}
