package skipper

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/openskipper/skipper/logging"
)

// defaultShutdownTimeout bounds the draining of the proxy servers when
// Options.WriteTimeoutServer is not positive.
const defaultShutdownTimeout = 30 * time.Second

// forcedCloseGrace is how long the shutdown waits for the handlers to
// return after it closed their connections at the deadline.
const forcedCloseGrace = time.Second

// shutdownTimeout is how long the proxy servers get to finish the requests
// in flight: WriteTimeoutServer, after which no response can be written
// anyway, or 30s when it is not positive.
func (o *Options) shutdownTimeout() time.Duration {
	if o.WriteTimeoutServer > 0 {
		return o.WriteTimeoutServer
	}
	return defaultShutdownTimeout
}

// drain shuts the proxy servers down: they stop accepting connections at
// once, close their idle connections and get until timeout to finish the
// requests in flight, those on upgraded connections included. At the
// deadline the remaining connections are closed. drain returns when every
// handler has returned, or forcedCloseGrace after the deadline. A deadline
// that passes is logged, not an error; errors closing the listeners are
// returned.
func (s *servers) drain(timeout time.Duration, log logging.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	traffic := s.traffic()
	errs := make([]error, len(traffic))
	var wg sync.WaitGroup
	for i, x := range traffic {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := x.srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				errs[i] = fmt.Errorf("shutting down %s: %w", x.ln.Addr(), err)
			}
		}()
	}
	wg.Wait()
	err := errors.Join(errs...)

	if s.conns.wait(ctx) == nil {
		return err
	}
	for _, x := range traffic {
		x.srv.Close()
	}
	n := s.conns.closeHijacked()
	log.Warnf("requests still in flight %v after the shutdown began: closed their connections, %d of them upgraded", timeout, n)
	grace, cancelGrace := context.WithTimeout(context.Background(), forcedCloseGrace)
	defer cancelGrace()
	if s.conns.wait(grace) != nil {
		log.Warnf("handlers still running after their connections were closed")
	}
	return err
}
