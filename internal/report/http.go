package report

import (
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the report pages of the app: the list of editions, the
// analysts' build, preview and publish, and the frozen files.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// Register adds the pages and the API.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("report", appTemplates, "templates/app/*.html"); err != nil {
		return err
	}
	pub, analysts := auth.Public(), auth.Roles(auth.Analysts...)
	rt.Handle("GET /reports", pub, h.list)
	rt.Handle("POST /reports", analysts, h.build, web.BodyLimit(16<<10))
	rt.Handle("POST /reports/{edition}/publish", analysts, h.publish, web.BodyLimit(4<<10))
	rt.Handle("POST /reports/{edition}/delete", analysts, h.delete, web.BodyLimit(4<<10))
	rt.Handle("GET /reports/{edition}", pub, h.editionRoot)
	rt.Handle("GET /reports/{edition}/{path...}", pub, h.file)
	h.registerAPI(rt)
	return nil
}

// listData is the /reports page.
type listData struct {
	Editions  []EditionInfo
	Groupings []groupingOption
	Langs     []web.Lang
	Grouping  string // the regions' grouping the form proposes
	Lang      string // the main language the form proposes
	Builder   bool   // the viewer may build and publish
	CanPrint  bool   // the server has Chromium
	Jobs      []Job  // background builds running or failed (builders only)
}

type groupingOption struct {
	ID, Label string
}

func (h *Web) listData(r *http.Request) (*listData, error) {
	by := auth.FromContext(r.Context())
	eds, err := h.Svc.Editions(r.Context(), by)
	if err != nil {
		return nil, err
	}
	d := &listData{Editions: eds, Langs: web.Langs, Grouping: r.PostFormValue("grouping"), Builder: seesDrafts(by),
		CanPrint: h.Svc.Printer.Check() == nil}
	if d.Builder {
		d.Jobs = h.Svc.Jobs()
	}
	if d.Grouping == "" {
		d.Grouping = DefaultGrouping
	}
	if d.Lang = r.PostFormValue("lang"); d.Lang == "" {
		d.Lang = web.LangOf(r).Code
	}
	if d.Builder {
		gs, err := h.Svc.Geo.Groupings(r.Context())
		if err != nil {
			return nil, err
		}
		loc := h.UI.Localizer(r)
		for _, g := range gs {
			d.Groupings = append(d.Groupings, groupingOption{ID: g.ID, Label: stats.GroupingName(&g, loc.T)})
		}
	}
	return d, nil
}

func (h *Web) list(w http.ResponseWriter, r *http.Request) error {
	d, err := h.listData(r)
	return h.UI.ShowRead(w, r, "report/reports", "report.app.title", d, err)
}

// build reads the form, builds a draft and goes back to the list; a form
// in error comes back with the messages beside its fields.
func (h *Web) build(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	spec := Spec{Edition: r.PostFormValue("edition"), Grouping: r.PostFormValue("grouping"),
		Subgrouping: r.PostFormValue("subgrouping"), Langs: formLangs(r), PDF: r.PostFormValue("pdf") != ""}
	years, ok := ParseYears(r.PostFormValue("years"))
	var err error
	if !ok {
		err = errs.Invalid().Field("years", "err.report_years_invalid")
	} else {
		spec.Years = years
		by := auth.FromContext(r.Context())
		if spec.PDF {
			// Printing takes minutes: the draft is built in the background
			// and the list shows it as being built until it is there.
			if err = h.Svc.BuildDraftInBackground(r.Context(), by, spec); err == nil {
				return web.Redirect(w, r, "/reports#jobs", "flash.report_build_started")
			}
		} else {
			_, err = h.Svc.BuildDraft(r.Context(), by, spec)
		}
	}
	if err != nil {
		d, derr := h.listData(r)
		if derr != nil {
			return derr
		}
		return h.UI.FormError(w, r, "report/reports", "report.app.title", d, err)
	}
	return web.Redirect(w, r, "/reports#drafts", "flash.report_built")
}

// formLangs is the main language, then the other languages ticked.
func formLangs(r *http.Request) []string {
	out := []string{r.PostFormValue("lang")}
	if out[0] == "" {
		out[0] = DefaultLangCode
	}
	for _, l := range r.PostForm["langs"] {
		if l != out[0] {
			out = append(out, l)
		}
	}
	return out
}

func (h *Web) publish(w http.ResponseWriter, r *http.Request) error {
	if err := h.Svc.Publish(r.Context(), auth.FromContext(r.Context()), r.PathValue("edition")); err != nil {
		return err
	}
	return web.Redirect(w, r, "/reports", "flash.report_published")
}

func (h *Web) delete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Svc.DeleteDraft(r.Context(), auth.FromContext(r.Context()), r.PathValue("edition")); err != nil {
		return err
	}
	return web.Redirect(w, r, "/reports#drafts", "flash.report_deleted")
}

// editionRoot sends /reports/{edition} to its folder, where the edition's
// relative links work.
func (h *Web) editionRoot(w http.ResponseWriter, r *http.Request) error {
	if _, _, err := h.Svc.Edition(r.Context(), auth.FromContext(r.Context()), r.PathValue("edition")); err != nil {
		return err
	}
	http.Redirect(w, r, "/reports/"+r.PathValue("edition")+"/", http.StatusMovedPermanently)
	return nil
}

// file serves one file of an edition exactly as stored, with its SHA-256
// as ETag and Repr-Digest (RFC 9530), so a reader can check that it is
// what was published.
func (h *Web) file(w http.ResponseWriter, r *http.Request) error {
	f, err := h.Svc.File(r.Context(), auth.FromContext(r.Context()), r.PathValue("edition"), r.PathValue("path"))
	if err != nil {
		return err
	}
	etag := `"` + f.SHA256 + `"`
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("ETag", etag)
	w.Header().Set("Repr-Digest", "sha-256=:"+base64Hex(f.SHA256)+":")
	if auth.FromContext(r.Context()) == nil { // the public sees published editions only
		w.Header().Set("Cache-Control", "public, max-age=300")
	} else { // perhaps a draft: never kept
		w.Header().Set("Cache-Control", "no-store")
	}
	if strings.HasSuffix(f.Path, ".csv") || strings.HasSuffix(f.Path, ".pdf") {
		w.Header().Set("Content-Disposition", `inline; filename="`+lastSegment(f.Path)+`"`)
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	_, err = w.Write(f.Data)
	return err
}

func lastSegment(p string) string { return p[strings.LastIndex(p, "/")+1:] }
