package routing

import "time"

// poll runs one data client's loop: LoadAll until it succeeds, then
// LoadUpdate every poll interval, and LoadAll again right after a failed
// LoadUpdate. A ChangeNotifier is also polled whenever it reports a change.
func (rt *Routing) poll(i int, c DataClient, name string) {
	ticker := time.NewTicker(rt.pollTimeout)
	defer ticker.Stop()
	var changes <-chan struct{}
	if n, ok := c.(ChangeNotifier); ok {
		changes = n.Changes()
	}
	initial := true
	for {
		if initial {
			routes, err := c.LoadAll()
			if err != nil {
				rt.log.Errorf("error while receiving initial data; %s: %v", name, err)
				if !rt.wait(ticker, changes) {
					return
				}
				continue
			}
			if !rt.send(publication{client: i, reset: true, routes: routes}) {
				return
			}
			initial = false
		}
		if !rt.wait(ticker, changes) {
			return
		}
		routes, deleted, err := c.LoadUpdate()
		if err != nil {
			rt.log.Errorf("error while receiving update; %s: %v; loading all routes again", name, err)
			initial = true
			continue
		}
		if len(routes) == 0 && len(deleted) == 0 {
			continue
		}
		if !rt.send(publication{client: i, routes: routes, deleted: deleted}) {
			return
		}
	}
}

// wait waits for the next tick or change notice; false means the routing
// was closed.
func (rt *Routing) wait(t *time.Ticker, changes <-chan struct{}) bool {
	select {
	case <-t.C:
		return true
	case <-changes:
		return true
	case <-rt.quit:
		return false
	}
}

// send hands p to the updater; false means the routing was closed.
func (rt *Routing) send(p publication) bool {
	select {
	case rt.updates <- p:
		return true
	case <-rt.quit:
		return false
	}
}
