package notify

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// signedIn is the person acting, who must be a user (not anonymous, not a
// system process): notices belong to someone.
func signedIn(by *auth.Principal) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	return nil
}

// Notices returns by's own newest notices (only unread ones when asked)
// and how many are unread. Nobody reads another person's notices.
func (s *Service) Notices(ctx context.Context, by *auth.Principal, unread bool) ([]*Notice, int, error) {
	if err := signedIn(by); err != nil {
		return nil, 0, err
	}
	var out []*Notice
	var n int
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if out, err = listNotices(ctx, tx, by.UserID, unread, 200); err != nil {
			return err
		}
		n, err = unreadCount(ctx, tx, by.UserID)
		return err
	})
	return out, n, err
}

// Unread is how many of by's notices are unread (0 for anyone else).
func (s *Service) Unread(ctx context.Context, by *auth.Principal) int {
	if signedIn(by) != nil {
		return 0
	}
	var n int
	_ = s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = unreadCount(ctx, tx, by.UserID)
		return err
	})
	return n
}

// MarkRead marks one of by's notices read; another person's is not found.
func (s *Service) MarkRead(ctx context.Context, by *auth.Principal, id int64) error {
	if err := signedIn(by); err != nil {
		return err
	}
	if by.ReadOnly() {
		return errs.Forbidden()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return markRead(ctx, tx, by.UserID, id, s.now()) })
}

// MarkAllRead marks every notice of by read.
func (s *Service) MarkAllRead(ctx context.Context, by *auth.Principal) error {
	if err := signedIn(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return markAllRead(ctx, tx, by.UserID, s.now()) })
}

// Preferences are a person's settings and the mode of every kind.
type Preferences struct {
	Settings Settings
	Modes    map[Kind]Mode
}

// Mode is the mode of kind k, its default when not chosen.
func (p Preferences) Mode(k Kind) Mode {
	if m, ok := p.Modes[k]; ok && !k.Locked() {
		return m
	}
	return DefaultMode(k)
}

// Preferences returns by's own preferences.
func (s *Service) Preferences(ctx context.Context, by *auth.Principal) (*Preferences, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	p := &Preferences{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if p.Settings, _, err = getSettings(ctx, tx, by.UserID); err != nil {
			return err
		}
		p.Modes, err = getPrefs(ctx, tx, by.UserID)
		return err
	})
	return p, err
}

// SetPreferences stores by's language, time zone and modes; security
// notices cannot be turned off, whatever the form says.
func (s *Service) SetPreferences(ctx context.Context, by *auth.Principal, p Preferences) error {
	if err := signedIn(by); err != nil {
		return err
	}
	e := errs.Invalid()
	if _, ok := web.LangByCode(p.Settings.Lang); !ok {
		e.Field("lang", "err.notify_lang")
	}
	if !ValidTimeZone(p.Settings.TimeZone) {
		e.Field("time_zone", "err.notify_time_zone")
	}
	for k, m := range p.Modes {
		if !k.Valid() || !m.Valid() {
			e.Field("mode_"+string(k), "err.notify_mode")
		}
	}
	if err := e.OrNil(); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := putSettings(ctx, tx, by.UserID, p.Settings, s.now()); err != nil {
			return err
		}
		for k, m := range p.Modes {
			if k.Locked() {
				continue
			}
			if err := putPref(ctx, tx, by.UserID, k, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// SignedIn is told of every sign-in: it remembers the language of the
// person's first one (until they choose) and sends a security notice when
// the address is new for an account that signed in from others before.
func (s *Service) SignedIn(ctx context.Context, userID int64, addr, lang string) {
	var fresh bool
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, ok, err := getSettings(ctx, tx, userID); err != nil || ok {
			if err != nil {
				return err
			}
		} else if _, known := web.LangByCode(lang); known {
			if err := putSettings(ctx, tx, userID, Settings{Lang: lang, TimeZone: "UTC"}, s.now()); err != nil {
				return err
			}
		}
		var err error
		fresh, err = knowAddr(ctx, tx, userID, addr, s.now())
		return err
	})
	if err != nil {
		s.Log.Warn("notify sign-in", "err", err)
		return
	}
	if fresh {
		s.Security(ctx, userID, "new_address")
	}
}

// Security tells userID of a change to their account: "password_changed",
// "second_factor_reset", "token_created", "new_address". It always
// arrives, in the app and by mail.
func (s *Service) Security(ctx context.Context, userID int64, event string) {
	s.Emit(ctx, Event{Kind: KindSecurity, Key: "notify.security." + event, Object: "user", URL: "/account",
		To: Audience{Users: []int64{userID}}})
}
