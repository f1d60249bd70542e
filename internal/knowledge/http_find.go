package knowledge

import (
	"net/http"
	"net/url"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// findData is the one search's page.
type findData struct {
	Query      Find
	Res        *Found
	Views      []search.FacetView
	Prev, Next string
	Suggest    string // the link of the suggestion
	Feed       string
}

// find serves /search: one box over every room's public documents.
func (h *Web) find(w http.ResponseWriter, r *http.Request) error {
	f, res, err := h.runFind(r)
	if err != nil {
		return err
	}
	loc := h.UI.Localizer(r)
	counts := map[string][]search.FacetCount{"type": res.Facets["type"], "country": res.Facets["country"], "language": res.Facets["language"]}
	views := search.FacetViews(FindFacets, counts, "search.facet.", facetShown, func(name, value string) string {
		if name == "type" {
			name = search.FacetKind
		}
		return h.valueLabel(loc, name, value)
	})
	// The page's checkboxes carry the API's parameter names.
	for i := range views {
		if views[i].Name == "language" {
			views[i].Name = "lang"
		}
	}
	u := &url.URL{Path: "/search", RawQuery: f.Query().Encode()}
	d := findData{Query: f, Res: res, Views: views}
	d.Prev, d.Next = pager(u, f.Page, res.Pages)
	if res.Suggestion != "" {
		q := f.Query()
		q.Set("q", res.Suggestion)
		d.Suggest = "/search?" + q.Encode()
	}
	return h.UI.Show(w, r, "knowledge/search", "search.title", d)
}

// apiFind serves GET /api/v1/search.
func (h *Web) apiFind(w http.ResponseWriter, r *http.Request) error {
	_, res, err := h.runFind(r)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, res)
}

func (h *Web) runFind(r *http.Request) (Find, *Found, error) {
	f, err := ParseFind(r.URL.Query(), h.Svc.Kinds, h.Geo.Known)
	if err != nil {
		return f, nil, err
	}
	f.Lang = web.LangOf(r).Code
	res, err := h.Svc.Search(r.Context(), f)
	return f, res, err
}
