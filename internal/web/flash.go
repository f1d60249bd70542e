package web

import (
	"net/http"
	"regexp"
)

// flashCookie carries a one-time message across a redirect. It holds only
// a catalogue key, so a forged cookie can show nothing but our own messages.
const flashCookie = "tipsom_flash"

var flashKey = regexp.MustCompile(`^flash\.[a-z0-9_.]+$`)

// Redirect sends the browser to url after a successful form, with an
// optional flash message key shown on the next page.
func Redirect(w http.ResponseWriter, r *http.Request, url, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: flash, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, MaxAge: 60})
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

// TakeFlash returns the pending flash key and clears it.
func TakeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	if !flashKey.MatchString(c.Value) {
		return ""
	}
	return c.Value
}
