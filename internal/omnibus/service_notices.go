package omnibus

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

func assessmentPath(id int64) string { return fmt.Sprintf("/omnibus/assessments/%d", id) }
func reviewPath(id int64) string     { return fmt.Sprintf("/omnibus/reviews/%d", id) }

func assessmentEvent(kind notify.Kind, key string, a *Assessment, to notify.Audience) notify.Event {
	return notify.Event{Kind: kind, Key: key, Params: map[string]string{"Country": a.Country, "Instrument": instrumentParam(a.Instrument)},
		Object: fmt.Sprintf("omnibus_assessment:%d", a.ID), URL: assessmentPath(a.ID), To: to}
}

func reviewEvent(kind notify.Kind, key string, r *Review, to notify.Audience) notify.Event {
	params := map[string]string{"Country": r.Country}
	if r.Cycle != nil {
		params["Instrument"], params["Cycle"] = instrumentParam(r.Cycle.Instrument), r.Cycle.Name
	}
	return notify.Event{Kind: kind, Key: key, Params: params, Object: fmt.Sprintf("omnibus_review:%d", r.ID),
		URL: reviewPath(r.ID), To: to}
}

func focalPointsOf(iso3 string) notify.Audience {
	return notify.Audience{Roles: []auth.Role{auth.RoleFocalPoint}, Country: iso3}
}

// tellAnalysts tells the secretariat a self-assessment was submitted.
func (s *Service) tellAnalysts(ctx context.Context, a *Assessment) {
	s.Notices.Emit(ctx, assessmentEvent(notify.KindAssessmentSubmitted, "notify.event.omnibus_submitted", a,
		notify.Audience{Roles: []auth.Role{auth.RoleAnalyst}}))
}

// tellReopened tells the State's focal points their assessment is open again.
func (s *Service) tellReopened(ctx context.Context, a *Assessment) {
	s.Notices.Emit(ctx, assessmentEvent(notify.KindSubmissionReturned, "notify.event.omnibus_reopened", a, focalPointsOf(a.Country)))
}

// tellAssigned tells a reviewer of the review it was put on.
func (s *Service) tellAssigned(ctx context.Context, m *Member, r *Review) {
	s.Notices.Emit(ctx, reviewEvent(notify.KindReviewerAssigned, "notify.event.omnibus_assigned", r, notify.Audience{Users: []int64{m.UserID}}))
}

// tellState tells the State under review its list of observations waits
// for its answer.
func (s *Service) tellState(ctx context.Context, r *Review) {
	s.Notices.Emit(ctx, reviewEvent(notify.KindObservationsDrafted, "notify.event.omnibus_observations", r, focalPointsOf(r.Country)))
}

// tellPublished tells the State and the review's members the summary is public.
func (s *Service) tellPublished(ctx context.Context, d *Dossier) {
	to := focalPointsOf(d.Review.Country)
	for _, m := range d.Members {
		to.Users = append(to.Users, m.UserID)
	}
	ev := reviewEvent(notify.KindSummaryPublished, "notify.event.omnibus_published", d.Review, to)
	ev.URL = summaryPath(d.Review.ID)
	s.Notices.Emit(ctx, ev)
}

func summaryPath(id int64) string { return fmt.Sprintf("/omnibus/reviews/%d/summary", id) }

// instrumentParam is an instrument as a notice parameter: the catalogue key
// of its short name, which notify renders in each reader's language.
func instrumentParam(id string) string { return "@treaty.instrument_short." + id }
