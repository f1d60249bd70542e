package caselaw

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// SearchJSON is the answer of GET /api/v1/caselaw: the total, a page of
// hits and every facet with its counts, which follow the query.
type SearchJSON struct {
	Total  int                            `json:"total"`
	Page   int                            `json:"page"`
	Pages  int                            `json:"pages"`
	Hits   []Hit                          `json:"hits"`
	Facets map[string][]search.FacetCount `json:"facets"`
}

// CaseJSON is the answer of GET /api/v1/caselaw/{case}: the case in its
// JSON form with where it stands and its files.
type CaseJSON struct {
	Case
	Revision    int          `json:"revision"`
	Published   bool         `json:"published"`
	URL         string       `json:"url"`
	Attachments []Attachment `json:"attachments"`
	Findings    []Finding    `json:"identifier_findings,omitempty"`
}

func (h *Web) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q, res, err := h.findCases(r, requestLang(r))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, SearchJSON{Total: res.Total, Page: q.Page, Pages: res.Pages, Hits: res.Hits, Facets: res.Facets})
}

func (h *Web) apiCase(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.Svc.Get(r.Context(), auth.FromContext(r.Context()), r.PathValue("case"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, caseJSON(rec))
}

func caseJSON(rec *Record) CaseJSON {
	out := CaseJSON{Case: rec.Case, Revision: rec.Rev, Published: rec.Published(), URL: "/caselaw/" + rec.Case.ID,
		Attachments: rec.Attachments}
	if out.Attachments == nil {
		out.Attachments = []Attachment{}
	}
	if !rec.Published() {
		out.Findings = rec.Findings
	}
	return out
}

// apiSave writes the body, a case in its JSON form, as a new revision of
// the case named in the path (a new case when there is none).
func (h *Web) apiSave(w http.ResponseWriter, r *http.Request) error {
	var c Case
	if err := web.DecodeJSON(r, &c); err != nil {
		return err
	}
	if c.ID == "" {
		c.ID = r.PathValue("case")
	}
	if c.ID != r.PathValue("case") {
		return errs.Invalid().Field("id", "err.caselaw_id_path")
	}
	rec, err := h.Svc.Save(r.Context(), auth.FromContext(r.Context()), c, r.URL.Query().Get("note"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, caseJSON(rec))
}

// apiPublish publishes revision {"rev": N} of the case.
func (h *Web) apiPublish(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Rev int `json:"rev"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		return err
	}
	rec, err := h.Svc.Publish(r.Context(), auth.FromContext(r.Context()), r.PathValue("case"), body.Rev)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, caseJSON(rec))
}

func (h *Web) apiHistory(w http.ResponseWriter, r *http.Request) error {
	revs, err := h.Svc.History(r.Context(), auth.FromContext(r.Context()), r.PathValue("case"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"id": r.PathValue("case"), "revisions": revs})
}
