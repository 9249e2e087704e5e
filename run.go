package skipper

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/dataclients/eskipfile"
	"github.com/openskipper/skipper/dataclients/routestring"
	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/builtin"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

// defaultSourcePollTimeout is the poll interval of the data clients when
// Options.SourcePollTimeout is zero or negative.
const defaultSourcePollTimeout = 30 * time.Millisecond

// supportReadHeaderTimeout limits the reading of request headers on the
// support listener, which has no options of its own.
const supportReadHeaderTimeout = time.Minute

// Run starts skipper as o says: it builds the filter and predicate
// registries and the data clients, starts the routing, the proxy, the
// proxy listener on Address and the support listener on SupportListener,
// and serves until the process receives SIGTERM or SIGINT. Then it shuts
// down gracefully: the Shutdown() predicates start to match, it waits
// WaitForHealthcheckInterval, stops accepting connections, waits for the
// requests in flight, and closes the proxy, the routing and the data
// clients. It returns nil after a graceful shutdown and an error when
// skipper cannot start, e.g. when a listener address is taken or the
// inline routes do not parse.
//
// A second SIGTERM or SIGINT during the shutdown ends the process at once,
// as without skipper's signal handling.
func Run(o Options) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
	defer signal.Stop(signals)
	stop := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-signals:
			// Give the signals their default action back, so that the
			// next one ends a shutdown that takes too long.
			signal.Stop(signals)
			close(stop)
		case <-done:
		}
	}()
	return run(o, nil, stop)
}

// run is Run without the signal handling: it serves until stop is closed.
// When ready is not nil, it is called once the listeners accept
// connections, with the address of the proxy listener and that of the
// support listener ("" when it is off).
func run(o Options, ready func(addr, supportAddr string), stop <-chan struct{}) (err error) {
	var cleanup closers
	defer func() {
		if cerr := cleanup.close(); err == nil {
			err = cerr
		}
	}()

	log, logFile, err := o.applicationLogger()
	if err != nil {
		return err
	}
	cleanup.add(logFile.Close)

	accessLog, err := o.accessLogger()
	if err != nil {
		return err
	}
	if accessLog != nil {
		cleanup.add(accessLog.close)
	}

	preds, shutdown := o.predicateSpecs()
	cleanup.add(shutdown.Close)

	clients, err := o.dataClients(log)
	if err != nil {
		return err
	}
	cleanup.add(func() error {
		closeDataClients(clients)
		return nil
	})

	rt := routing.New(routing.Options{
		FilterRegistry:  o.filterRegistry(),
		MatchingOptions: o.matchingOptions(),
		PollTimeout:     o.pollTimeout(),
		DataClients:     clients,
		Predicates:      preds,
		Log:             log,
		SuppressLogs:    o.SuppressRouteUpdateLogs,
		PreProcessors:   o.preProcessors(),
		SignalFirstLoad: o.WaitFirstRouteLoad,
	})
	cleanup.add(func() error {
		rt.Close()
		return nil
	})

	px := proxy.New(o.proxyParams(rt, log, accessLog))
	cleanup.add(px.Close)

	if o.WaitFirstRouteLoad {
		select {
		case <-rt.FirstLoad():
		case <-stop:
			return nil
		}
	}

	servers, err := o.listen(o.handler(px), rt, log)
	if err != nil {
		return err
	}
	errc := make(chan error, len(servers.all()))
	for _, s := range servers.all() {
		go func(s *server) {
			if err := s.serve(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("serving %s: %w", s.ln.Addr(), err)
			}
		}(s)
	}
	log.Infof("proxy listener on %s", servers.proxy.ln.Addr())
	supportAddr := ""
	if servers.support != nil {
		supportAddr = servers.support.ln.Addr().String()
		log.Infof("support listener on %s", supportAddr)
	}
	if ready != nil {
		ready(servers.proxy.ln.Addr().String(), supportAddr)
	}

	var serveErr error
	select {
	case <-stop:
		log.Infof("shutting down")
	case serveErr = <-errc:
		log.Errorf("%v", serveErr)
	}

	shutdown.Trigger()
	if serveErr == nil && o.WaitForHealthcheckInterval > 0 {
		log.Infof("waiting %v for health checks to see the shutdown (signal again to quit at once)", o.WaitForHealthcheckInterval)
		time.Sleep(o.WaitForHealthcheckInterval)
	}
	for _, s := range servers.traffic() {
		if err := s.srv.Shutdown(context.Background()); err != nil && serveErr == nil {
			serveErr = fmt.Errorf("shutting down %s: %w", s.ln.Addr(), err)
		}
	}
	// The proxy, the routing and the data clients are closed by cleanup,
	// in the reverse order of their creation; the support listener goes
	// last of all, so /routes answers until the end.
	if servers.support != nil {
		cleanup.addFirst(func() error {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			return servers.support.srv.Shutdown(ctx)
		})
	}
	return serveErr
}

// closers are the clean-up steps of run, run in reverse order.
type closers []func() error

// add appends a step; it runs before the steps added earlier.
func (c *closers) add(f func() error) { *c = append(*c, f) }

// addFirst adds a step that runs after all others.
func (c *closers) addFirst(f func() error) { *c = append([]func() error{f}, *c...) }

// close runs the steps, last added first, and returns the first error.
func (c closers) close() error {
	var first error
	for i := len(c) - 1; i >= 0; i-- {
		if err := c[i](); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// applicationLogger returns the logger of the application log and the file
// it writes to (a no-op closer for stderr).
func (o *Options) applicationLogger() (*logrus.Logger, io.Closer, error) {
	out, closer, err := openLog(o.ApplicationLogOutput, "application log")
	if err != nil {
		return nil, nil, err
	}
	l := logging.New(out, o.ApplicationLogLevel)
	switch {
	case o.ApplicationLogJSONEnabled:
		l.SetFormatter(&logrus.JSONFormatter{})
	case o.ApplicationLogPrefix != "":
		l.SetFormatter(&prefixFormatter{prefix: o.ApplicationLogPrefix, next: &logrus.TextFormatter{}})
	}
	return l, closer, nil
}

// openLog opens path for appending, or returns stderr when path is empty.
func openLog(path, what string) (io.Writer, io.Closer, error) {
	if path == "" {
		return os.Stderr, nopCloser{}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the %s: %w", what, err)
	}
	return f, f, nil
}

// nopCloser is the closer of stderr, which stays open.
type nopCloser struct{}

// Close does nothing.
func (nopCloser) Close() error { return nil }

// prefixFormatter puts a prefix before every line of another formatter.
type prefixFormatter struct {
	prefix string
	next   logrus.Formatter
}

// Format formats e with the next formatter and prepends the prefix.
func (f *prefixFormatter) Format(e *logrus.Entry) ([]byte, error) {
	b, err := f.next.Format(e)
	if err != nil {
		return nil, err
	}
	return append([]byte(f.prefix+" "), b...), nil
}

// accessLog passes the proxy's access entries to a logging.AccessLog.
type accessLog struct {
	log  *logging.AccessLog
	file io.Closer
}

// State bag keys the access log reads, as in the original.
const (
	// authUserKey holds the authenticated user, a string.
	authUserKey = "auth-user"
	// accessLogAdditionalKey holds extra JSON fields, a
	// map[string]interface{}.
	accessLogAdditionalKey = "statebag:access_log:additional"
)

// LogAccess writes the line of one request.
func (a *accessLog) LogAccess(e *proxy.AccessEntry) {
	entry := logging.AccessEntry{
		Request:      e.Request,
		StatusCode:   e.StatusCode,
		ResponseSize: e.ResponseSize,
		RequestTime:  e.Start,
		Duration:     e.Duration,
	}
	if e.StateBag != nil {
		entry.AuthUser, _ = e.StateBag[authUserKey].(string)
		entry.AdditionalData, _ = e.StateBag[accessLogAdditionalKey].(map[string]interface{})
	}
	a.log.Log(&entry)
}

func (a *accessLog) close() error { return a.file.Close() }

// accessLogger returns the access log, or nil when it is disabled.
func (o *Options) accessLogger() (*accessLog, error) {
	if o.AccessLogDisabled {
		return nil, nil
	}
	out, closer, err := openLog(o.AccessLogOutput, "access log")
	if err != nil {
		return nil, err
	}
	return &accessLog{
		log:  logging.NewAccessLog(out, o.AccessLogJSONEnabled, o.AccessLogStripQuery),
		file: closer,
	}, nil
}

// filterRegistry returns the built-in filters without DisabledFilters,
// with CustomFilters added, replacing built-in ones of the same name.
func (o *Options) filterRegistry() filters.Registry {
	r := builtin.MakeRegistry()
	for _, name := range o.DisabledFilters {
		delete(r, name)
	}
	for _, s := range o.CustomFilters {
		if s != nil {
			r.Register(s)
		}
	}
	return r
}

// predicateSpecs returns the built-in predicates followed by
// CustomPredicates, and the Shutdown spec that run triggers. The built-in
// Shutdown spec, which watches SIGTERM itself, is replaced by one that only
// run triggers: Run owns the signals, so that a second one can end the
// process.
func (o *Options) predicateSpecs() ([]routing.PredicateSpec, *predicates.ShutdownSpec) {
	specs := predicates.Builtin()
	shutdown := predicates.NewShutdown()
	for i, s := range specs {
		if _, ok := s.(*predicates.ShutdownSpec); ok {
			specs[i] = shutdown
		}
	}
	return append(specs, o.CustomPredicates...), shutdown
}

// dataClients returns the route sources in the order of precedence: the
// routes files read once, the watched routes files, the inline routes and
// the custom data clients.
func (o *Options) dataClients(log logging.Logger) ([]routing.DataClient, error) {
	var clients []routing.DataClient
	for _, path := range o.RoutesFiles() {
		c, err := eskipfile.Open(path)
		if err != nil {
			return nil, fmt.Errorf("loading routes file: %w", err)
		}
		clients = append(clients, c)
	}
	for _, path := range o.WatchRoutesFiles() {
		clients = append(clients, eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: log}))
	}
	if o.InlineRoutes != "" {
		c, err := routestring.New(o.InlineRoutes)
		if err != nil {
			return nil, err
		}
		clients = append(clients, c)
	}
	for _, c := range o.CustomDataClients {
		if c != nil {
			clients = append(clients, c)
		}
	}
	return clients, nil
}

// closeDataClients closes the clients that have a Close method.
func closeDataClients(clients []routing.DataClient) {
	for _, c := range clients {
		switch c := c.(type) {
		case interface{ Close() }:
			c.Close()
		case io.Closer:
			_ = c.Close()
		}
	}
}

// preProcessors returns the route pre-processors in their fixed order:
// default filters, clones, edits, the custom ones, and the <forward>
// rewrite last.
func (o *Options) preProcessors() []routing.PreProcessor {
	var pp []routing.PreProcessor
	if o.DefaultFilters != nil {
		pp = append(pp, o.DefaultFilters)
	}
	for _, c := range o.CloneRoute {
		if c != nil {
			pp = append(pp, c)
		}
	}
	for _, e := range o.EditRoute {
		if e != nil {
			pp = append(pp, e)
		}
	}
	for _, p := range o.CustomRoutingPreProcessors {
		if p != nil {
			pp = append(pp, p)
		}
	}
	if o.ForwardBackendURL != "" {
		pp = append(pp, eskip.ForwardPreProcessor(o.ForwardBackendURL))
	}
	return pp
}

// pollTimeout is SourcePollTimeout, or 30ms when it is not positive.
func (o *Options) pollTimeout() time.Duration {
	if o.SourcePollTimeout <= 0 {
		return defaultSourcePollTimeout
	}
	return o.SourcePollTimeout
}

// matchingOptions returns the routing's path matching options.
func (o *Options) matchingOptions() routing.MatchingOptions {
	if o.IgnoreTrailingSlash {
		return routing.IgnoreTrailingSlash
	}
	return routing.MatchingOptionsNone
}

// proxyFlags returns the proxy flags of the boolean options.
func (o *Options) proxyFlags() proxy.Flags {
	f := proxy.FlagsNone
	if o.Insecure {
		f |= proxy.Insecure
	}
	if o.PreserveHost {
		f |= proxy.PreserveHost
	}
	if o.RemoveHopHeaders {
		f |= proxy.HopHeadersRemoval
	}
	return f
}

// proxyParams returns the parameters of the proxy serving the routes of
// rt. A nil access log turns access logging off.
func (o *Options) proxyParams(rt *routing.Routing, log logging.Logger, al *accessLog) proxy.Params {
	p := proxy.Params{
		Routing:                    rt,
		Flags:                      o.proxyFlags(),
		DefaultHTTPStatus:          o.DefaultHTTPStatus,
		MaxLoops:                   o.MaxLoopbacks,
		IdleConnectionsPerHost:     o.IdleConnectionsPerHost,
		MaxIdleConns:               o.MaxIdleConnsBackend,
		CloseIdleConnsPeriod:       o.CloseIdleConnsPeriod,
		Timeout:                    o.TimeoutBackend,
		KeepAlive:                  o.KeepAliveBackend,
		ResponseHeaderTimeout:      o.ResponseHeaderTimeoutBackend,
		TLSHandshakeTimeout:        o.TLSHandshakeTimeoutBackend,
		ExpectContinueTimeout:      o.ExpectContinueTimeoutBackend,
		DisableHTTPKeepalives:      o.DisableHTTPKeepalives,
		FlushInterval:              o.BackendFlushInterval,
		ExperimentalUpgrade:        o.ExperimentalUpgrade,
		CustomHttpRoundTripperWrap: o.CustomHttpRoundTripperWrap,
		Log:                        log,
	}
	if al != nil {
		p.AccessLog = al
	}
	return p
}

// handler returns the handler of the proxy listener: the proxy behind the
// forwarded headers, wrapped by CustomHttpHandlerWrap. (The proxy itself
// refuses HTTP/2 prefaces, which net/http hands to handlers when h2c is
// off.)
func (o *Options) handler(px http.Handler) http.Handler {
	h := px
	if o.ForwardedHeaders.Enabled() {
		h = &forwardedHandler{headers: o.ForwardedHeaders, next: h}
	}
	if o.CustomHttpHandlerWrap != nil {
		h = o.CustomHttpHandlerWrap(h)
	}
	return h
}

// forwardedHandler sets the X-Forwarded-* headers before the proxy sees
// the request.
type forwardedHandler struct {
	headers ForwardedHeaders
	next    http.Handler
}

// ServeHTTP sets the configured headers and passes the request on.
func (f *forwardedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := f.headers
	if h.For {
		ip := r.RemoteAddr
		if host, _, err := net.SplitHostPort(ip); err == nil {
			ip = host
		}
		if prior := r.Header.Get("X-Forwarded-For"); prior != "" {
			ip = prior + ", " + ip
		}
		r.Header.Set("X-Forwarded-For", ip)
	}
	if h.Host {
		r.Header.Set("X-Forwarded-Host", r.Host)
	}
	if h.Method {
		r.Header.Set("X-Forwarded-Method", r.Method)
	}
	if h.URI {
		r.Header.Set("X-Forwarded-Uri", r.RequestURI)
	}
	if h.Port != "" {
		port := h.Port
		if port == "auto" {
			port = ""
			if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
				_, port, _ = net.SplitHostPort(a.String())
			}
		}
		if port != "" {
			r.Header.Set("X-Forwarded-Port", port)
		}
	}
	if h.Proto != "" {
		proto := h.Proto
		if proto == "auto" {
			proto = "http"
			if r.TLS != nil {
				proto = "https"
			}
		}
		r.Header.Set("X-Forwarded-Proto", proto)
	}
	f.next.ServeHTTP(w, r)
}

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
// listener. On error, the listeners bound so far are closed.
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
	var s servers
	fail := func(err error) (*servers, error) {
		for _, x := range s.all() {
			if x != nil {
				x.ln.Close()
			}
		}
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("proxy listener: %w", err)
	}
	s.proxy = &server{srv: o.httpServer(h, tlsConfig, log), ln: ln, tls: tlsConfig != nil}
	if tlsConfig != nil && o.InsecureAddress != "" {
		ln, err := net.Listen("tcp", o.InsecureAddress)
		if err != nil {
			return fail(fmt.Errorf("insecure listener: %w", err))
		}
		s.insecure = &server{srv: o.httpServer(h, nil, log), ln: ln}
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
// errors to log.
func (o *Options) httpServer(h http.Handler, tlsConfig *tls.Config, log logging.Logger) *http.Server {
	srv := &http.Server{
		ErrorLog:          stdlog.New(serverErrorLog{log: log}, "", 0),
		Handler:           h,
		TLSConfig:         tlsConfig,
		ReadTimeout:       o.ReadTimeoutServer,
		ReadHeaderTimeout: o.ReadHeaderTimeoutServer,
		WriteTimeout:      o.WriteTimeoutServer,
		IdleTimeout:       o.IdleTimeoutServer,
		MaxHeaderBytes:    o.MaxHeaderBytes,
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

// supportHandler returns the handler of the support listener: /routes,
// and /debug/pprof/ with EnableProfile. Other paths get 404.
func (o *Options) supportHandler(rt *routing.Routing) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/routes", rt)
	mux.Handle("/routes/", rt)
	if o.EnableProfile {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	return mux
}
