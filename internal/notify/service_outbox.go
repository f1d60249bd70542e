package notify

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// Mail kinds besides the notice kinds.
const (
	mailKindDigest = "digest"
	mailKindReset  = "password_reset"
)

func (s *Service) localizer(lang string) *web.Localizer {
	l, ok := web.LangByCode(lang)
	if !ok {
		l = web.DefaultLang
	}
	return s.Catalog.For(l)
}

func (s *Service) link(path string) string { return s.BaseURL + path }

// newMail renders a mail to u in lang with items and an optional action.
func (s *Service) newMail(u *auth.User, lang, kind, subject string, items []mailItem, action, actionLink string) (*Mail, error) {
	l := s.localizer(lang)
	d := mailData{Localizer: l, Subject: subject, Name: u.Name, Items: items, Action: action, ActionLink: actionLink,
		Preferences: s.link("/account/notices")}
	text, html, err := renderMail(d)
	if err != nil {
		return nil, err
	}
	return &Mail{UserID: u.ID, To: u.Email, ToName: u.Name, Lang: l.Lang.Code, Kind: kind, Subject: subject, Text: text, HTML: html}, nil
}

// noticeMail is the mail of one notice, in r's language.
func (s *Service) noticeMail(r recipient, n *Notice) (*Mail, error) {
	l := s.localizer(r.Settings.Lang)
	title := NoticeTitle(l, n)
	return s.newMail(r.User, r.Settings.Lang, string(n.Kind), l.T("notify.mail.subject", "Title", title),
		[]mailItem{{Title: title, Link: s.link(n.URL)}}, "", "")
}

// MailResetLink queues the password reset mail of u with link, in u's
// language (lang, the request's, when u chose none). It carries no more
// than the recipient's name and the link.
func (s *Service) MailResetLink(ctx context.Context, u *auth.User, link, lang string) error {
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		set, ok, err := getSettings(ctx, tx, u.ID)
		if err != nil {
			return err
		}
		if ok {
			lang = set.Lang
		}
		l := s.localizer(lang)
		m, err := s.newMail(u, lang, mailKindReset, l.T("notify.mail.reset_subject"),
			[]mailItem{{Title: l.T("notify.mail.reset_body", "Minutes", 30), Link: link}}, "", "")
		if err != nil {
			return err
		}
		return s.queue(ctx, tx, m)
	})
	if err == nil {
		s.wakeWorker()
	}
	return err
}

// Digests queues, for each person whose last digest is a day old (or who
// never had one), one mail listing their digest notices not mailed yet,
// with List-Unsubscribe pointing at their preferences.
func (s *Service) Digests(ctx context.Context) (int, error) {
	var users []int64
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		users, err = digestPending(ctx, tx)
		return err
	})
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, id := range users {
		u, err := s.Auth.GetUser(ctx, auth.System("notify"), id)
		if err != nil || u.Disabled {
			continue
		}
		err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
			last, err := lastDigest(ctx, tx, id)
			if err != nil || (!last.IsZero() && s.now().Sub(last) < 23*time.Hour) {
				return err
			}
			r, err := loadRecipient(ctx, tx, u)
			if err != nil {
				return err
			}
			ns, err := digestNotices(ctx, tx, id)
			if err != nil || len(ns) == 0 {
				return err
			}
			l := s.localizer(r.Settings.Lang)
			items := make([]mailItem, len(ns))
			ids := make([]int64, len(ns))
			for i, n := range ns {
				items[i], ids[i] = mailItem{Title: NoticeTitle(l, n), Link: s.link(n.URL)}, n.ID
			}
			m, err := s.newMail(u, r.Settings.Lang, mailKindDigest, l.T("notify.mail.digest_subject", "Count", len(ns)), items, "", "")
			if err != nil {
				return err
			}
			m.Unsubscribe = s.link("/account/notices")
			if err := s.queue(ctx, tx, m); err != nil {
				return err
			}
			queued++
			return markMailed(ctx, tx, ids, s.now())
		})
		if err != nil {
			return queued, err
		}
	}
	if queued > 0 {
		s.wakeWorker()
	}
	return queued, nil
}

// OutboxView is the outbox as administrators see it.
type OutboxView struct {
	Counts   map[string]int
	Mails    []*Mail
	Status   string
	Statuses []string
	SMTP     bool // a mail server is configured
}

// Outbox lists the newest mails (of one status when given). Admins only.
func (s *Service) Outbox(ctx context.Context, by *auth.Principal, status string) (*OutboxView, error) {
	if err := auth.Require(by, auth.RoleAdmin); err != nil {
		return nil, err
	}
	v := &OutboxView{Status: status, Statuses: []string{MailQueued, MailSending, MailSent, MailFailed}, SMTP: s.Worker != nil}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if v.Counts, err = mailCounts(ctx, tx); err != nil {
			return err
		}
		v.Mails, err = listMail(ctx, tx, status, 200)
		return err
	})
	return v, err
}

// OutboxMail returns one mail of the outbox with its bodies. Admins only;
// each reading is audited, as a mail may hold a reset link.
func (s *Service) OutboxMail(ctx context.Context, by *auth.Principal, id int64) (*Mail, error) {
	if err := auth.Require(by, auth.RoleAdmin); err != nil {
		return nil, err
	}
	var m *Mail
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if m, err = getMail(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "mail.read", EntityType: "mail",
			EntityID: strconv.FormatInt(id, 10), Detail: m.Kind})
	})
	return m, err
}

// Retry puts a failed mail back in the queue. Admins only; audited.
func (s *Service) Retry(ctx context.Context, by *auth.Principal, id int64) error {
	if err := auth.Require(by, auth.RoleAdmin); err != nil {
		return err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := requeueMail(ctx, tx, id, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "mail.retry", EntityType: "mail",
			EntityID: strconv.FormatInt(id, 10)})
	})
	if err == nil {
		s.wakeWorker()
	}
	return err
}
