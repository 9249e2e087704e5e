// Package framing guards the plain HTTP/1 listeners of the proxy against
// requests that carry both Content-Length and Transfer-Encoding.
//
// Go's HTTP/1 server accepts such a request: on HTTP/1.1 the chunked
// Transfer-Encoding wins and Content-Length is dropped (RFC 9112 §6.3), on
// HTTP/1.0 Transfer-Encoding is ignored. Either way it deletes the losing
// header before the handler runs, so the handler cannot tell that the
// request was ambiguous, and the connection stays open.
//
// NewListener wraps a listener so that each accepted connection follows the
// framing of the requests it carries, byte for byte, exactly as Go's server
// reads them: the request heads, Content-Length bodies, and chunked bodies
// with their extensions and trailers. When a head carries both headers, the
// guard renames the header Go would ignore to ConflictHeader: the
// Content-Length lines on HTTP/1.1 and later, the Transfer-Encoding lines on
// HTTP/1.0. Go then frames the request as before, and the handler sees
// ConflictHeader and can refuse the request. No other byte is changed, and
// bodies pass through without being buffered.
//
// A connection goes over to plain pass-through for good after a request Go
// would reject anyway or the guard does not understand (Go closes such
// connections), after a request head longer than Go reads, after a CONNECT
// request, and after a request asking for an upgrade in its Connection
// header, since what follows an upgrade is not HTTP/1.
//
// TLS listeners are not wrapped: http.Server needs the *tls.Conn itself to
// serve HTTPS, and a wrapped listener would hide it. Wrap only listeners
// whose connections the server reads as plain HTTP/1.
package framing
