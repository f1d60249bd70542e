package caselaw

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the room's pages, its JSON API and its country profile section.
type Web struct {
	Svc *Service
	UI  *web.UI
	Geo *geo.Service
}

// formLimit caps the case and legislation forms; JudgmentLimits bound a
// judgment upload.
const formLimit = 2 << 20

// Register adds the room's pages and routes. Reading is public; drafting
// is for editors and focal points (their own country, which the service
// checks); reviewing, publishing and legislation are for editors.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("caselaw", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, draft, ed := auth.Public(), DraftPolicy(), EditorPolicy()
	small, upload := web.BodyLimit(formLimit), web.UploadLimit(JudgmentLimits)
	rt.Handle("GET /caselaw", pub, h.searchPage)
	rt.Handle("GET /caselaw/analysis", pub, h.analysisPage)
	h.registerFollow(rt)
	rt.Handle("GET /caselaw/drafts", draft, h.draftsPage)
	rt.Handle("GET /caselaw/new", draft, h.newCase)
	rt.Handle("POST /caselaw", draft, h.createCase, upload)
	rt.Handle("GET /caselaw/{case}", pub, h.casePage)
	rt.Handle("GET /caselaw/{case}/edit", draft, h.editCase)
	rt.Handle("POST /caselaw/{case}", draft, h.updateCase, small)
	rt.Handle("POST /caselaw/{case}/files", draft, h.attach, upload)
	rt.Handle("GET /caselaw/{case}/files/{id}", pub, h.file)
	rt.Handle("POST /caselaw/{case}/files/{id}/delete", draft, h.removeFile, small)
	rt.Handle("POST /caselaw/{case}/publish", ed, h.publish, small)
	rt.Handle("POST /caselaw/{case}/confirm", ed, h.confirm, small)
	rt.Handle("GET /caselaw/{case}/history", ed, h.historyPage)
	rt.Handle("GET /caselaw/{case}/revisions/{rev}", ed, h.revisionPage)
	rt.Handle("GET /legislation", pub, h.legislationPage)
	rt.Handle("GET /legislation/new", ed, h.newInstrument)
	rt.Handle("POST /legislation", ed, h.createInstrument, small)
	rt.Handle("GET /legislation/{instrument}", pub, h.instrumentPage)
	rt.Handle("GET /legislation/{instrument}/edit", ed, h.editInstrument)
	rt.Handle("POST /legislation/{instrument}", ed, h.updateInstrument, small)
	rt.Handle("GET /api/v1/caselaw", pub, h.apiSearch)
	rt.Handle("GET /api/v1/caselaw/{case}", pub, h.apiCase)
	rt.Handle("PUT /api/v1/caselaw/{case}", draft, h.apiSave, small)
	rt.Handle("POST /api/v1/caselaw/{case}/publish", ed, h.apiPublish, small)
	rt.Handle("GET /api/v1/caselaw/{case}/history", ed, h.apiHistory)
	rt.Handle("GET /api/v1/legislation", pub, h.apiLegislation)
	rt.Handle("GET /api/v1/legislation/{instrument}", pub, h.apiInstrument)
	rt.Handle("PUT /api/v1/legislation/{instrument}", ed, h.apiSaveInstrument, small)
	return nil
}

// searchData is what templates/search.html shows.
type searchData struct {
	Query     Query
	Results   *Results
	Facets    []search.FacetView
	Countries []geo.Country
	Permalink string
	Prev      string
	Next      string
	CanDraft  bool
}

// findCases runs the case search r's URL asks for, its snippets in lang.
func (h *Web) findCases(r *http.Request, lang string) (Query, *Results, error) {
	q, err := parseQuery(r.URL.Query(), FacetNames, h.Geo.Known)
	if err != nil {
		return q, nil, err
	}
	q.Lang = lang
	res, err := h.Svc.Find(r.Context(), q)
	return q, res, err
}

// searchPage is the one search box over all published cases, with facets
// that follow the query; its URL is the search's permalink.
func (h *Web) searchPage(w http.ResponseWriter, r *http.Request) error {
	q, res, err := h.findCases(r, web.LangOf(r).Code)
	if err != nil {
		return err
	}
	loc := h.UI.Localizer(r)
	for i := range res.Hits {
		res.Hits[i].CountryName = h.countryName(loc, res.Hits[i].Country)
	}
	d := searchData{Query: q, Results: res, Facets: h.facetViews(loc, FacetNames, res.Facets),
		Permalink: "/caselaw?" + q.values().Encode(), CanDraft: auth.Require(auth.FromContext(r.Context()), drafters()...) == nil}
	d.Prev, d.Next = pageLinks("/caselaw", q.values(), q.Page, res.Pages)
	return h.UI.Show(w, r, "caselaw/search", "caselaw.title", d)
}

// pageLinks are the previous and next pages of a result list ("" at the ends).
func pageLinks(path string, v url.Values, page, pages int) (prev, next string) {
	if page > 1 {
		v.Set("page", strconv.Itoa(page-1))
		prev = path + "?" + v.Encode()
	}
	if page < pages {
		v.Set("page", strconv.Itoa(page+1))
		next = path + "?" + v.Encode()
	}
	return prev, next
}
