package routing

import (
	"sync"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
)

// drainer closes the filters of removed routes once no request can use
// them any more. Retired tables queue up in generation order; the filters a
// table retired are closed when that table and every older one have no
// pins left.
type drainer struct {
	log logging.Logger

	mu     sync.Mutex
	queue  []*Table
	inline bool // no drain goroutine: kicks drain on the caller's goroutine

	kicks chan struct{}
}

func newDrainer(log logging.Logger) *drainer {
	return &drainer{log: log, kicks: make(chan struct{}, 1)}
}

// retire queues t, which is no longer current, with the filters that the
// next generation removed, and drops its current pin.
func (d *drainer) retire(t *Table, closers []filters.FilterCloser) {
	t.retiring = closers
	d.mu.Lock()
	d.queue = append(d.queue, t)
	d.mu.Unlock()
	t.release()
}

// kick tells the drainer that a table lost its last pin.
func (d *drainer) kick() {
	d.mu.Lock()
	inline := d.inline
	d.mu.Unlock()
	if inline {
		d.run()
		return
	}
	select {
	case d.kicks <- struct{}{}:
	default:
	}
}

// stopGoroutine makes later kicks drain on the caller's goroutine, and
// drains once.
func (d *drainer) stopGoroutine() {
	d.mu.Lock()
	d.inline = true
	d.mu.Unlock()
	d.run()
}

// run closes the filters of the released tables at the head of the queue.
func (d *drainer) run() {
	var closers []filters.FilterCloser
	d.mu.Lock()
	for len(d.queue) > 0 && d.queue[0].refs.Load() <= 0 {
		t := d.queue[0]
		closers = append(closers, t.retiring...)
		t.retiring = nil
		d.queue[0] = nil
		d.queue = d.queue[1:]
	}
	if len(d.queue) == 0 {
		d.queue = nil
	}
	d.mu.Unlock()
	for _, c := range closers {
		if err := c.Close(); err != nil {
			d.log.Errorf("closing a filter of a removed route: %v", err)
		}
	}
}

// pending returns the number of retired tables whose filters are not
// closed yet.
func (d *drainer) pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.queue)
}
