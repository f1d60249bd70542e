package omnibus

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Tasks implements notify.TaskSource: what the room waits on by for.
// A focal point: its State's draft assessments (due at the end of the
// self-assessment phase when the State is under review) and observations
// waiting for its answer. An expert: reviews open for comment. The
// secretariat: submitted assessments and answered reviews to summarise.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if by == nil || !by.HasAny(readersOfAssessments...) {
		return nil, nil
	}
	var out []notify.Task
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		cycles, err := listCycles(ctx, tx)
		if err != nil {
			return err
		}
		byID := map[int64]*Cycle{}
		for _, c := range cycles {
			byID[c.ID] = c
		}
		if by.Has(auth.RoleFocalPoint) && by.Country != "" {
			if err := s.focalTasks(ctx, tx, by.Country, byID, &out); err != nil {
				return err
			}
		}
		if by.Has(auth.RoleReviewer) {
			rs, err := reviewsOfMember(ctx, tx, by.UserID)
			if err != nil {
				return err
			}
			for _, r := range rs {
				role, err := memberRole(ctx, tx, r.ID, by.UserID)
				if err != nil {
					return err
				}
				if c := byID[r.CycleID]; c != nil && r.Status == ReviewOpen && role == MemberExpert {
					due := c.FeedbackDue()
					out = append(out, notify.Task{Kind: "omnibus_review", Title: "notify.task.omnibus_review",
						Params: map[string]any{"Country": r.Country, "Cycle": c.Name}, URL: reviewPath(r.ID), Due: &due, Created: r.UpdatedAt})
				}
			}
		}
		if isSecretariat(by) && !by.IsSystem() {
			return secretariatTasks(ctx, tx, byID, &out)
		}
		return nil
	})
	return out, err
}

func (s *Service) focalTasks(ctx context.Context, tx *sql.Tx, iso3 string, cycles map[int64]*Cycle, out *[]notify.Task) error {
	as, err := listAssessments(ctx, tx, iso3)
	if err != nil {
		return err
	}
	rs, err := reviewsOfCountry(ctx, tx, iso3)
	if err != nil {
		return err
	}
	due := map[string]time.Time{} // instrument → end of its self-assessment phase
	for _, r := range rs {
		if c := cycles[r.CycleID]; c != nil {
			due[c.Instrument] = c.SelfAssessmentDue()
			if r.Status == ReviewWithState {
				*out = append(*out, notify.Task{Kind: "omnibus_observations", Title: "notify.task.omnibus_observations",
					Params: map[string]any{"Cycle": c.Name}, URL: reviewPath(r.ID), Created: r.UpdatedAt})
			}
		}
	}
	for _, a := range as {
		if a.Status != AssessmentDraft {
			continue
		}
		t := notify.Task{Kind: "omnibus_assessment", Title: "notify.task.omnibus_assessment",
			Params: map[string]any{"Instrument": instrumentParam(a.Instrument)}, URL: assessmentPath(a.ID), Created: a.UpdatedAt}
		if d, ok := due[a.Instrument]; ok {
			t.Due = &d
		}
		*out = append(*out, t)
	}
	return nil
}

func secretariatTasks(ctx context.Context, tx *sql.Tx, cycles map[int64]*Cycle, out *[]notify.Task) error {
	as, err := listAssessments(ctx, tx, "")
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.Status == AssessmentSubmitted && a.SubmittedAt != nil {
			*out = append(*out, notify.Task{Kind: "omnibus_submitted", Title: "notify.task.omnibus_submitted",
				Params: map[string]any{"Country": a.Country, "Instrument": instrumentParam(a.Instrument)}, URL: assessmentPath(a.ID) + "/gaps",
				Created: *a.SubmittedAt})
		}
	}
	rs, err := reviewsByStatus(ctx, tx, ReviewAnswered)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if c := cycles[r.CycleID]; c != nil {
			*out = append(*out, notify.Task{Kind: "omnibus_summary", Title: "notify.task.omnibus_summary",
				Params: map[string]any{"Country": r.Country, "Cycle": c.Name}, URL: reviewPath(r.ID), Created: r.UpdatedAt})
		}
	}
	return nil
}

// Due implements notify.Scheduled: thirty and seven days before the end of
// a cycle's self-assessment phase, the focal points of each State under
// review whose assessment is not submitted are reminded, once each.
func (s *Service) Due(ctx context.Context, now time.Time) ([]notify.Event, error) {
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []notify.Event
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		cycles, err := listCycles(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range cycles {
			days := int(c.SelfAssessmentDue().Sub(today).Hours() / 24)
			mark := ""
			switch {
			case days >= 0 && days <= 7:
				mark = "7"
			case days > 7 && days <= 30:
				mark = "30"
			default:
				continue
			}
			rs, err := reviewsOfCycle(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			for _, r := range rs {
				a, err := findAssessment(ctx, tx, r.Country, c.Instrument)
				if err == nil && a.Status == AssessmentSubmitted {
					continue
				}
				r.Cycle = c
				ev := reviewEvent(notify.KindDeadlineSoon, "notify.event.omnibus_deadline", r, focalPointsOf(r.Country))
				ev.Params["Deadline"] = c.SelfAssessmentDue().Format(time.DateOnly)
				ev.Dedupe = fmt.Sprintf("omnibus_deadline:%d:%s", r.ID, mark)
				out = append(out, ev)
			}
		}
		return nil
	})
	return out, err
}
