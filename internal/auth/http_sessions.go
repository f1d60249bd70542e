package auth

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/tipsom/tipsom/internal/db"
)

// SessionConfig sets the session cookie's lifetimes and whether it is Secure.
type SessionConfig struct {
	Idle     time.Duration // ends after this long without a request
	Absolute time.Duration // ends this long after sign-in, whatever happens
	Secure   bool          // send the cookie over HTTPS only
}

// NewSessions returns a session manager that keeps sessions in the
// database, so every app server on one database recognises every session.
func NewSessions(d *db.DB, c SessionConfig) *scs.SessionManager {
	m := scs.New()
	m.Store = &sessionStore{db: d}
	m.IdleTimeout = c.Idle
	m.Lifetime = c.Absolute
	m.Cookie.Name = "tipsom_session"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = c.Secure
	m.Cookie.Persist = false
	m.Cookie.Path = "/"
	return m
}
