package collection

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// registerAPI adds the JSON API, so national systems can fill, submit and
// follow their questionnaires with a token, and analysts validate and
// publish. It applies the same rules and scope as the pages.
func (h *Web) registerAPI(rt *web.Router, read, analyst, focal auth.Policy, form web.RouteOption) {
	rt.Handle("GET /api/v1/stats/rounds", read, web.List("rounds", h.apiRounds))
	rt.Handle("GET /api/v1/stats/rounds/{id}", read, web.ByID(h.apiRound))
	rt.Handle("POST /api/v1/stats/rounds/{id}/submission", focal, web.ByID(h.apiStart))
	rt.Handle("GET /api/v1/stats/submissions/{id}", read, web.ByID(h.apiSubmission))
	rt.Handle("PUT /api/v1/stats/submissions/{id}/draft", focal, web.UpdateByID(h.apiSaveDraft), form)
	rt.Handle("POST /api/v1/stats/submissions/{id}/submit", focal, web.ByID(h.apiSubmit))
	rt.Handle("GET /api/v1/stats/submissions/{id}/versions/{version}", read, h.apiVersion)
	rt.Handle("POST /api/v1/stats/submissions/{id}/validate", analyst, web.DoByID(h.apiValidate))
	rt.Handle("POST /api/v1/stats/submissions/{id}/publish", analyst, web.ByID(h.apiPublish))
}

// apiProblem is a problem with its message in the request's language and
// the ids of its cells.
type apiProblem struct {
	Problem
	Message string   `json:"message"`
	CellIDs []string `json:"cell_ids,omitempty"`
}

func (h *Web) apiProblems(r *http.Request, ps []Problem) []apiProblem {
	t := h.UI.Localizer(r)
	out := make([]apiProblem, len(ps))
	for i, p := range ps {
		out[i] = apiProblem{Problem: p, Message: p.Located(t)}
		for _, c := range p.Cells {
			out[i].CellIDs = append(out[i].CellIDs, c.ID())
		}
	}
	return out
}

func (h *Web) apiRounds(r *http.Request) ([]RoundSummary, error) {
	return h.Svc.Rounds(r.Context(), auth.FromContext(r.Context()))
}

func (h *Web) apiRound(r *http.Request, id int64) (*RoundView, error) {
	return h.Svc.Round(r.Context(), auth.FromContext(r.Context()), id)
}

func (h *Web) apiStart(r *http.Request, id int64) (map[string]any, error) {
	sub, err := h.Svc.Start(r.Context(), auth.FromContext(r.Context()), id)
	return map[string]any{"submission": sub}, err
}

func (h *Web) apiSubmission(r *http.Request, id int64) (map[string]any, error) {
	v, err := h.Svc.Submission(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"submission": v.Submission, "round": v.Round, "draft": nonNil(v.Draft),
		"problems": h.apiProblems(r, v.Problems), "latest": nonNil(v.Latest), "versions": nonNil(v.Versions),
		"queries": nonNil(v.Queries), "open_queries": v.Open}, nil
}

// draftBody is the body of PUT …/draft: the whole draft.
type draftBody struct {
	Cells []DraftCell `json:"cells"`
}

func (h *Web) apiSaveDraft(r *http.Request, id int64, in draftBody) (map[string]any, error) {
	ps, err := h.Svc.SaveDraft(r.Context(), auth.FromContext(r.Context()), id, in.Cells)
	if err != nil {
		return nil, err
	}
	return map[string]any{"problems": h.apiProblems(r, ps), "errors": countErrors(ps)}, nil
}

func (h *Web) apiSubmit(r *http.Request, id int64) (map[string]any, error) {
	v, err := h.Svc.Submit(r.Context(), auth.FromContext(r.Context()), id)
	return map[string]any{"version": v}, err
}

func (h *Web) apiVersion(w http.ResponseWriter, r *http.Request) error {
	v, err := h.pathVersionOf(r)
	if err != nil {
		return err
	}
	v.Cells = nonNil(v.Cells)
	return web.WriteJSON(w, http.StatusOK, v)
}

func (h *Web) apiValidate(r *http.Request, id int64) error {
	return h.Svc.Validate(r.Context(), auth.FromContext(r.Context()), id)
}

func (h *Web) apiPublish(r *http.Request, id int64) (map[string]any, error) {
	n, err := h.Svc.Publish(r.Context(), auth.FromContext(r.Context()), id)
	return map[string]any{"figures_written": n}, err
}

// nonNil makes an empty list [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
