package caselaw

import (
	"time"

	"github.com/tipsom/tipsom/internal/web"
)

// atomDate is a decision date (YYYY-MM-DD) as an Atom date-time.
func atomDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return web.AtomEpoch
	}
	return t.UTC().Format(time.RFC3339)
}

// NewAtomFeed makes the feed of hits at self (absolute URLs from base):
// each entry names the case and links to its public page.
func NewAtomFeed(base, self, title string, hits []Hit) web.AtomFeed {
	f := web.AtomFeed{ID: self, Title: title, Updated: web.AtomEpoch, Author: web.AtomAuthor{Name: "tipsom"},
		Links: []web.AtomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: base + "/caselaw", Rel: "alternate", Type: "text/html"}}}
	for _, h := range hits {
		e := web.AtomEntry{ID: base + "/caselaw/" + h.ID, Title: h.Title, Updated: atomDate(h.DecisionDate),
			Link:    web.AtomLink{Href: base + "/caselaw/" + h.ID, Rel: "alternate", Type: "text/html"},
			Summary: h.ID + " · " + h.Country + " · " + h.DecisionDate}
		if e.Updated > f.Updated {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}
