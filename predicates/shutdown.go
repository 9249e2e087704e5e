package predicates

import (
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/openskipper/skipper/routing"
)

// ShutdownSpec is the spec of Shutdown(): its predicates match no request
// until Trigger is called, and every request afterwards. Routes such as
//
//	health: Path("/health") && Shutdown() -> status(503) -> <shunt>;
//
// let a load balancer see that skipper is draining before it stops.
type ShutdownSpec struct {
	inShutdown atomic.Bool
	watch      bool // watch SIGTERM from the first Create on

	mu       sync.Mutex
	watching bool
	closed   bool
	stop     chan struct{}
	signals  chan os.Signal
}

type shutdownPredicate struct {
	spec *ShutdownSpec
}

// NewShutdown returns a Shutdown spec that is switched by Trigger only.
func NewShutdown() *ShutdownSpec { return &ShutdownSpec{} }

// NewShutdownOnSIGTERM returns a Shutdown spec that also triggers itself
// when the process receives SIGTERM. It starts watching the signal when
// its first predicate is created, so a spec that is never used installs
// no handler; Close stops the watching. Note that a process that watches
// SIGTERM is no longer terminated by it: the program must shut itself
// down, as skipper does.
func NewShutdownOnSIGTERM() *ShutdownSpec { return &ShutdownSpec{watch: true} }

// Name returns "Shutdown".
func (*ShutdownSpec) Name() string { return ShutdownName }

// Create takes no arguments.
func (s *ShutdownSpec) Create(list []interface{}) (routing.Predicate, error) {
	if err := newArgs(ShutdownName, list).exactly(0); err != nil {
		return nil, err
	}
	if s.watch {
		s.startWatching()
	}
	return shutdownPredicate{spec: s}, nil
}

// Trigger switches all predicates of the spec to true, for good. It is
// safe to call from any goroutine, more than once.
func (s *ShutdownSpec) Trigger() { s.inShutdown.Store(true) }

// InShutdown tells whether Trigger was called or SIGTERM received.
func (s *ShutdownSpec) InShutdown() bool { return s.inShutdown.Load() }

// Close stops watching SIGTERM. The predicates keep their current state.
// It always returns nil.
func (s *ShutdownSpec) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.watching {
		signal.Stop(s.signals)
		close(s.stop)
	}
	return nil
}

// startWatching starts the SIGTERM watcher unless it runs already or the
// spec is closed.
func (s *ShutdownSpec) startWatching() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.watching || s.closed {
		return
	}
	s.watching = true
	s.stop = make(chan struct{})
	s.signals = make(chan os.Signal, 1)
	signal.Notify(s.signals, syscall.SIGTERM)
	go func(signals <-chan os.Signal, stop <-chan struct{}) {
		select {
		case <-signals:
			s.Trigger()
		case <-stop:
		}
	}(s.signals, s.stop)
}

func (p shutdownPredicate) Match(*http.Request) bool { return p.spec.inShutdown.Load() }
