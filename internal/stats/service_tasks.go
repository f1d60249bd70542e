package stats

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Tasks is what waits for an analyst in the statistics room: the open
// conflicts between sources, as one task.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if requireAnalyst(by) != nil {
		return nil, nil
	}
	var n int
	var newest time.Time
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		n, newest, err = openConflicts(ctx, tx)
		return err
	})
	if err != nil || n == 0 {
		return nil, err
	}
	return []notify.Task{{Kind: "conflicts", Title: "notify.task.conflicts", Params: map[string]any{"Number": n},
		URL: "/stats/conflicts", Created: newest}}, nil
}
