// Package routestring provides a data client for routes given as a string
// of eskip, e.g. by the -inline-routes flag.
//
// The string is parsed once, by New; a syntax error fails New with the
// line and column of the error. The client's LoadAll returns the routes,
// its LoadUpdate never returns anything. Its name is "inline".
//
// A string that holds a single route expression without an id, e.g.
// `* -> status(200) -> <shunt>`, gives one route with the empty id, as in
// the original. The routing accepts the empty id like any other; it only
// has to be unique, so such a route should not be combined with another
// data client that has a route without id. Several routes need ids:
// `a: Path("/a") -> <shunt>; b: * -> "http://b.example"`.
package routestring

import (
	"fmt"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

// Client is a data client that serves routes parsed from a string.
type Client struct {
	routes []*eskip.Route
}

// New parses doc and returns a data client serving its routes. The error
// of a syntax error wraps an *eskip.ParseError that tells the line, the
// column and the route id.
func New(doc string) (routing.DataClient, error) {
	routes, err := eskip.Parse(doc)
	if err != nil {
		return nil, fmt.Errorf("parsing inline routes: %w", err)
	}
	return &Client{routes: routes}, nil
}

// LoadAll returns the routes of the string.
func (c *Client) LoadAll() ([]*eskip.Route, error) {
	if len(c.routes) == 0 {
		return nil, nil
	}
	return append([]*eskip.Route(nil), c.routes...), nil
}

// LoadUpdate returns nothing: the routes never change.
func (c *Client) LoadUpdate() ([]*eskip.Route, []string, error) {
	return nil, nil, nil
}

// Name returns "inline".
func (c *Client) Name() string {
	return "inline"
}
