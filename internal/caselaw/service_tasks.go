package caselaw

import (
	"context"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Tasks is what waits for an editor in the case law room: every case
// whose latest revision is not published yet. (Legislation is published
// as it is saved: it has no drafts to wait.)
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if !isEditor(by) {
		return nil, nil
	}
	drafts, err := s.Drafts(ctx, by)
	if err != nil {
		return nil, err
	}
	out := make([]notify.Task, 0, len(drafts))
	for _, d := range drafts {
		out = append(out, notify.Task{Kind: "case_publish", Title: "notify.task.case_publish", Params: map[string]any{"Ref": d.Ref},
			URL: "/caselaw/" + d.Ref, Created: d.UpdatedAt})
	}
	return out, nil
}
