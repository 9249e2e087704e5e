package skipper

import (
	"crypto/tls"
	"fmt"
	stdlog "log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/openskipper/skipper/internal/framing"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// supportReadHeaderTimeout limits the reading of request headers on the
// support listener, which has no options of its own.
const supportReadHeaderTimeout = time.Minute

// server is an http.Server with its bound listener.
type server struct {
	srv *http.Server
	ln  net.Listener
	tls bool
}

// serve serves the listener until the server is shut down.
func (s *server) serve() error {
	if s.tls {
		return s.srv.ServeTLS(s.ln, "", "")
	}
	return s.srv.Serve(s.ln)
}

// servers are the listeners of one run.
type servers struct {
	proxy    *server
	insecure *server // plain HTTP next to TLS; nil when off
	support  *server // nil when off
	// conns follows the handlers and the hijacked connections of the
	// proxy and insecure servers, for the shutdown.
	conns *connTracker
}

// traffic returns the servers of proxied traffic.
func (s *servers) traffic() []*server {
	out := []*server{s.proxy}
	if s.insecure != nil {
		out = append(out, s.insecure)
	}
	return out
}

// all returns every server.
func (s *servers) all() []*server {
	out := s.traffic()
	if s.support != nil {
		out = append(out, s.support)
	}
	return out
}

// listen binds the listeners: the proxy on Address (TLS when certificates
// are set), the plain HTTP InsecureAddress next to TLS, and the support
// listener. The proxy servers serve h. On error, the listeners bound so far
// are closed.
func (o *Options) listen(h http.Handler, rt *routing.Routing, log logging.Logger) (*servers, error) {
	tlsConfig, err := o.tlsConfig()
	if err != nil {
		return nil, err
	}
	addr := o.Address
	if addr == "" {
		addr = ":http"
		if tlsConfig != nil {
			addr = ":https"
		}
	}
	s := servers{conns: newConnTracker()}
	h = s.conns.handler(h)
	fail := func(err error) (*servers, error) {
		for _, x := range s.all() {
			if x != nil {
				x.ln.Close()
			}
		}
		return nil, err
	}
	ln, err := o.proxyListener(addr, tlsConfig == nil)
	if err != nil {
		return nil, fmt.Errorf("proxy listener: %w", err)
	}
	s.proxy = &server{srv: o.httpServer(h, tlsConfig, s.conns, log), ln: ln, tls: tlsConfig != nil}
	if tlsConfig != nil && o.InsecureAddress != "" {
		ln, err := o.proxyListener(o.InsecureAddress, true)
		if err != nil {
			return fail(fmt.Errorf("insecure listener: %w", err))
		}
		s.insecure = &server{srv: o.httpServer(h, nil, s.conns, log), ln: ln}
	}
	if o.SupportListener != "" {
		ln, err := net.Listen("tcp", o.SupportListener)
		if err != nil {
			return fail(fmt.Errorf("support listener: %w", err))
		}
		s.support = &server{srv: &http.Server{
			ErrorLog:          stdlog.New(serverErrorLog{log: log}, "", 0),
			Handler:           o.supportHandler(rt),
			ReadHeaderTimeout: supportReadHeaderTimeout,
		}, ln: ln}
	}
	return &s, nil
}

// proxyListener binds the TCP listener of proxied traffic on addr: the one
// place where the listeners of Address and InsecureAddress are created.
// A plain HTTP listener is wrapped with the framing guard, so that
// requests with both Content-Length and Transfer-Encoding are refused
// (see internal/framing). A TLS listener is returned as bound: the server
// adds TLS on top of it and needs the *tls.Conn itself.
func (o *Options) proxyListener(addr string, plain bool) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil || !plain {
		return ln, err
	}
	if o.MaxHeaderBytes > 0 {
		return framing.NewListenerSize(ln, o.MaxHeaderBytes), nil
	}
	return framing.NewListener(ln), nil
}

// serverErrorLog passes the error log of net/http servers to the
// application log: TLS handshake errors, which clients cause, at debug
// level, the others at error level.
type serverErrorLog struct {
	log logging.Logger
}

// Write logs one line of the server's error log.
func (w serverErrorLog) Write(p []byte) (int, error) {
	msg := strings.TrimRight(string(p), "\n")
	if strings.Contains(msg, "TLS handshake error") {
		w.log.Debugf("%s", msg)
	} else {
		w.log.Errorf("%s", msg)
	}
	return len(p), nil
}

// httpServer returns a proxy server with the server options, logging its
// errors to log and reporting its connections to conns.
func (o *Options) httpServer(h http.Handler, tlsConfig *tls.Config, conns *connTracker, log logging.Logger) *http.Server {
	srv := &http.Server{
		ErrorLog:          stdlog.New(serverErrorLog{log: log}, "", 0),
		Handler:           h,
		TLSConfig:         tlsConfig,
		ReadTimeout:       o.ReadTimeoutServer,
		ReadHeaderTimeout: o.ReadHeaderTimeoutServer,
		WriteTimeout:      o.WriteTimeoutServer,
		IdleTimeout:       o.IdleTimeoutServer,
		MaxHeaderBytes:    o.MaxHeaderBytes,
		ConnContext:       conns.connContext,
		ConnState:         conns.connState,
	}
	if o.EnableH2cServer {
		p := new(http.Protocols)
		p.SetHTTP1(true)
		p.SetHTTP2(true)
		p.SetUnencryptedHTTP2(true)
		srv.Protocols = p
	}
	return srv
}

// tlsConfig loads the certificates of CertPathTLS and KeyPathTLS, paired
// in order. It returns nil when none is set.
func (o *Options) tlsConfig() (*tls.Config, error) {
	certs, keys := splitCommaList(o.CertPathTLS), splitCommaList(o.KeyPathTLS)
	if len(certs) == 0 && len(keys) == 0 {
		return nil, nil
	}
	if len(certs) != len(keys) {
		return nil, fmt.Errorf("TLS: %d certificate files but %d key files", len(certs), len(keys))
	}
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	for i := range certs {
		pair, err := tls.LoadX509KeyPair(certs[i], keys[i])
		if err != nil {
			return nil, fmt.Errorf("TLS: loading %s and %s: %w", certs[i], keys[i], err)
		}
		c.Certificates = append(c.Certificates, pair)
	}
	return c, nil
}
