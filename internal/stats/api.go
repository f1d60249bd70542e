package stats

import (
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

func (h *Web) registerAPI(rt *web.Router) {
	pub, analysts := auth.Public(), auth.Roles(auth.Analysts...)
	rt.Handle("GET /api/v1/stats/observations", pub, h.apiObservations)
	rt.Handle("GET /api/v1/stats/aggregate", pub, h.apiAggregate)
	rt.Handle("GET /api/v1/stats/flows", pub, h.apiFlows)
	rt.Handle("GET /api/v1/stats/conflicts", analysts, h.apiConflicts)
	rt.Handle("POST /api/v1/stats/conflicts/{id}/resolve", analysts, h.apiResolve, web.BodyLimit(16<<10))
}

// intParam reads a non-negative integer parameter, naming it when malformed.
func intParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errs.BadParam(name, "err.number_invalid")
	}
	return n, nil
}

func (h *Web) apiObservations(w http.ResponseWriter, r *http.Request) error {
	q, err := ParseQuery(r.URL.Query().Get, h.Svc.Geo.Known)
	if err != nil {
		return err
	}
	offset, err := intParam(r, "offset", 0)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 100)
	if err != nil {
		return err
	}
	obs, more, err := h.Svc.Observations(r.Context(), q, offset, limit)
	if err != nil {
		return err
	}
	if obs == nil {
		obs = []Observation{}
	}
	out := map[string]any{"observations": obs, "offset": offset, "count": len(obs)}
	if more {
		out["next"] = "/api/v1/stats/observations?" + nextQuery(r, offset+len(obs))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

func nextQuery(r *http.Request, offset int) string {
	q := r.URL.Query()
	q.Set("offset", strconv.Itoa(offset))
	return q.Encode()
}

// Label names a group for the API: the English name of a built-in group,
// the analyst's label otherwise.
func (h *Web) Label(g *geo.Grouping, group string) string {
	if k := g.GroupKey(group); k != "" {
		return h.UI.Catalog.For(web.DefaultLang).T(k)
	}
	return group
}

func (h *Web) apiAggregate(w http.ResponseWriter, r *http.Request) error {
	q, err := ParseQuery(r.URL.Query().Get, h.Svc.Geo.Known)
	if err != nil {
		return err
	}
	if err := q.RequireCell(); err != nil {
		return err
	}
	grouping := r.URL.Query().Get("grouping")
	if grouping == "" {
		grouping = "m49-region"
	}
	rows, err := h.Svc.Aggregate(r.Context(), q, grouping, h.Label)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"grouping": GroupingID(grouping), "query": q.JSON(), "rows": rows})
}

func (h *Web) apiConflicts(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Svc.Conflicts(r.Context(), auth.FromContext(r.Context()), r.URL.Query().Get("status"))
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []QueuedConflict{}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"conflicts": cs})
}

func (h *Web) apiResolve(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in Resolution
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if err := h.Svc.ResolveConflict(r.Context(), auth.FromContext(r.Context()), id, in); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
