package stats

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the statistics pages and API.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// Register adds the room's pages and routes.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("stats", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, analysts := auth.Public(), auth.Roles(auth.Analysts...)
	rt.Handle("GET /stats", pub, h.home)
	h.registerExplorer(rt)
	rt.Handle("GET /stats/conflicts", analysts, h.conflicts)
	rt.Handle("POST /stats/conflicts/{id}/resolve", analysts, h.resolve, web.BodyLimit(16<<10))
	rt.Handle("POST /stats/import", analysts, h.upload, web.UploadLimit(ImportLimits))
	h.registerAPI(rt)
	return nil
}

type homeData struct {
	Report *ImportReport
}

func (h *Web) home(w http.ResponseWriter, r *http.Request) error {
	return h.UI.Show(w, r, "stats/home", "stats.title", homeData{})
}

type conflictsData struct {
	Conflicts []QueuedConflict
	Status    string
}

func (h *Web) conflicts(w http.ResponseWriter, r *http.Request) error {
	status := "open"
	if r.URL.Query().Get("status") == "resolved" {
		status = "resolved"
	}
	cs, err := h.Svc.Conflicts(r.Context(), auth.FromContext(r.Context()), status)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "stats/conflicts", "stats.conflicts_title", conflictsData{Conflicts: cs, Status: status})
}

func (h *Web) resolve(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	err = h.Svc.ResolveConflict(r.Context(), auth.FromContext(r.Context()), id, Resolution{Value: r.PostFormValue("value"), Comment: r.PostFormValue("comment")})
	if err != nil {
		cs, lerr := h.Svc.Conflicts(r.Context(), auth.FromContext(r.Context()), "open")
		if lerr != nil {
			return lerr
		}
		return h.UI.FormError(w, r, "stats/conflicts", "stats.conflicts_title", conflictsData{Conflicts: cs, Status: "open"}, err)
	}
	return web.Redirect(w, r, "/stats/conflicts", "flash.stats_conflict_resolved")
}

func (h *Web) upload(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", ImportLimits, func() error { return h.Svc.MayImport(by) })
	if err == nil && up == nil {
		err = errs.Invalid().Field("file", "err.stats_file_required")
	}
	var rep *ImportReport
	if err == nil {
		rep, err = h.Svc.Import(r.Context(), by, up.Name, up.Data, ImportOptions{AcceptFindings: r.PostFormValue("accept") == "on"})
	}
	if err != nil {
		return h.UI.FormError(w, r, "stats/home", "stats.title", homeData{}, err)
	}
	p := h.UI.NewPage(w, r, "stats.title", homeData{Report: rep})
	if !rep.Stored && !rep.Unchanged {
		p.Status = http.StatusUnprocessableEntity
	}
	return h.UI.Render(w, r, "stats/home", p)
}
