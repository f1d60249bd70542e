package notify

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"
)

// Outbox statuses: a mail waits (queued), is being handed to the SMTP
// server by one worker (sending), went (sent), or gave up (failed).
const (
	MailQueued  = "queued"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// MaxAttempts is how many times a mail is tried before it is failed.
const MaxAttempts = 12

// Mail is one row of the outbox: a message rendered in its recipient's
// language, with its delivery state.
type Mail struct {
	ID          int64
	UserID      int64
	To          string
	ToName      string
	Lang        string
	Kind        string
	Subject     string
	Text        string
	HTML        string
	Unsubscribe string // the List-Unsubscribe URL, for digests
	Status      string
	Attempts    int
	NextAttempt time.Time
	ClaimedBy   string
	ClaimedAt   *time.Time
	SentAt      *time.Time
	LastError   string
	Created     time.Time
}

// Backoff is how long to wait before attempt n+1 after n failed ones:
// a minute, doubling, at most an hour.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// SMTPConfig is where and how mail is delivered, read from --smtp-url:
// smtp://[user:pass@]host[:port] speaks STARTTLS (required, except to a
// loopback address such as a local relay or mail catcher, where plain SMTP
// is allowed); smtps://… speaks TLS from the first byte.
type SMTPConfig struct {
	Host         string
	Port         int
	Username     string
	Password     string
	ImplicitTLS  bool
	AllowPlain   bool // only for a loopback host
	From         string
	InsecureSkip bool // tests only: accept the test server's certificate
}

// ParseSMTPURL reads an --smtp-url.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, fmt.Errorf("--smtp-url: %w", err)
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.Port, c.ImplicitTLS = 465, true
	default:
		return c, fmt.Errorf("--smtp-url %q: want smtp:// or smtps://", u.Redacted())
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return c, fmt.Errorf("--smtp-url %q: no host", u.Redacted())
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port <= 0 || c.Port > 65535 {
			return c, fmt.Errorf("--smtp-url %q: bad port", u.Redacted())
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	c.AllowPlain = !c.ImplicitTLS && IsLoopback(c.Host)
	return c, nil
}

// IsLoopback reports whether host names this machine: localhost or a
// loopback IP address.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
