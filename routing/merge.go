package routing

import (
	"sort"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
)

// entryOf returns the entry of id, creating it.
func (s *state) entryOf(id string) *entry {
	e := s.entries[id]
	if e == nil {
		e = &entry{id: id}
		s.entries[id] = e
	}
	return e
}

func (s *state) markDirty(e *entry) {
	if !e.dirty {
		e.dirty = true
		s.dirty = append(s.dirty, e)
	}
}

// receive records a publication in the clients' definitions. Deletes
// apply before upserts; of two upserts of one id the later wins.
func (s *state) receive(p publication) {
	c := p.client
	s.logPublication(p)
	n := len(s.names)
	if p.reset {
		s.epoch++
		if len(s.entries) == 0 {
			s.entries = make(map[string]*entry, len(p.routes))
		}
		if len(s.dirty) == 0 && cap(s.dirty) < len(p.routes) {
			// A large first load would otherwise grow the list many times.
			s.dirty = make([]*entry, 0, len(p.routes))
		}
		for _, r := range p.routes {
			if r == nil {
				continue
			}
			e := s.entryOf(r.Id)
			e.hold(c, r, n)
			e.seen = s.epoch
			s.markDirty(e)
		}
		for _, e := range s.entries {
			if e.seen != s.epoch && e.held(c) != nil {
				e.hold(c, nil, n)
				s.markDirty(e)
			}
		}
		return
	}
	for _, id := range p.deleted {
		if e := s.entries[id]; e != nil && e.held(c) != nil {
			e.hold(c, nil, n)
			s.markDirty(e)
		}
	}
	for _, r := range p.routes {
		if r == nil {
			continue
		}
		e := s.entryOf(r.Id)
		e.hold(c, r, n)
		s.markDirty(e)
	}
}

func (s *state) logPublication(p publication) {
	kind := "update"
	if p.reset {
		kind = "reset"
	}
	name := s.names[p.client]
	if s.suppress {
		s.log.Infof("route settings, %s, %s: %d upserted, %d deleted", kind, name, len(p.routes), len(p.deleted))
		return
	}
	if !logging.InfoEnabled(s.log) {
		return
	}
	for _, r := range p.routes {
		if r != nil {
			// r formats itself only when info is logged.
			s.log.Infof("route settings, %s, route: %s: %v", kind, r.Id, r)
		}
	}
	for _, id := range p.deleted {
		s.log.Infof("route settings, %s, deleted id: %s", kind, id)
	}
}

// winner returns the definition of the first client that holds e's id,
// and its index (-1 for none), warning once about ids that several
// clients hold.
func (s *state) winner(e *entry) (*eskip.Route, int) {
	w, held := -1, 0
	for i := range s.names {
		if e.held(i) != nil {
			if w < 0 {
				w = i
			}
			held++
		}
	}
	switch {
	case held > 1 && !e.conflict:
		e.conflict = true
		s.log.Warnf("route %q is defined by more than one data client; using the definition of %s, listed first", e.id, s.names[w])
	case held <= 1:
		e.conflict = false
	}
	if w < 0 {
		return nil, -1
	}
	return e.held(w), w
}

// takeChanges turns the changes of the clients' definitions since the last
// call into changes of the built definitions.
func (s *state) takeChanges() []change {
	dirty := s.dirty
	s.dirty = nil
	s.touched = dirty
	changes := make([]change, 0, len(dirty))
	for _, e := range dirty {
		e.dirty = false
		def, client := s.winner(e)
		changes = append(changes, change{e: e, def: def, client: client})
	}
	if len(s.pre) == 0 || len(dirty) == 0 {
		return changes
	}
	return s.preprocess()
}

// preprocess runs the pre-processors on the complete merged list, sorted
// by id, and diffs their output with the built definitions by id.
func (s *state) preprocess() []change {
	list := make([]*eskip.Route, 0, len(s.entries))
	for _, e := range s.entries {
		if def, _ := s.winner(e); def != nil {
			list = append(list, def)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Id < list[j].Id })
	for _, pp := range s.pre {
		list = pp.Do(list)
	}
	s.ppEpoch++
	changes := make([]change, 0, len(list))
	pos := make(map[*entry]int, len(list))
	for _, d := range list {
		if d == nil {
			continue
		}
		e := s.entryOf(d.Id)
		if i, ok := pos[e]; ok {
			changes[i].def = d
			continue
		}
		pos[e] = len(changes)
		e.ppSeen = s.ppEpoch
		changes = append(changes, change{e: e, def: d, client: -1})
	}
	for _, e := range s.entries {
		if e.def != nil && e.ppSeen != s.ppEpoch {
			changes = append(changes, change{e: e, client: -1})
		}
	}
	return changes
}
