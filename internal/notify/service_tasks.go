package notify

import (
	"context"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
)

// TaskSource is what a room declares: what is waiting for by, scoped like
// everything else it shows by.
type TaskSource interface {
	Tasks(ctx context.Context, by *auth.Principal) ([]Task, error)
}

// Scheduled is a room's time-driven events (deadlines coming or passed,
// new matches of followed searches), asked for once per Tick; give each a
// Dedupe key so a repeated tick tells nobody twice.
type Scheduled interface {
	Due(ctx context.Context, now time.Time) ([]Event, error)
}

// AddTasks registers rooms' task sources.
func (s *Service) AddTasks(src ...TaskSource) { s.tasks = append(s.tasks, src...) }

// AddScheduled registers rooms' scheduled events.
func (s *Service) AddScheduled(src ...Scheduled) { s.scheduled = append(s.scheduled, src...) }

// Tasks gathers by's tasks from every room, most urgent and newest first.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]Task, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	out := []Task{}
	for _, src := range s.tasks {
		ts, err := src.Tasks(ctx, by)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	SortTasks(out)
	return out, nil
}

// Tick emits the rooms' scheduled events and queues the digests that are
// due. The app runs it every hour.
func (s *Service) Tick(ctx context.Context) error {
	for _, src := range s.scheduled {
		evs, err := src.Due(ctx, s.now())
		if err != nil {
			return err
		}
		for _, ev := range evs {
			s.Emit(ctx, ev)
		}
	}
	_, err := s.Digests(ctx)
	return err
}

// Plug registers a room's service with notify — its tasks when it is a
// TaskSource, its scheduled events when it is Scheduled — and returns the
// service for the room to emit its events to.
func (s *Service) Plug(room any) *Service {
	if t, ok := room.(TaskSource); ok {
		s.AddTasks(t)
	}
	if d, ok := room.(Scheduled); ok {
		s.AddScheduled(d)
	}
	return s
}
