package main

import (
	"bufio"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

// loadedTable is a routing table built from the inputs, for test and
// match.
type loadedTable struct {
	*routing.Table
	// ids are the ids of the routes.
	ids map[string]bool
}

// loadTable checks the inputs as check does and builds the routing table
// of their routes, with the built-in predicates and filters that do
// nothing. When the inputs have any problem, it reports them on standard
// error, as check does, and returns errInvalidRoutes.
func loadTable(s *stdio, srcs []source) (*loadedTable, error) {
	c := checkSources(s, srcs, true)
	if err := c.report(s); err != nil {
		return nil, err
	}
	e := newEngine()
	ids := make(map[string]bool, len(c.kept))
	for _, r := range c.kept {
		e.filters.accept(r)
		ids[r.Id] = true
	}
	t, invalid := routing.Build(c.kept, e.options())
	if len(invalid) == 0 {
		return &loadedTable{Table: t, ids: ids}, nil
	}
	// Check validates each route as the table build does, so this is
	// only for problems of the table as a whole.
	w := bufio.NewWriter(s.err)
	for _, inv := range invalid {
		id := ""
		if inv.Route != nil {
			id = inv.Route.Id
		}
		msg := inv.Reason + ": " + errText(inv.Err)
		if d, ok := c.routes.firstDefinition(id); ok {
			w.WriteString(c.names.routeMsg(int(d.input), eskip.Position{Line: int(d.line), Column: int(d.column)}, id, msg))
		} else {
			w.WriteString(inv.String())
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return nil, errInvalidRoutes
}
