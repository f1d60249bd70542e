package notify

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

// Service is the one door to notices, tasks, settings and the outbox.
type Service struct {
	DB      *db.DB
	Auth    *auth.Service    // the accounts: recipients, their names and addresses
	Catalog *web.Catalog     // renders messages in each recipient's language
	BaseURL string           // links in mails: https://tipsom.example.org
	Now     func() time.Time // the clock; tests move it
	Log     *slog.Logger
	// Worker, when SMTP is configured, is woken whenever a mail is queued.
	Worker *Worker
	// OnQueued is told of every mail queued (demo mode prints it, so a
	// newcomer can follow a password reset without a mail server).
	OnQueued func(*Mail)

	tasks     []TaskSource
	scheduled []Scheduled
}

// NewService returns the service on d.
func NewService(d *db.DB, a *auth.Service, cat *web.Catalog, baseURL string, log *slog.Logger) *Service {
	return &Service{DB: d, Auth: a, Catalog: cat, BaseURL: baseURL, Now: time.Now, Log: log}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

// recipient is an account an event reaches, with its settings.
type recipient struct {
	User     *auth.User
	Settings Settings
	Prefs    map[Kind]Mode
}

// mode is how notices of kind reach r.
func (r recipient) mode(k Kind) Mode {
	if k.Locked() {
		return ModeImmediate
	}
	if m, ok := r.Prefs[k]; ok {
		return m
	}
	return DefaultMode(k)
}

// audience lists the enabled accounts a reaches, each once.
func (s *Service) audience(ctx context.Context, a Audience) ([]*auth.User, error) {
	sys := auth.System("notify")
	seen := map[int64]bool{}
	var out []*auth.User
	add := func(u *auth.User) {
		if u != nil && !u.Disabled && !seen[u.ID] {
			seen[u.ID] = true
			out = append(out, u)
		}
	}
	for _, role := range a.Roles {
		users, err := s.Auth.ListUsers(ctx, sys, auth.UserFilter{Role: role})
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			inCountry := !role.NeedsCountry() || ((a.Country == "" || u.Country == a.Country) && !slices.Contains(a.ExceptCountries, u.Country))
			inOrg := !role.NeedsOrg() || a.Org == 0 || u.OrgID == a.Org
			if inCountry && inOrg {
				add(u)
			}
		}
	}
	for _, id := range a.Users {
		u, err := s.Auth.GetUser(ctx, sys, id)
		if err != nil {
			continue // gone meanwhile
		}
		add(u)
	}
	slices.SortFunc(out, func(x, y *auth.User) int { return int(x.ID - y.ID) })
	return out, nil
}

// Emit delivers ev to its audience: a notice each (unless they turned the
// kind off), mailed at once or kept for the digest as each chose. Rooms
// call it after their change committed; a failure is logged, never undoes
// the change. A nil Service tells nobody (a room built without notices).
func (s *Service) Emit(ctx context.Context, ev Event) {
	if s == nil {
		return
	}
	if err := s.emit(ctx, ev); err != nil && s.Log != nil {
		s.Log.Warn("notify", "kind", ev.Kind, "object", ev.Object, "err", err)
	}
}

func (s *Service) emit(ctx context.Context, ev Event) error {
	users, err := s.audience(ctx, ev.To)
	if err != nil {
		return err
	}
	for _, u := range users {
		err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
			r, err := loadRecipient(ctx, tx, u)
			if err != nil {
				return err
			}
			return s.deliver(ctx, tx, r, ev)
		})
		if err != nil {
			return err
		}
	}
	if len(users) > 0 {
		s.wakeWorker()
	}
	return nil
}

func loadRecipient(ctx context.Context, tx *sql.Tx, u *auth.User) (recipient, error) {
	r := recipient{User: u}
	var err error
	if r.Settings, _, err = getSettings(ctx, tx, u.ID); err != nil {
		return r, err
	}
	r.Prefs, err = getPrefs(ctx, tx, u.ID)
	return r, err
}

// deliver stores ev's notice for r and, when r wants it at once, its mail.
func (s *Service) deliver(ctx context.Context, tx *sql.Tx, r recipient, ev Event) error {
	mode := r.mode(ev.Kind)
	if mode == ModeOff {
		return nil
	}
	n := &Notice{UserID: r.User.ID, Kind: ev.Kind, Object: ev.Object, URL: ev.URL, Key: ev.Key, Params: ev.Params,
		Digest: mode == ModeDigest, Created: s.now()}
	if n.Params == nil {
		n.Params = map[string]string{}
	}
	stored, err := insertNotice(ctx, tx, n, ev.Dedupe)
	if err != nil || !stored || mode != ModeImmediate {
		return err
	}
	m, err := s.noticeMail(r, n)
	if err != nil {
		return err
	}
	if err := s.queue(ctx, tx, m); err != nil {
		return err
	}
	return markMailed(ctx, tx, []int64{n.ID}, n.Created)
}

// queue adds m to the outbox.
func (s *Service) queue(ctx context.Context, tx *sql.Tx, m *Mail) error {
	m.Created, m.NextAttempt = s.now(), s.now()
	if err := insertMail(ctx, tx, m); err != nil {
		return err
	}
	if s.OnQueued != nil {
		s.OnQueued(m)
	}
	return nil
}

func (s *Service) wakeWorker() {
	if s.Worker != nil {
		s.Worker.Wake()
	}
}
