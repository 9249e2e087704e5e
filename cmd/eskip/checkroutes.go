package main

import (
	"math"
	"strconv"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

// routeBatchSize is the number of routes handed to the route checker at
// once.
const routeBatchSize = 512

// routeBatch is a run of routes of one document.
type routeBatch struct {
	input  int
	doc    string
	routes []*eskip.Route
	pos    []eskip.Position
}

// definition is where a route id was first defined. It is kept for every
// route, so it is small: positions past 2^31 are clamped.
type definition struct {
	input        int32
	line, column int32
}

// clamp32 returns n, or math.MaxInt32 when n is larger.
func clamp32(n int) int32 {
	return int32(min(n, math.MaxInt32))
}

// routeChecker checks parsed routes on a goroutine of its own, in the
// order they were parsed, while the parser goes on: on large documents
// the checks take about as long as the parsing. It keeps no routes: only
// the position of each route id, for finding duplicates.
//
// add, flush and sizeIDs belong to the parsing goroutine; everything else
// to the checking goroutine until wait returns.
type routeChecker struct {
	names inputNames

	work chan *routeBatch
	free chan *routeBatch
	done chan struct{}
	cur  *routeBatch

	ids map[string]definition
	// arena holds copies of the ids, so the map does not keep the
	// documents alive.
	arena    stringArena
	problems []problem

	// engine and validator check the predicates and filters of each
	// route as the routing table would.
	engine    *engine
	validator *routing.Validator
	// scratch is the copy of a route that is validated.
	scratch eskip.Route
}

// startRouteChecker starts a route checker for the inputs called names.
func startRouteChecker(names inputNames) *routeChecker {
	e := newEngine()
	rc := &routeChecker{
		names:     names,
		work:      make(chan *routeBatch, 4),
		free:      make(chan *routeBatch, 6),
		done:      make(chan struct{}),
		engine:    e,
		validator: routing.NewValidator(e.options()),
	}
	go rc.run()
	return rc
}

// sizeIDs makes the id map for about n routes. It must be called before
// the first add, if at all.
func (rc *routeChecker) sizeIDs(n int) {
	rc.ids = make(map[string]definition, n)
}

// add queues r, a route of source input that starts at pos in doc.
func (rc *routeChecker) add(input int, doc string, r *eskip.Route, pos eskip.Position) {
	b := rc.cur
	if b != nil && (b.input != input || len(b.routes) == routeBatchSize) {
		rc.flush()
		b = nil
	}
	if b == nil {
		select {
		case b = <-rc.free:
		default:
			b = &routeBatch{
				routes: make([]*eskip.Route, 0, routeBatchSize),
				pos:    make([]eskip.Position, 0, routeBatchSize),
			}
		}
		b.input, b.doc = input, doc
		rc.cur = b
	}
	b.routes = append(b.routes, r)
	b.pos = append(b.pos, pos)
}

// flush hands the current batch to the checking goroutine.
func (rc *routeChecker) flush() {
	if rc.cur != nil && len(rc.cur.routes) > 0 {
		rc.work <- rc.cur
	}
	rc.cur = nil
}

// wait checks the queued routes, stops the checking goroutine and returns
// the problems found. The route checker takes no more routes afterwards.
func (rc *routeChecker) wait() []problem {
	rc.flush()
	close(rc.work)
	<-rc.done
	return rc.problems
}

// firstDefinition returns where the route id was defined first. It may be
// called after wait.
func (rc *routeChecker) firstDefinition(id string) (definition, bool) {
	d, ok := rc.ids[id]
	return d, ok
}

// run checks the batches until the work channel is closed.
func (rc *routeChecker) run() {
	defer close(rc.done)
	for b := range rc.work {
		// sizeIDs, if called, made the map before the first batch was
		// sent.
		if rc.ids == nil {
			rc.ids = make(map[string]definition)
		}
		for i, r := range b.routes {
			rc.check(b.input, b.doc, r, b.pos[i])
		}
		clear(b.routes)
		b.routes, b.pos, b.doc = b.routes[:0], b.pos[:0], ""
		select {
		case rc.free <- b:
		default:
		}
	}
}

// addProblem records a problem about route id at pos.
func (rc *routeChecker) addProblem(input int, pos eskip.Position, id, msg string) {
	rc.problems = append(rc.problems, problem{input: input, offset: pos.Offset, msg: rc.names.routeMsg(input, pos, id, msg)})
}

// check records the problems of one parsed route of source input, which
// starts at pos in doc: a duplicate id, invalid backend URLs, and the
// predicates and filters that the routing would reject.
func (rc *routeChecker) check(input int, doc string, r *eskip.Route, pos eskip.Position) {
	if r.Id != "" {
		if first, ok := rc.ids[r.Id]; ok {
			rc.addProblem(input, pos, r.Id,
				"duplicate id, first defined at "+rc.names.place(int(first.input), int(first.line), int(first.column)))
		} else {
			rc.ids[rc.arena.copy(r.Id)] = definition{input: clamp32(input), line: clamp32(pos.Line), column: clamp32(pos.Column)}
		}
	}

	switch r.BackendType {
	case eskip.NetworkBackend:
		if r.Backend == "" {
			rc.addProblem(input, pos, r.Id, "network backend is empty")
		} else if err := checkBackendURL(r.Backend); err != nil {
			rc.addProblem(input, pos, r.Id, "invalid backend URL "+strconv.Quote(r.Backend)+": "+err.Error())
		}
	case eskip.LBBackend:
		for _, ep := range r.LBEndpoints {
			if err := checkBackendURL(ep.Address); err != nil {
				rc.addProblem(input, pos, r.Id, "invalid endpoint URL "+strconv.Quote(ep.Address)+": "+err.Error())
			}
		}
	}

	rc.validate(input, doc, r, pos)
}

// validate records the problem the routing finds in the predicates and
// filters of r, if any.
//
// The backend of r is checked by check, with messages of its own, so a
// copy of r with a shunt backend is validated: the routing would stop at a
// bad backend and hide the other problems. The copy leaves out the filters
// when they all have no-op specs, whose creation cannot fail; on large
// documents that saves a good part of the time.
func (rc *routeChecker) validate(input int, doc string, r *eskip.Route, pos eskip.Position) {
	d := &rc.scratch
	*d = *r
	d.BackendType, d.Backend, d.LBAlgorithm, d.LBEndpoints = eskip.ShuntBackend, "", "", nil
	if !rc.engine.filters.accept(r) {
		d.Filters = nil
	}
	if inv := rc.validator.Validate(d); inv != nil {
		at, msg := rc.engine.invalidRouteProblem(doc, pos, inv)
		rc.addProblem(input, at, r.Id, msg)
	}
	// Keep no references into the document.
	*d = eskip.Route{}
}
