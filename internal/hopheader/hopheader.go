// Package hopheader holds the hop-by-hop headers of RFC 2616 §13.5.1 that
// a proxy does not forward, shared by the proxy and the tee filter.
package hopheader

import "net/http"

// names are the canonical names of the hop-by-hop headers.
var names = [...]string{
	"Te", "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Trailer", "Transfer-Encoding", "Upgrade",
}

// Remove deletes the hop-by-hop headers from h.
func Remove(h http.Header) {
	for _, n := range names {
		delete(h, n)
	}
}
