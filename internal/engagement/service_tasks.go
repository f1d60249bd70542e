package engagement

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Tasks implements notify.TaskSource: the advocacy staff have one task per
// application waiting for their decision.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if by == nil || by.IsSystem() || !isStaff(by) {
		return nil, nil
	}
	var out []notify.Task
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		as, err := listApplications(ctx, tx, "", 0)
		if err != nil {
			return err
		}
		for _, a := range as {
			if a.Pending() {
				out = append(out, notify.Task{Kind: "blueheart_decide", Title: "notify.task.blueheart_decide",
					Params: map[string]any{"Name": a.Name, "Country": a.Country}, URL: applicationPath(a.ID), Created: a.AppliedAt})
			}
		}
		return nil
	})
	return out, err
}
