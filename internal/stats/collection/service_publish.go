package collection

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats"
)

// Publish makes the validated version's cells the published figures, in
// the same transaction as the status change: Stats.PublishTx writes them
// with this submission's id. A cell the previously published version had
// and this one lacks is published as missing, so the figure is withdrawn
// through the same audited path rather than left behind. Published figures
// change in no other way. Analysts and admins only; audited.
func (s *Service) Publish(ctx context.Context, by *auth.Principal, id int64) (int64, error) {
	var written int64
	err := s.move(ctx, by, id, transition{action: ActPublish, audit: "stat_submission.publish",
		apply: func(ctx context.Context, tx *sql.Tx, sub *Submission, r *Round) (string, error) {
			obs, err := s.observations(ctx, tx, sub, r)
			if err != nil {
				return "", err
			}
			if written, err = s.Stats.PublishTx(ctx, tx, by, sub.ID, obs); err != nil {
				return "", fmt.Errorf("publish submission %d: %w", sub.ID, err)
			}
			at := s.now()
			if err := supersede(ctx, tx, sub.ID, VersionPublished, sub.Version); err != nil {
				return "", err
			}
			if err := setVersionStatus(ctx, tx, sub.ID, sub.Version, VersionPublished, by.AuditActor().Label, at); err != nil {
				return "", err
			}
			sub.Status, sub.PublishedVersion, sub.UpdatedBy, sub.UpdatedAt = StatusPublished, sub.Version, by.AuditActor().Label, at
			if err := saveSubmission(ctx, tx, sub, StatusValidated); err != nil {
				return "", err
			}
			return fmt.Sprintf("published, %d figures added or changed", written), nil
		}})
	return written, err
}

// observations are the figures publishing sub's latest version writes:
// its cells, and the cells withdrawn since the version published before.
func (s *Service) observations(ctx context.Context, tx *sql.Tx, sub *Submission, r *Round) ([]stats.Observation, error) {
	v, err := getVersion(ctx, tx, sub.ID, sub.Version)
	if err != nil {
		return nil, err
	}
	cells, err := versionCells(ctx, tx, v.ID)
	if err != nil {
		return nil, err
	}
	source := fmt.Sprintf("%s national submission, %s, version %d", sub.ISO3, r.Name, v.Number)
	obs := make([]stats.Observation, 0, len(cells))
	held := map[CellKey]bool{}
	for _, c := range cells {
		held[c.CellKey] = true
		obs = append(obs, stats.Observation{Key: c.StatsKey(sub.ISO3), Unit: "counts", Value: c.Value,
			CategoryISO3: c.CategoryISO3, Source: source})
	}
	if sub.PublishedVersion == 0 || sub.PublishedVersion == v.Number {
		return obs, nil
	}
	prev, err := getVersion(ctx, tx, sub.ID, sub.PublishedVersion)
	if err != nil {
		return nil, err
	}
	old, err := versionCells(ctx, tx, prev.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range old {
		if !held[c.CellKey] {
			obs = append(obs, stats.Observation{Key: c.StatsKey(sub.ISO3), Unit: "counts", Value: stats.Value{Kind: stats.KindMissing},
				CategoryISO3: c.CategoryISO3, Source: source + " (withdrawn)"})
		}
	}
	return obs, nil
}

// VersionView is one version with its cells and what changed since the
// version before it.
type VersionView struct {
	Submission Submission `json:"submission"`
	Round      Round      `json:"round"`
	Version    Version    `json:"version"`
	Cells      []Cell     `json:"cells"`
	Previous   int        `json:"previous,omitempty"` // the version compared with, 0 for the first
	Changes    []Change   `json:"changes"`
}

// Version returns version number of submission id as by may see it.
func (s *Service) Version(ctx context.Context, by *auth.Principal, id int64, number int) (*VersionView, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return nil, err
	}
	out := &VersionView{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		sub, r, err := load(ctx, tx, by, id)
		if err != nil {
			return err
		}
		v, err := getVersion(ctx, tx, id, number)
		if err != nil {
			return err
		}
		out.Submission, out.Round, out.Version = *sub, *r, *v
		if out.Cells, err = versionCells(ctx, tx, v.ID); err != nil {
			return err
		}
		out.Changes = []Change{}
		if number == 1 {
			return nil // nothing to compare with
		}
		p, err := getVersion(ctx, tx, id, number-1)
		if err != nil {
			return err
		}
		prev, err := versionCells(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		out.Previous, out.Changes = number-1, Compare(prev, out.Cells)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
