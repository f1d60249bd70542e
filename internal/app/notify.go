package app

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/web"
)

// notifyFlags registers --smtp-url and --mail-from (TIPSOM_SMTP_URL,
// TIPSOM_MAIL_FROM); links in mail use --base-url.
func notifyFlags(fs *flag.FlagSet, c *Config) {
	env := func(name, def string) string {
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return def
	}
	fs.StringVar(&c.SMTPURL, "smtp-url", env("TIPSOM_SMTP_URL", c.SMTPURL),
		"deliver mail over SMTP: smtp://user:pass@host:587 (STARTTLS; plain only to a loopback address) or smtps://…:465 (TLS) (TIPSOM_SMTP_URL); without it mail stays in the outbox, where administrators read it")
	fs.StringVar(&c.MailFrom, "mail-from", env("TIPSOM_MAIL_FROM", c.MailFrom),
		"the From address of tipsom's mail, e.g. \"tipsom <no-reply@tipsom.example.org>\" (TIPSOM_MAIL_FROM)")
}

// newNotify builds the notify plumbing before the rooms, which newRooms
// plugs into it: tasks for /home, notices and mail. Accounts send it their
// security events and reset mails; the layout shows the unread count.
func (a *App) newNotify() (*notify.Service, error) {
	svc := notify.NewService(a.DB, a.Auth, a.UI.Catalog, a.Config.BaseURL, a.Log)
	a.Auth.Notices = resetLinks{svc}
	if a.Config.SMTPURL != "" {
		c, err := notify.ParseSMTPURL(a.Config.SMTPURL)
		if err != nil {
			return nil, err
		}
		from := a.Config.MailFrom
		if from == "" {
			from = "tipsom <no-reply@" + c.Host + ">"
		}
		host, _ := os.Hostname()
		svc.Worker = notify.NewWorker(a.DB, &notify.SMTPSender{Config: c}, from, fmt.Sprintf("%s:%d:%p", host, os.Getpid(), svc), a.Log)
	}
	if a.Config.Demo {
		// No mail server is needed to try tipsom: each mail is also
		// written to the log, so `make run` shows the reset link.
		svc.OnQueued = func(m *notify.Mail) {
			a.Log.Info("mail queued (demo: shown here; administrators read it at /admin/outbox)", "to", m.To, "subject", m.Subject, "text", m.Text)
		}
	}
	svc.AddTasks(accountTasks{a.Auth})
	viewer := a.UI.Viewer
	a.UI.Viewer = func(r *http.Request) web.Viewer {
		p, ok := viewer(r).(*auth.Principal)
		if !ok || p == nil {
			return viewer(r)
		}
		return &noticeViewer{Principal: p, svc: svc, ctx: r.Context()}
	}
	return svc, nil
}

// noticeViewer is the signed-in user as the layout sees them, with the
// number of unread notices for the header (counted when shown).
type noticeViewer struct {
	*auth.Principal
	svc *notify.Service
	ctx context.Context
}

// Unread is the number of the viewer's unread notices.
func (v *noticeViewer) Unread() int { return v.svc.Unread(v.ctx, v.Principal) }

// resetLinks gives accounts the notify service, turning a reset token
// into the link mailed.
type resetLinks struct{ *notify.Service }

func (l resetLinks) MailReset(ctx context.Context, u *auth.User, token, lang string) error {
	return l.MailResetLink(ctx, u, l.BaseURL+"/login/reset?token="+token, lang)
}

// accountTasks are the administrators' tasks from the accounts.
type accountTasks struct{ svc *auth.Service }

func (t accountTasks) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	acc, err := t.svc.AdminTasks(ctx, by)
	if err != nil {
		return nil, err
	}
	out := make([]notify.Task, len(acc))
	for i, x := range acc {
		out[i] = notify.Task{Kind: x.Kind, Title: "notify.task." + x.Kind, Params: map[string]any{"Email": x.Email},
			URL: fmt.Sprintf("/admin/users/%d", x.UserID), Created: x.Since}
	}
	return out, nil
}

// runNotify delivers the outbox (when SMTP is configured) and ticks the
// scheduled notices and digests every hour, until ctx ends.
func (a *App) runNotify(ctx context.Context) {
	if w := a.Rooms.Notify.Worker; w != nil {
		go w.Run(ctx, time.Minute)
	}
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := a.Rooms.Notify.Tick(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("notify tick", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// DemoFrenchFocalPoint is the demo focal point who reads tipsom in French:
// its notices and mail arrive in French.
const DemoFrenchFocalPoint = "focal-point-fr@demo.example.org"

// demoNotify sets the French-speaking demo focal point's language (the
// others keep the language of their first sign-in).
func (a *App) demoNotify(ctx context.Context, accounts []auth.DemoAccount) error {
	for _, acc := range accounts {
		if acc.Email != DemoFrenchFocalPoint {
			continue
		}
		u, err := a.Auth.UserByEmail(ctx, auth.System("demo"), acc.Email)
		if err != nil {
			return err
		}
		p := &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name}
		prefs, err := a.Rooms.Notify.Preferences(ctx, p)
		if err != nil {
			return err
		}
		prefs.Settings = notify.Settings{Lang: "fr", TimeZone: "Africa/Dakar"}
		if err := a.Rooms.Notify.SetPreferences(ctx, p, *prefs); err != nil {
			return fmt.Errorf("demo notices of %s: %w", acc.Email, err)
		}
	}
	return nil
}
