package notify

import (
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the home page of tasks, the notices, their preferences and
// the administrators' outbox.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// Register adds the pages and the API.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("notify", templates, "templates/*.html"); err != nil {
		return err
	}
	in, admin, small := auth.SignedIn(), auth.Roles(auth.RoleAdmin), web.BodyLimit(16<<10)
	rt.Handle("GET /home", in, h.home)
	rt.Handle("GET /notices", in, h.notices)
	rt.Handle("POST /notices/read", in, h.readAll, small)
	rt.Handle("POST /notices/{id}/read", in, h.read, small)
	rt.Handle("GET /account/notices", in, h.prefs)
	rt.Handle("POST /account/notices", in, h.savePrefs, small)
	rt.Handle("GET /admin/outbox", admin, h.outbox)
	rt.Handle("GET /admin/outbox/{id}", admin, h.outboxMail)
	rt.Handle("POST /admin/outbox/{id}/retry", admin, h.retry, small)
	h.registerAPI(rt)
	return nil
}

// reader is the signed-in person's language and time zone.
func (h *Web) reader(r *http.Request) (*web.Localizer, *Preferences, error) {
	p, err := h.Svc.Preferences(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return nil, nil, err
	}
	return h.UI.Localizer(r), p, nil
}

type homeData struct {
	Tasks   []TaskRow
	Notices []NoticeRow
	Unread  int
}

func (h *Web) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	by := auth.FromContext(ctx)
	l, p, err := h.reader(r)
	if err != nil {
		return err
	}
	tasks, err := h.Svc.Tasks(ctx, by)
	if err != nil {
		return err
	}
	ns, unread, err := h.Svc.Notices(ctx, by, true)
	if err != nil {
		return err
	}
	loc := p.Settings.Location()
	d := homeData{Tasks: TaskRows(l, loc, tasks), Notices: NoticeRows(l, loc, ns[:min(5, len(ns))]), Unread: unread}
	return h.UI.Show(w, r, "notify/home", "nav.home", d)
}

type noticesData struct {
	Notices    []NoticeRow
	Unread     int
	UnreadOnly bool
}

func (h *Web) notices(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	l, p, err := h.reader(r)
	if err != nil {
		return err
	}
	only := r.URL.Query().Get("unread") == "true"
	ns, unread, err := h.Svc.Notices(ctx, auth.FromContext(ctx), only)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "notify/notices", "notices.title",
		noticesData{Notices: NoticeRows(l, p.Settings.Location(), ns), Unread: unread, UnreadOnly: only})
}

func (h *Web) read(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Svc.MarkRead(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	return web.Redirect(w, r, web.SafeNext(r.URL.Query().Get("next"), "/notices"), "flash.notices_read")
}

func (h *Web) readAll(w http.ResponseWriter, r *http.Request) error {
	if err := h.Svc.MarkAllRead(r.Context(), auth.FromContext(r.Context())); err != nil {
		return err
	}
	return web.Redirect(w, r, "/notices", "flash.notices_read")
}

type prefsData struct {
	Prefs *Preferences
	Rows  []PrefRow
	Modes []Mode
	Langs []web.Lang
}

func (h *Web) prefs(w http.ResponseWriter, r *http.Request) error {
	p, err := h.Svc.Preferences(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "notify/preferences", "prefs.title", prefsData{Prefs: p, Rows: PrefRows(p), Modes: Modes, Langs: web.Langs})
}

func (h *Web) savePrefs(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	p := Preferences{Settings: Settings{Lang: r.PostFormValue("lang"), TimeZone: r.PostFormValue("time_zone")}, Modes: map[Kind]Mode{}}
	for _, k := range Kinds {
		if v := r.PostFormValue("mode_" + string(k)); v != "" {
			p.Modes[k] = Mode(v)
		}
	}
	if err := h.Svc.SetPreferences(r.Context(), auth.FromContext(r.Context()), p); err != nil {
		return h.UI.FormError(w, r, "notify/preferences", "prefs.title", prefsData{Prefs: &p, Rows: PrefRows(&p), Modes: Modes, Langs: web.Langs}, err)
	}
	return web.Redirect(w, r, "/account/notices", "flash.prefs_saved")
}

func (h *Web) outbox(w http.ResponseWriter, r *http.Request) error {
	status := r.URL.Query().Get("status")
	switch status {
	case "", MailQueued, MailSending, MailSent, MailFailed:
	default:
		status = ""
	}
	v, err := h.Svc.Outbox(r.Context(), auth.FromContext(r.Context()), status)
	return h.UI.ShowRead(w, r, "notify/outbox", "outbox.title", v, err)
}

func (h *Web) outboxMail(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.Svc.OutboxMail(r.Context(), auth.FromContext(r.Context()), id)
	return h.UI.ShowRead(w, r, "notify/outbox-mail", "outbox.mail_title", m, err)
}

func (h *Web) retry(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Svc.Retry(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	return web.Redirect(w, r, "/admin/outbox/"+strconv.FormatInt(id, 10), "flash.mail_requeued")
}
