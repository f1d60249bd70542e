package collection

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// deadlineAt is the end of a round's deadline day, UTC: the instant the
// round is late after.
func deadlineAt(r *Round) *time.Time {
	d, err := time.Parse(time.DateOnly, r.Deadline)
	if err != nil {
		return nil
	}
	end := d.Add(24*time.Hour - time.Second)
	return &end
}

// Tasks is what waits for by in the collection workflow: for a focal
// point, each open round its country has not answered (with the
// deadline), a submission returned with comments, a draft not submitted;
// for analysts, each submission waiting for validation.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	focal := by.Has(auth.RoleFocalPoint) && by.Country != ""
	analyst := by.HasAny(analysts()...)
	if !focal && !analyst {
		return nil, nil
	}
	var out []notify.Task
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rounds, err := openRounds(ctx, tx)
		if err != nil {
			return err
		}
		for i := range rounds {
			r := &rounds[i]
			params := map[string]any{"Round": r.Name, "Deadline": r.Deadline}
			if focal {
				sub, err := submissionFor(ctx, tx, r.ID, by.Country)
				if err != nil {
					return err
				}
				if t, ok := focalTask(r, sub, params); ok {
					out = append(out, t)
				}
				if sub != nil && sub.Status != StatusDraft {
					// An analyst's question on a submitted figure waits for
					// the focal point's answer.
					qs, err := listQueries(ctx, tx, sub.ID)
					if err != nil {
						return err
					}
					for _, q := range qs {
						if q.Status == QueryOpen {
							out = append(out, notify.Task{Kind: "query_open", Title: "notify.task.query_open", Params: params,
								URL: fmt.Sprintf("/stats/collection/submissions/%d#query-%d", sub.ID, q.ID), Due: deadlineAt(r), Created: q.AskedAt})
						}
					}
				}
			}
			if analyst {
				subs, err := listSubmissions(ctx, tx, r.ID)
				if err != nil {
					return err
				}
				for _, sub := range subs {
					if sub.Status == StatusSubmitted || sub.Status == StatusInValidation {
						out = append(out, notify.Task{Kind: "validate", Title: "notify.task.validate",
							Params: map[string]any{"Round": r.Name, "Country": sub.ISO3},
							URL:    fmt.Sprintf("/stats/collection/submissions/%d", sub.ID), Created: sub.UpdatedAt})
					}
				}
			}
		}
		return nil
	})
	return out, err
}

// focalTask is what an open round asks of a focal point whose country's
// submission is sub (nil before it starts one).
func focalTask(r *Round, sub *Submission, params map[string]any) (notify.Task, bool) {
	due := deadlineAt(r)
	switch {
	case sub == nil:
		return notify.Task{Kind: "round_open", Title: "notify.task.round_open", Params: params,
			URL: fmt.Sprintf("/stats/collection/rounds/%d", r.ID), Due: due, Created: r.CreatedAt}, true
	case sub.Status != StatusDraft:
		return notify.Task{}, false
	case sub.ReturnNote != "":
		return notify.Task{Kind: "submission_returned", Title: "notify.task.submission_returned", Params: params,
			URL: fmt.Sprintf("/stats/collection/submissions/%d", sub.ID), Due: due, Created: sub.UpdatedAt}, true
	}
	return notify.Task{Kind: "draft", Title: "notify.task.draft", Params: params,
		URL: fmt.Sprintf("/stats/collection/submissions/%d", sub.ID), Due: due, Created: sub.UpdatedAt}, true
}
