package web

import (
	"net/url"
	"strings"
)

// SafeNext returns next when it is a path on this site, else fallback. It is
// the one check for every destination taken from a request (the language
// switcher's ?next=, the page to return to after signing in), so an attacker
// cannot make tipsom redirect a user off-site. Refused: anything that is not
// an absolute path, "//" (another host), any backslash (browsers read "\" as
// "/", so "/\evil.example" is another host too), control characters
// (browsers drop tabs and newlines, so "/\t/evil.example" is "//evil.example"
// to them, and CR LF would split headers), and anything url.Parse reads as
// having a scheme or a host.
func SafeNext(next, fallback string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return fallback
	}
	for i := 0; i < len(next); i++ {
		if c := next[i]; c < ' ' || c == 0x7f {
			return fallback
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return fallback
	}
	return next
}
