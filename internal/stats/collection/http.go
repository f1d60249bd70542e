package collection

import (
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the workflow's pages and API.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// formLimit bounds a form that carries a whole questionnaire of cells;
// UploadLimits bound an uploaded one.
const formLimit = 1 << 20

// Register adds the pages and API routes. Route policies admit the roles;
// the service then checks the country of every submission.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("collection", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	read, analyst, focal := auth.Roles(readers()...), auth.Roles(analysts()...), auth.Roles(auth.RoleFocalPoint)
	small, form := web.BodyLimit(64<<10), web.BodyLimit(formLimit)
	rt.Handle("GET /stats/collection", read, h.rounds)
	rt.Handle("POST /stats/collection/rounds", analyst, h.openRound, small)
	rt.Handle("GET /stats/collection/rounds/{id}", read, h.round)
	rt.Handle("POST /stats/collection/rounds/{id}", analyst, h.updateRound, small)
	rt.Handle("POST /stats/collection/rounds/{id}/close", analyst, h.roundStatus(RoundClosed), small)
	rt.Handle("POST /stats/collection/rounds/{id}/reopen", analyst, h.roundStatus(RoundOpen), small)
	rt.Handle("POST /stats/collection/rounds/{id}/start", focal, h.start, small)
	rt.Handle("GET /stats/collection/submissions/{id}", read, h.submission)
	rt.Handle("GET /stats/collection/submissions/{id}/questionnaire.xlsx", read, h.download)
	rt.Handle("POST /stats/collection/submissions/{id}/save", focal, h.save, form)
	rt.Handle("POST /stats/collection/submissions/{id}/upload", focal, h.upload, web.UploadLimit(UploadLimits))
	rt.Handle("POST /stats/collection/submissions/{id}/revise", focal, h.act(ActRevise), small)
	rt.Handle("POST /stats/collection/submissions/{id}/queries", analyst, h.raiseQuery, small)
	rt.Handle("POST /stats/collection/queries/{id}/answer", focal, h.answerQuery, small)
	rt.Handle("POST /stats/collection/queries/{id}/close", analyst, h.closeQuery, small)
	rt.Handle("POST /stats/collection/submissions/{id}/begin", analyst, h.act(ActBegin), small)
	rt.Handle("POST /stats/collection/submissions/{id}/validate", analyst, h.act(ActValidate), small)
	rt.Handle("POST /stats/collection/submissions/{id}/return", analyst, h.act(ActReturn), small)
	rt.Handle("POST /stats/collection/submissions/{id}/publish", analyst, h.act(ActPublish), small)
	rt.Handle("GET /stats/collection/submissions/{id}/versions/{version}", read, h.version)
	h.registerAPI(rt, read, analyst, focal, form)
	return nil
}

// submissionPath is a submission's page.
func submissionPath(id int64) string {
	return "/stats/collection/submissions/" + strconv.FormatInt(id, 10)
}

// roundPath is a round's page.
func roundPath(id int64) string { return "/stats/collection/rounds/" + strconv.FormatInt(id, 10) }

// postedID reads the {id} path value and parses the posted form.
func postedID(r *http.Request) (int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, web.ParseForm(r)
}

// pathVersionOf reads the version the {id} and {version} path values
// name, as the signed-in user may see it.
func (h *Web) pathVersionOf(r *http.Request) (*VersionView, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || n <= 0 {
		return nil, errs.NotFound()
	}
	return h.Svc.Version(r.Context(), auth.FromContext(r.Context()), id, n)
}
