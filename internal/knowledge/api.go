package knowledge

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// APIItem is a published item as the API gives it.
type APIItem struct {
	ID      int64   `json:"id"`
	Kind    Kind    `json:"kind"`
	URL     string  `json:"url"`
	Content Content `json:"content"`
	File    string  `json:"file,omitempty"` // the document's path, when there is one
	Demo    bool    `json:"demo"`
}

// APIList is a page of a kind's published items.
type APIList struct {
	Total  int                 `json:"total"`
	Pages  int                 `json:"pages"`
	Items  []APIItem           `json:"items"`
	Facets map[string][]facetN `json:"facets"`
}

type facetN struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// apiList serves GET /api/v1/knowledge/{resources|practices|news}: the
// list page's query, as JSON.
func (h *Web) apiList(w http.ResponseWriter, r *http.Request) error {
	kinds := map[string]Kind{"resources": KindResource, "practices": KindPractice, "news": KindNews}
	k, ok := kinds[r.PathValue("kind")]
	if !ok {
		return errs.NotFound()
	}
	_, res, err := h.browse(r, k)
	if err != nil {
		return err
	}
	out := APIList{Total: res.Total, Pages: res.Pages, Items: []APIItem{}, Facets: map[string][]facetN{}}
	for _, it := range res.Items {
		a := APIItem{ID: it.ID, Kind: it.Kind, URL: it.Path(), Content: it.Content, Demo: it.Demo}
		if it.File != nil {
			a.File = it.Path() + "/file"
		}
		out.Items = append(out.Items, a)
	}
	for name, counts := range res.Facets {
		list := []facetN{}
		for _, c := range counts {
			list = append(list, facetN{c.Value, c.Count})
		}
		out.Facets[name] = list
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
