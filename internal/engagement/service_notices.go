package engagement

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

func applicationPath(id int64) string { return fmt.Sprintf("/blueheart/applications/%d", id) }
func adopterPath(id int64) string     { return fmt.Sprintf("/blueheart/adopters/%d", id) }
func campaignPath(id int64) string    { return fmt.Sprintf("/blueheart/campaigns/%d", id) }

// applicantAudience is who applied: the State's focal points, or the
// organisation's people.
func applicantAudience(a *Application) notify.Audience {
	if a.Kind == KindState {
		return notify.Audience{Roles: []auth.Role{auth.RoleFocalPoint}, Country: a.Country}
	}
	return notify.Audience{Roles: []auth.Role{auth.RoleNGO}, Org: a.OrgID}
}

// tellDecided tells the applicant the staff's decision.
func (s *Service) tellDecided(ctx context.Context, a *Application) {
	if a.Demo {
		return // the demo's applicants are no one's accounts
	}
	key := "notify.event.blueheart_rejected"
	if a.Status == StatusApproved {
		key = "notify.event.blueheart_approved"
	}
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindBlueHeartDecided, Key: key, Params: map[string]string{"Name": a.Name},
		Object: fmt.Sprintf("engagement_application:%d", a.ID), URL: applicationPath(a.ID), To: applicantAudience(a)})
}
