package collection

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Notices is where the workflow tells people what happened (the notify
// plumbing; nil tells nobody).
type Notices interface {
	Emit(ctx context.Context, ev notify.Event)
}

func (s *Service) emit(ctx context.Context, ev notify.Event) {
	if s.Notices != nil {
		s.Notices.Emit(ctx, ev)
	}
}

func roundEvent(kind notify.Kind, key string, r *Round) notify.Event {
	return notify.Event{Kind: kind, Key: key, Params: map[string]string{"Round": r.Name, "Deadline": r.Deadline},
		Object: fmt.Sprintf("stat_round:%d", r.ID), URL: fmt.Sprintf("/stats/collection/rounds/%d", r.ID),
		To: notify.Audience{Roles: []auth.Role{auth.RoleFocalPoint}}}
}

// tellRoundOpened tells every focal point a round opened (once it did).
func (s *Service) tellRoundOpened(ctx context.Context, err error, r *Round) {
	if err == nil && r != nil {
		s.emit(ctx, roundEvent(notify.KindRoundOpened, "notify.event.round_opened", r))
	}
}

// tellSubmission tells the focal points of a submission's country that it
// was returned or validated (once it was).
func (s *Service) tellSubmission(ctx context.Context, err error, id int64, kind notify.Kind) {
	if err != nil || s.Notices == nil {
		return
	}
	var sub *Submission
	var r *Round
	if err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		sub, r, err = load(ctx, tx, auth.System("notify"), id)
		return err
	}); err != nil {
		return
	}
	ev := roundEvent(kind, "notify.event."+string(kind), r)
	ev.Object, ev.URL = fmt.Sprintf("stat_submission:%d", id), fmt.Sprintf("/stats/collection/submissions/%d", id)
	ev.To.Country = sub.ISO3
	s.emit(ctx, ev)
}

// Due is the workflow's scheduled notices at now: to the focal points of
// the countries that have not submitted, an open round's deadline in 7
// days, in 1 day, and passed. Each reaches each person once.
func (s *Service) Due(ctx context.Context, now time.Time) ([]notify.Event, error) {
	var out []notify.Event
	today := now.UTC().Format(time.DateOnly)
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rounds, err := openRounds(ctx, tx)
		if err != nil {
			return err
		}
		for _, round := range rounds {
			r := &round
			d, err := time.Parse(time.DateOnly, r.Deadline)
			if err != nil {
				continue
			}
			t, _ := time.Parse(time.DateOnly, today)
			days := int(d.Sub(t).Hours() / 24)
			var ev notify.Event
			switch {
			case days < 0 && days >= -7:
				ev = roundEvent(notify.KindDeadlinePassed, "notify.event.deadline_passed", r)
			case days >= 0 && days <= 1:
				ev = roundEvent(notify.KindDeadlineSoon, "notify.event.deadline_1", r)
			case days > 1 && days <= 7:
				ev = roundEvent(notify.KindDeadlineSoon, "notify.event.deadline_7", r)
			default:
				continue
			}
			ev.Dedupe = fmt.Sprintf("%s:%s", ev.Object, ev.Key)
			subs, err := listSubmissions(ctx, tx, r.ID)
			if err != nil {
				return err
			}
			for _, sub := range subs {
				if sub.Status != StatusDraft || sub.Version > 0 {
					ev.To.ExceptCountries = append(ev.To.ExceptCountries, sub.ISO3)
				}
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}
