package report

import (
	"context"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Notices is where the room tells analysts a background build ended (the
// notify plumbing; nil tells nobody).
type Notices interface {
	Emit(ctx context.Context, ev notify.Event)
}

// tellBuild tells the analysts that the build of edition finished or failed.
func (s *Service) tellBuild(ctx context.Context, edition string, err error) {
	if s.Notices == nil {
		return
	}
	kind := notify.KindReportBuilt
	if err != nil {
		kind = notify.KindReportFailed
	}
	s.Notices.Emit(ctx, notify.Event{Kind: kind, Key: "notify.event." + string(kind), Params: map[string]string{"Edition": edition},
		Object: "report:" + edition, URL: "/reports", To: notify.Audience{Roles: []auth.Role{auth.RoleAnalyst}}})
}

// Tasks is what waits for an analyst in the report room: each background
// build of this server that failed, with the reason.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if mayBuild(by) != nil {
		return nil, nil
	}
	var out []notify.Task
	for _, j := range s.Jobs() {
		if j.Failed {
			out = append(out, notify.Task{Kind: "report_failed", Title: "notify.task.report_failed",
				Params: map[string]any{"Edition": j.Edition, "Reason": j.Reason}, URL: "/reports", Created: j.Started})
		}
	}
	return out, nil
}
