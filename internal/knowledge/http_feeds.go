package knowledge

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// feedSize is how many entries a feed holds.
const feedSize = 50

// Feed is one Atom feed of the Hub: its name in /feeds/{name}.atom, the
// kinds of document it follows, its title and the page it mirrors.
type Feed struct {
	Name  string
	Kinds []string
	Title string // catalogue key
	Page  string
}

// Feeds are the public feeds, one per section; the app adds the other
// rooms' (case law).
var Feeds = []Feed{
	{Name: "news", Kinds: []string{DocNews, DocEvent}, Title: "knowledge.feed_news", Page: "/knowledge/news"},
	{Name: "resources", Kinds: []string{DocResource}, Title: "knowledge.feed_resources", Page: "/knowledge/resources"},
	{Name: "practices", Kinds: []string{DocPractice}, Title: "knowledge.feed_practices", Page: "/knowledge/practices"},
}

func (h *Web) feed(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	var f *Feed
	for i := range h.Feeds {
		if h.Feeds[i].Name+".atom" == name {
			f = &h.Feeds[i]
		}
	}
	if f == nil {
		return errs.NotFound()
	}
	entries, _, err := h.Svc.Recent(r.Context(), f.Kinds, 0, feedSize)
	if err != nil {
		return err
	}
	base, lang := h.UI.BaseURL(r), web.LangOf(r).Code
	self := base + "/feeds/" + name
	feed := web.AtomFeed{ID: self, Title: h.UI.Localizer(r).T(f.Title), Updated: web.AtomEpoch, Author: web.AtomAuthor{Name: "tipsom"},
		Links: []web.AtomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: base + f.Page, Rel: "alternate", Type: "text/html"}}}
	for _, e := range entries {
		updated := web.AtomEpoch
		if !e.Date.IsZero() {
			updated = e.Date.UTC().Format(time.RFC3339)
		}
		summary, _ := web.Texts(e.Summary).In(lang)
		title, _ := web.Texts(e.Title).In(lang)
		feed.Entries = append(feed.Entries, web.AtomEntry{ID: base + e.URL, Title: title, Updated: updated,
			Link: web.AtomLink{Href: base + e.URL, Rel: "alternate", Type: "text/html"}, Summary: summary})
		if updated > feed.Updated {
			feed.Updated = updated
		}
	}
	return web.WriteAtom(w, feed)
}

// sitemap serves /sitemap.xml, an index of the sitemaps: the public pages,
// and the documents of the one search by pieces of SitemapMax.
func (h *Web) sitemap(w http.ResponseWriter, r *http.Request) error {
	_, total, err := h.Svc.Recent(r.Context(), nil, 0, 1) // only the total is wanted
	if err != nil {
		return err
	}
	base := h.UI.BaseURL(r)
	idx := SitemapIndex{NS: sitemapNS, Sitemaps: []SitemapURL{{Loc: base + "/sitemaps/pages.xml"}}}
	for n := 0; n*SitemapMax < total; n++ {
		idx.Sitemaps = append(idx.Sitemaps, SitemapURL{Loc: fmt.Sprintf("%s/sitemaps/documents-%d.xml", base, n+1)})
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	return writeXML(w, idx)
}

// sitemapPart serves one sitemap of the index.
func (h *Web) sitemapPart(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	base := h.UI.BaseURL(r)
	set := URLSet{NS: sitemapNS}
	if name == "pages.xml" {
		for _, p := range h.Pages() {
			set.URLs = append(set.URLs, SitemapURL{Loc: base + p})
		}
	} else {
		var n int
		if _, err := fmt.Sscanf(name, "documents-%d.xml", &n); err != nil || n < 1 || name != "documents-"+strconv.Itoa(n)+".xml" {
			return errs.NotFound()
		}
		entries, total, err := h.Svc.Recent(r.Context(), nil, (n-1)*SitemapMax, SitemapMax)
		if err != nil {
			return err
		}
		if (n-1)*SitemapMax >= total {
			return errs.NotFound()
		}
		for _, e := range entries {
			u := SitemapURL{Loc: base + e.URL}
			if !e.Date.IsZero() {
				u.LastMod = e.Date.Format(time.DateOnly)
			}
			set.URLs = append(set.URLs, u)
		}
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	return writeXML(w, set)
}
