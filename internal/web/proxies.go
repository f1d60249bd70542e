package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// TrustedProxies are the reverse proxies whose X-Forwarded-For entries are
// believed. Empty: none, and the address is the connection's.
type TrustedProxies []netip.Prefix

// DefaultTrustedProxies trusts a proxy on the same host only. A proxy
// elsewhere is named with --trusted-proxies: trusting whole private ranges
// by default would let any client on them forge its address.
const DefaultTrustedProxies = "127.0.0.0/8,::1/128"

// ParseTrustedProxies reads a comma-separated list of CIDR prefixes or
// single addresses.
func ParseTrustedProxies(list string) (TrustedProxies, error) {
	var out TrustedProxies
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: want an address or a CIDR prefix", f)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an address or a CIDR prefix", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (t TrustedProxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientAddr is the address r came from. The connection's peer, unless it
// is a trusted proxy: then X-Forwarded-For is read from the right (each
// proxy appends the address it saw), trusted proxies are skipped, and the
// first other address is the client's. Entries left of it were written by
// the client and are never believed. When every hop is a trusted proxy,
// the left-most is taken; an unreadable entry stops the walk at the last
// good hop.
func (t TrustedProxies) ClientAddr(r *http.Request) string {
	peer := remoteHost(r)
	pa, err := netip.ParseAddr(peer)
	if len(t) == 0 || err != nil || !t.trusts(pa) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	last := pa.Unmap()
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		a, err := netip.ParseAddr(h)
		if err != nil {
			break
		}
		last = a.Unmap()
		if !t.trusts(a) {
			break
		}
	}
	return last.String()
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type clientAddrKey struct{}

// ClientAddr returns the client address Observe found for r (see
// TrustedProxies.ClientAddr), or the connection's peer outside Observe.
func ClientAddr(r *http.Request) string {
	if a, ok := r.Context().Value(clientAddrKey{}).(string); ok {
		return a
	}
	return remoteHost(r)
}
