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
	rt.Handle("GET /api/v1/stats/rounds", read, h.apiRounds)
	rt.Handle("GET /api/v1/stats/rounds/{id}", read, h.apiRound)
	rt.Handle("POST /api/v1/stats/rounds/{id}/submission", focal, h.apiStart)
	rt.Handle("GET /api/v1/stats/submissions/{id}", read, h.apiSubmission)
	rt.Handle("PUT /api/v1/stats/submissions/{id}/draft", focal, h.apiSaveDraft, form)
	rt.Handle("POST /api/v1/stats/submissions/{id}/submit", focal, h.apiSubmit)
	rt.Handle("GET /api/v1/stats/submissions/{id}/versions/{version}", read, h.apiVersion)
	rt.Handle("POST /api/v1/stats/submissions/{id}/validate", analyst, h.apiValidate)
	rt.Handle("POST /api/v1/stats/submissions/{id}/publish", analyst, h.apiPublish)
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

func (h *Web) apiRounds(w http.ResponseWriter, r *http.Request) error {
	rs, err := h.Svc.Rounds(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	if rs == nil {
		rs = []RoundSummary{}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"rounds": rs})
}

func (h *Web) apiRound(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := h.Svc.Round(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, v)
}

func (h *Web) apiStart(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	sub, err := h.Svc.Start(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"submission": sub})
}

func (h *Web) apiSubmission(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := h.Svc.Submission(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"submission": v.Submission, "round": v.Round, "draft": nonNil(v.Draft),
		"problems": h.apiProblems(r, v.Problems), "latest": nonNil(v.Latest), "versions": nonNil(v.Versions),
		"queries": nonNil(v.Queries), "open_queries": v.Open})
}

// draftBody is the body of PUT …/draft: the whole draft.
type draftBody struct {
	Cells []DraftCell `json:"cells"`
}

func (h *Web) apiSaveDraft(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in draftBody
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	ps, err := h.Svc.SaveDraft(r.Context(), auth.FromContext(r.Context()), id, in.Cells)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"problems": h.apiProblems(r, ps), "errors": countErrors(ps)})
}

func (h *Web) apiSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := h.Svc.Submit(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"version": v})
}

func (h *Web) apiVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	n, err := pathVersion(r)
	if err != nil {
		return err
	}
	v, err := h.Svc.Version(r.Context(), auth.FromContext(r.Context()), id, n)
	if err != nil {
		return err
	}
	v.Cells = nonNil(v.Cells)
	return web.WriteJSON(w, http.StatusOK, v)
}

func (h *Web) apiValidate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Svc.Validate(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Web) apiPublish(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	n, err := h.Svc.Publish(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"figures_written": n})
}

// nonNil makes an empty list [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
