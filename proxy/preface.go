package proxy

import (
	"errors"
	"net/http"
)

var errHTTP2Preface = errors.New("HTTP/2 connection preface on a listener without h2c")

var closeHeader = http.Header{"Connection": {"close"}}

// isHTTP2Preface tells whether r is the "PRI * HTTP/2.0" request of an
// HTTP/2 connection preface. Go's HTTP/1 server hands it to the handler,
// so that an h2c handler could take over the connection, when the server
// does not serve unencrypted HTTP/2 itself. The proxy refuses it with 505
// and the connection is closed: it is never routed to a backend.
func isHTTP2Preface(r *http.Request) bool {
	return r.Method == "PRI" && r.ProtoMajor == 2 && r.RequestURI == "*"
}
