package caselaw

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// registerFollow adds following a search (signed in) and its Atom feed
// (public: /caselaw/feed.atom? + the search's own parameters).
func (h *Web) registerFollow(rt *web.Router) {
	in, small := auth.SignedIn(), web.BodyLimit(16<<10)
	rt.Handle("GET /caselaw/feed.atom", auth.Public(), h.feed)
	rt.Handle("POST /caselaw/follow", in, h.follow(true), small)
	rt.Handle("POST /caselaw/unfollow", in, h.follow(false), small)
}

// follow starts or stops following the search in the form's "query"
// (the search page's parameters), and goes back to it.
func (h *Web) follow(on bool) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		v, err := url.ParseQuery(strings.TrimPrefix(r.PostFormValue("query"), "?"))
		if err != nil {
			v = url.Values{}
		}
		q, err := parseQuery(v, FacetNames, h.Geo.Known)
		if err != nil {
			return err
		}
		by := auth.FromContext(r.Context())
		flash := "flash.search_followed"
		if on {
			err = h.Svc.Follow(r.Context(), by, q)
		} else {
			err, flash = h.Svc.Unfollow(r.Context(), by, q), "flash.search_unfollowed"
		}
		if err != nil {
			return err
		}
		return web.Redirect(w, r, "/caselaw?"+q.values().Encode(), flash)
	}
}

// feed answers the newest published cases matching the search (by
// decision date) as Atom.
func (h *Web) feed(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r.URL.Query(), FacetNames, h.Geo.Known)
	if err != nil {
		return err
	}
	q.Sort, q.Page, q.Lang = search.SortDate, 1, web.LangOf(r).Code
	res, err := h.Svc.Find(r.Context(), q)
	if err != nil {
		return err
	}
	base := h.UI.BaseURL(r)
	self := base + "/caselaw/feed.atom"
	if k := FollowKey(q); k != "" {
		self += "?" + k
	}
	return web.WriteAtom(w, NewAtomFeed(base, self, h.UI.Localizer(r).T("feed.title"), res.Hits))
}
