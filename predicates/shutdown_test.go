package predicates

import (
	"sync"
	"testing"
)

func TestShutdownCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewShutdown(), []errorCase{
		{"one argument", []interface{}{"now"}, "Shutdown: expected 0 arguments, got 1: invalid predicate parameters"},
		{"two arguments", []interface{}{1.0, 2.0}, "Shutdown: expected 0 arguments, got 2: invalid predicate parameters"},
	})
}

func TestShutdownTrigger(t *testing.T) {
	s := NewShutdown()
	if got := s.Name(); got != "Shutdown" {
		t.Errorf("Name() got %q, want %q", got, "Shutdown")
	}
	p1 := mustCreate(t, s)
	p2 := mustCreate(t, s)
	other := mustCreate(t, NewShutdown())

	if p1.Match(request("/")) || p2.Match(request("/")) || s.InShutdown() {
		t.Fatalf("before Trigger got a match, want none")
	}
	s.Trigger()
	if !p1.Match(request("/")) || !p2.Match(request("/")) || !s.InShutdown() {
		t.Errorf("after Trigger got p1=%v p2=%v InShutdown=%v, want all true", p1.Match(request("/")), p2.Match(request("/")), s.InShutdown())
	}
	if other.Match(request("/")) {
		t.Errorf("a predicate of another spec got true, want false")
	}
	s.Trigger() // idempotent
	if !p1.Match(request("/")) {
		t.Errorf("after a second Trigger got false, want true")
	}
}

func TestShutdownConcurrentTrigger(t *testing.T) {
	s := NewShutdown()
	p := mustCreate(t, s)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(2)
		go func() { defer wg.Done(); s.Trigger() }()
		go func() { defer wg.Done(); p.Match(request("/")) }()
	}
	wg.Wait()
	if !p.Match(request("/")) {
		t.Errorf("after concurrent Trigger got false, want true")
	}
}

// TestShutdownOnSIGTERMWatcher checks the watcher's life cycle without
// sending a signal to the test process: it starts with the first Create,
// once, and Close stops it.
func TestShutdownOnSIGTERMWatcher(t *testing.T) {
	s := NewShutdownOnSIGTERM()
	if s.watching {
		t.Fatalf("watching before the first Create")
	}
	mustCreate(t, s)
	first := s.signals
	if !s.watching || first == nil {
		t.Fatalf("not watching after the first Create")
	}
	mustCreate(t, s)
	if s.signals != first {
		t.Errorf("a second Create started another watcher")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close() got %v, want nil", err)
	}
	select {
	case <-s.stop:
	default:
		t.Errorf("Close did not stop the watcher")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close() got %v, want nil", err)
	}
	mustCreate(t, s) // after Close: no new watcher, no panic
	if s.signals != first {
		t.Errorf("Create after Close started a watcher")
	}
	s.Trigger()
	if !mustCreate(t, s).Match(request("/")) {
		t.Errorf("Trigger after Close got false, want true")
	}
}

func TestShutdownWithoutWatchInstallsNothing(t *testing.T) {
	s := NewShutdown()
	mustCreate(t, s)
	if s.watching || s.signals != nil {
		t.Errorf("NewShutdown spec started watching signals")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close() got %v, want nil", err)
	}
}
