package skipper

import (
	"fmt"
	"io"

	"github.com/openskipper/skipper/dataclients/eskipfile"
	"github.com/openskipper/skipper/dataclients/routestring"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// dataClients returns the route sources in the order of precedence: the
// routes files read once, the watched routes files, the inline routes and
// the custom data clients.
func (o *Options) dataClients(log logging.Logger) ([]routing.DataClient, error) {
	var clients []routing.DataClient
	for _, path := range o.RoutesFiles() {
		c, err := eskipfile.Open(path)
		if err != nil {
			return nil, fmt.Errorf("loading routes file: %w", err)
		}
		clients = append(clients, c)
	}
	for _, path := range o.WatchRoutesFiles() {
		clients = append(clients, eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: log}))
	}
	if o.InlineRoutes != "" {
		c, err := routestring.New(o.InlineRoutes)
		if err != nil {
			return nil, err
		}
		clients = append(clients, c)
	}
	for _, c := range o.CustomDataClients {
		if c != nil {
			clients = append(clients, c)
		}
	}
	return clients, nil
}

// closeDataClients closes the clients that have a Close method.
func closeDataClients(clients []routing.DataClient) {
	for _, c := range clients {
		switch c := c.(type) {
		case interface{ Close() }:
			c.Close()
		case io.Closer:
			_ = c.Close()
		}
	}
}
