package web

import (
	"net/http/httptest"
	"testing"
)

// TestClientAddr: X-Forwarded-For is read from the right, past trusted
// proxies only, and only when the connection itself comes from one; a
// left entry the client wrote is never the address.
func TestClientAddr(t *testing.T) {
	local, err := ParseTrustedProxies(DefaultTrustedProxies)
	if err != nil {
		t.Fatal(err)
	}
	chain, err := ParseTrustedProxies("127.0.0.1, 10.0.0.0/8, 2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		proxies TrustedProxies
		remote  string
		xff     []string
		want    string
	}{
		{"no proxy trusted", nil, "203.0.113.9:5000", []string{"6.6.6.6"}, "203.0.113.9"},
		{"peer is not a proxy", local, "203.0.113.9:5000", []string{"6.6.6.6"}, "203.0.113.9"},
		{"one proxy", local, "127.0.0.1:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"forged left entry", local, "127.0.0.1:5000", []string{"6.6.6.6, 203.0.113.9"}, "203.0.113.9"},
		{"two headers", local, "127.0.0.1:5000", []string{"6.6.6.6", "203.0.113.9"}, "203.0.113.9"},
		{"proxy chain", chain, "127.0.0.1:5000", []string{"6.6.6.6, 203.0.113.9, 10.1.2.3"}, "203.0.113.9"},
		{"IPv6 chain", chain, "[2001:db8::1]:443", []string{"6.6.6.6, 2001:db8:ffff::2, 198.51.100.4, 2001:db8::7"}, "198.51.100.4"},
		{"garbage at the right", local, "127.0.0.1:5000", []string{"6.6.6.6, not-an-ip"}, "127.0.0.1"},
		{"garbage at the left", local, "127.0.0.1:5000", []string{"<script>, 203.0.113.9"}, "203.0.113.9"},
		{"only proxies", chain, "127.0.0.1:5000", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1"},
		{"no header", local, "127.0.0.1:5000", nil, "127.0.0.1"},
		{"mapped IPv4", local, "[::ffff:127.0.0.1]:5000", []string{"203.0.113.9"}, "203.0.113.9"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := c.proxies.ClientAddr(r); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, nonsense"); err == nil {
		t.Error("nonsense accepted as a trusted proxy")
	}
}
