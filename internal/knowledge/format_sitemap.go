package knowledge

import (
	"encoding/xml"
	"io"
)

// The sitemaps protocol (sitemaps.org, 0.9): a sitemap lists at most
// 50,000 URLs, an index lists the sitemaps.
const (
	sitemapNS  = "http://www.sitemaps.org/schemas/sitemap/0.9"
	SitemapMax = 50000
)

// URLSet is one sitemap.
type URLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []SitemapURL `xml:"url"`
}

// SitemapURL is one page of a sitemap.
type SitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// SitemapIndex lists sitemaps.
type SitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []SitemapURL `xml:"sitemap"`
}

// writeXML writes v as an XML document.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(v)
}
