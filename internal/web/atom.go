package web

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
)

// AtomFeed is an Atom 1.0 feed (RFC 4287).
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

// AtomEntry is one entry: its id (an absolute URL), title, date, link and
// summary.
type AtomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    AtomLink `xml:"link"`
	Summary string   `xml:"summary,omitempty"`
}

// AtomEpoch is the date of a feed with no dated entry.
const AtomEpoch = "1970-01-01T00:00:00Z"

// WriteAtom writes f as an XML document with its content type.
func WriteAtom(w http.ResponseWriter, f AtomFeed) error {
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	return EncodeAtom(w, f)
}

// EncodeAtom writes f as an XML document.
func EncodeAtom(w io.Writer, f AtomFeed) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}

// BaseURL is the site's public URL, for the absolute URLs of feeds and
// sitemaps: the configured one, never the Host a request names (which
// anyone can set); without one, the request's host, as in development.
func (u *UI) BaseURL(r *http.Request) string {
	if u.Site.URL != "" {
		return strings.TrimRight(u.Site.URL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
