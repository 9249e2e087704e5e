package skipper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

// supportShutdownTimeout bounds the shutdown of the support listener,
// the last step of a run.
const supportShutdownTimeout = time.Second

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
// The wait for the requests in flight, upgraded (WebSocket) connections
// included, lasts at most WriteTimeoutServer, after which no response can
// be written anyway, or 30s when WriteTimeoutServer is not positive. Then
// the remaining client connections are closed; this is logged and still
// counts as a graceful shutdown.
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
	if o.DevMode {
		log.Infof("dev mode: route updates are applied as they come, as they always are here; nothing else changes")
	}

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

	rt := routing.New(o.routingOptions(o.filterRegistry(), clients, preds, log))
	cleanup.add(func() error {
		rt.Close()
		return nil
	})

	px := proxy.New(o.proxyParams(rt, log, accessLog))
	cleanup.add(px.Close)

	go releaseBuildMemory(rt, stop, log)

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
	if err := servers.drain(o.shutdownTimeout(), log); err != nil && serveErr == nil {
		serveErr = err
	}
	// The proxy, the routing and the data clients are closed by cleanup,
	// in the reverse order of their creation; the support listener goes
	// last of all, so /routes answers until the end.
	if servers.support != nil {
		cleanup.addFirst(func() error {
			ctx, cancel := context.WithTimeout(context.Background(), supportShutdownTimeout)
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

// releaseBuildMemory returns the memory that the initial build of the
// routing table left behind (parsed documents, intermediate tables) to the
// operating system once the first table with every data client's routes
// is published. Without it, a large table keeps its peak build memory in
// the process's RSS: the Go runtime returns free memory to the system only
// slowly. (A lower GOGC during the build lowers that peak too, but makes a
// build of 800,000 routes take twice as long.)
func releaseBuildMemory(rt *routing.Routing, stop <-chan struct{}, log logging.Logger) {
	select {
	case <-rt.FirstLoad():
	case <-stop:
		return
	}
	start := time.Now()
	debug.FreeOSMemory()
	log.Debugf("memory of the initial route table build returned to the system in %v", time.Since(start))
}
