package eskipfile

import (
	"errors"
	"fmt"
	"os"

	"github.com/openskipper/skipper/eskip"
)

// Client is a data client for a routes file that is read once, by Open.
type Client struct {
	routes []*eskip.Route
}

// Open reads and parses the eskip file at path. It fails when the file
// cannot be read or has a syntax error; the error of a syntax error is an
// *eskip.ParseError with File set to path, so its text starts with
// "path:line:column:".
func Open(path string) (*Client, error) {
	doc, err := readFile(path)
	if err != nil {
		return nil, err
	}
	routes, err := eskip.Parse(doc)
	if err != nil {
		var perr *eskip.ParseError
		if errors.As(err, &perr) {
			perr.File = path
			return nil, perr
		}
		return nil, fmt.Errorf("parsing routes file %s: %w", path, err)
	}
	return &Client{routes: routes}, nil
}

// LoadAll returns the routes of the file.
func (c *Client) LoadAll() ([]*eskip.Route, error) {
	return cloneList(c.routes), nil
}

// LoadUpdate returns nothing: the file is not read again.
func (c *Client) LoadUpdate() ([]*eskip.Route, []string, error) {
	return nil, nil, nil
}

// Name returns "eskipfile".
func (c *Client) Name() string {
	return "eskipfile"
}

// Close does nothing; it is there for callers that close their data
// clients.
func (c *Client) Close() {}

// readFile returns the contents of the file at path as a string.
func readFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading routes file: %w", err)
	}
	defer f.Close()
	doc, _, _, err := readStamped(f)
	if err != nil {
		return "", fmt.Errorf("reading routes file: %w", err)
	}
	return doc, nil
}

// cloneList returns a copy of the list, so that callers may change their
// slice without touching the client's.
func cloneList(routes []*eskip.Route) []*eskip.Route {
	if len(routes) == 0 {
		return nil
	}
	return append([]*eskip.Route(nil), routes...)
}
