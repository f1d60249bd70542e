package web

import "testing"

// TestSafeNext: a destination taken from a request stays on this site —
// whatever a browser would read as another host (a scheme, "//", a
// backslash, which browsers turn into a slash, or a control character,
// which they drop) falls back.
func TestSafeNext(t *testing.T) {
	cases := map[string]string{
		"":                         "/fallback",
		"/":                        "/",
		"/caselaw?q=paris&lang=fr": "/caselaw?q=paris&lang=fr",
		"/countries/ISL#profile":   "/countries/ISL#profile",
		"/a/b/../c":                "/a/b/../c",
		"caselaw":                  "/fallback",
		"//evil.example/":          "/fallback",
		"/\\evil.example/":         "/fallback",
		"\\\\evil.example":         "/fallback",
		"/ok\\path":                "/fallback",
		"https://evil.example/":    "/fallback",
		"http:/evil.example":       "/fallback",
		"javascript:alert(1)":      "/fallback",
		"/\t/evil.example":         "/fallback",
		"/\n/evil.example":         "/fallback",
		"/\r\nSet-Cookie: x=1":     "/fallback",
		"/\x00":                    "/fallback",
		"/\x7f":                    "/fallback",
		"/%zz":                     "/fallback",
		" /spaced":                 "/fallback",
		"/with space":              "/with space",
	}
	for in, want := range cases {
		if got := SafeNext(in, "/fallback"); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
