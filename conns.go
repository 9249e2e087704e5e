package skipper

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// connTracker follows what http.Server.Shutdown does not see: the handlers
// still running on hijacked connections (upgrades such as WebSocket, whose
// handler copies bytes until either side closes) and the hijacked
// connections themselves. A shutdown waits for the handlers and, at its
// deadline, closes the hijacked connections.
//
// The servers report hijacks through connState; the handler wrapper counts
// the handlers in flight and forgets the hijacked connection of a handler
// when it returns, as the connection is then closed or handed on.
type connTracker struct {
	// running counts the handlers in flight.
	running atomic.Int64
	// nHijacked counts the entries of hijacked, so that requests skip the
	// map while no connection is hijacked.
	nHijacked atomic.Int64
	// hijacked holds the hijacked connections (net.Conn keys); a sync.Map,
	// so that requests that end while upgrades run look it up without a
	// lock.
	hijacked sync.Map
}

// connKey is the request context key of the connection a request came
// on.
type connKey struct{}

// waitPollMax is the longest pause between two looks at the handlers in
// flight while waiting for them.
const waitPollMax = 50 * time.Millisecond

func newConnTracker() *connTracker {
	return &connTracker{}
}

// connContext is the http.Server ConnContext hook: it puts the connection
// into the context of its requests.
func (t *connTracker) connContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// connState is the http.Server ConnState hook: it records hijacked
// connections.
func (t *connTracker) connState(c net.Conn, s http.ConnState) {
	if s != http.StateHijacked {
		return
	}
	if _, loaded := t.hijacked.LoadOrStore(c, struct{}{}); !loaded {
		t.nHijacked.Add(1)
	}
}

// handler counts the requests of next in flight.
func (t *connTracker) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.running.Add(1)
		defer t.done(r)
		next.ServeHTTP(w, r)
	})
}

// done ends a request: its connection, if hijacked, is no longer tracked.
func (t *connTracker) done(r *http.Request) {
	if t.nHijacked.Load() > 0 {
		if c, ok := r.Context().Value(connKey{}).(net.Conn); ok {
			if _, loaded := t.hijacked.LoadAndDelete(c); loaded {
				t.nHijacked.Add(-1)
			}
		}
	}
	t.running.Add(-1)
}

// wait returns nil once no handler is in flight, or the context's error
// when it ends first.
func (t *connTracker) wait(ctx context.Context) error {
	pause := time.Millisecond
	timer := time.NewTimer(pause)
	defer timer.Stop()
	for t.running.Load() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
		pause = min(2*pause, waitPollMax)
		timer.Reset(pause)
	}
	return nil
}

// closeHijacked closes the hijacked connections whose handlers still run
// and returns how many there were.
func (t *connTracker) closeHijacked() int {
	n := 0
	t.hijacked.Range(func(k, _ any) bool {
		if _, loaded := t.hijacked.LoadAndDelete(k); loaded {
			t.nHijacked.Add(-1)
			k.(net.Conn).Close()
			n++
		}
		return true
	})
	return n
}
