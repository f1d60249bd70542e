package caselaw

import (
	"encoding/xml"
	"io"
	"time"
)

// AtomFeed is an Atom 1.0 feed (RFC 4287) of published cases.
type AtomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []AtomLink  `xml:"link"`
	Author  AtomAuthor  `xml:"author"`
	Entries []AtomEntry `xml:"entry"`
}

// AtomLink is a feed's or an entry's link.
type AtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// AtomAuthor names who publishes the feed.
type AtomAuthor struct {
	Name string `xml:"name"`
}

// AtomEntry is one published case: its reference, title and decision date.
type AtomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    AtomLink `xml:"link"`
	Summary string   `xml:"summary,omitempty"`
}

// atomDate is a decision date (YYYY-MM-DD) as an Atom date-time.
func atomDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return "1970-01-01T00:00:00Z"
	}
	return t.UTC().Format(time.RFC3339)
}

// NewAtomFeed makes the feed of hits at self (absolute URLs from base):
// each entry names the case and links to its public page.
func NewAtomFeed(base, self, title string, hits []Hit) AtomFeed {
	f := AtomFeed{ID: self, Title: title, Updated: "1970-01-01T00:00:00Z", Author: AtomAuthor{Name: "tipsom"},
		Links: []AtomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: base + "/caselaw", Rel: "alternate", Type: "text/html"}}}
	for _, h := range hits {
		e := AtomEntry{ID: base + "/caselaw/" + h.ID, Title: h.Title, Updated: atomDate(h.DecisionDate),
			Link:    AtomLink{Href: base + "/caselaw/" + h.ID, Rel: "alternate", Type: "text/html"},
			Summary: h.ID + " · " + h.Country + " · " + h.DecisionDate}
		if e.Updated > f.Updated {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

// WriteAtom writes f as XML.
func WriteAtom(w io.Writer, f AtomFeed) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}
