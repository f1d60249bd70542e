package notify

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

func (h *Web) registerAPI(rt *web.Router) {
	in := auth.SignedIn()
	rt.Handle("GET /api/v1/me/tasks", in, h.apiTasks)
	rt.Handle("GET /api/v1/me/notices", in, h.apiNotices)
	rt.Handle("POST /api/v1/me/notices/{id}/read", in, web.DoByID(func(r *http.Request, id int64) error {
		return h.Svc.MarkRead(r.Context(), auth.FromContext(r.Context()), id)
	}), web.BodyLimit(16<<10))
}

// apiTasks answers {"tasks":[{"kind","title","url","due"}]} for the caller.
func (h *Web) apiTasks(w http.ResponseWriter, r *http.Request) error {
	l, p, err := h.reader(r)
	if err != nil {
		return err
	}
	ts, err := h.Svc.Tasks(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"tasks": TaskRows(l, p.Settings.Location(), ts)})
}

// apiNotices answers {"notices":[…],"unread":N}; ?unread=true leaves out
// the read ones.
func (h *Web) apiNotices(w http.ResponseWriter, r *http.Request) error {
	l, p, err := h.reader(r)
	if err != nil {
		return err
	}
	ns, unread, err := h.Svc.Notices(r.Context(), auth.FromContext(r.Context()), r.URL.Query().Get("unread") == "true")
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"notices": NoticeRows(l, p.Settings.Location(), ns), "unread": unread})
}
