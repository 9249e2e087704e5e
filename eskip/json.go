package eskip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// jsonRoute is the JSON object of a route. The field order is the output
// order.
type jsonRoute struct {
	ID         string       `json:"id,omitempty"`
	Backend    *jsonBackend `json:"backend,omitempty"`
	Predicates []*Predicate `json:"predicates,omitempty"`
	Filters    []*Filter    `json:"filters,omitempty"`
}

// jsonBackend is the JSON object of a route's backend.
type jsonBackend struct {
	Type      string   `json:"type"`
	Address   string   `json:"address,omitempty"`
	Algorithm string   `json:"algorithm,omitempty"`
	Endpoints []string `json:"endpoints,omitempty"`
}

// MarshalJSON returns the JSON form of the route's canonical form (see
// Canonical), without HTML escaping:
//
//	{"id":"r1",
//	 "backend":{"type":"lb","algorithm":"roundRobin","endpoints":["http://a?zone=z"]},
//	 "predicates":[{"name":"Method","args":["GET"]},{"name":"Path","args":["/a"]}],
//	 "filters":[{"name":"setPath","args":["/b"]}]}
//
// "id", "predicates", "filters" and a predicate's or filter's "args" are
// left out when empty. The backend's "type" is one of network, shunt,
// loopback, dynamic, lb and forward; "address" is set for network backends,
// "algorithm" and "endpoints" for lb ones, each endpoint carrying its zone
// as a zone query parameter. The whole "backend" object is left out for a
// network backend with an empty address. Numbers are JSON numbers.
//
// Note that json.Marshal applies HTML escaping to the output of MarshalJSON
// again; use PrintJSON or a json.Encoder with SetEscapeHTML(false) to
// encode lists without it.
func (r *Route) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toJSONRoute(r)); err != nil {
		return nil, fmt.Errorf("encoding route %q as JSON: %w", r.Id, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func toJSONRoute(r *Route) *jsonRoute {
	c := Canonical(r)
	jr := &jsonRoute{ID: c.Id, Predicates: c.Predicates, Filters: c.Filters}
	if c.BackendType != NetworkBackend || c.Backend != "" {
		jb := &jsonBackend{Type: c.BackendType.String()}
		switch c.BackendType {
		case NetworkBackend:
			jb.Address = c.Backend
		case LBBackend:
			jb.Algorithm = c.LBAlgorithm
			for _, ep := range c.LBEndpoints {
				jb.Endpoints = append(jb.Endpoints, endpointString(ep))
			}
		}
		jr.Backend = jb
	}
	return jr
}

// UnmarshalJSON sets the route from its JSON form (see MarshalJSON),
// replacing all of its fields:
//
//   - a missing "backend" means a network backend with an empty address;
//   - an unknown backend type is an error;
//   - for "lb", "algorithm" and "endpoints" are read, and a zone query
//     parameter of an endpoint moves into the endpoint's Zone;
//   - "shunt" sets both BackendType and the deprecated Shunt flag, as the
//     parser does;
//   - the predicates stay in Predicates, even Path, Method and the other
//     predicates that the parser moves into the legacy fields;
//   - null predicates and filters are dropped, and empty lists, Args
//     included, become nil.
func (r *Route) UnmarshalJSON(b []byte) error {
	var jr jsonRoute
	if err := json.Unmarshal(b, &jr); err != nil {
		return fmt.Errorf("invalid route JSON: %w", err)
	}
	nr := Route{Id: jr.ID}
	if jr.Backend != nil {
		bt, err := BackendTypeFromString(jr.Backend.Type)
		if err != nil {
			return fmt.Errorf("invalid route JSON, route %q: %w", jr.ID, err)
		}
		nr.BackendType = bt
		switch bt {
		case NetworkBackend:
			nr.Backend = jr.Backend.Address
		case ShuntBackend:
			nr.Shunt = true
		case LBBackend:
			nr.LBAlgorithm = jr.Backend.Algorithm
			for _, e := range jr.Backend.Endpoints {
				address, zone := splitEndpointZone(e)
				nr.LBEndpoints = append(nr.LBEndpoints, &LBEndpoint{Address: address, Zone: zone})
			}
		}
	}
	for _, p := range jr.Predicates {
		if p != nil {
			nr.Predicates = append(nr.Predicates, &Predicate{Name: p.Name, Args: canonicalArgs(p.Args)})
		}
	}
	for _, f := range jr.Filters {
		if f != nil {
			nr.Filters = append(nr.Filters, &Filter{Name: f.Name, Args: canonicalArgs(f.Args)})
		}
	}
	*r = nr
	return nil
}

// splitEndpointZone takes the zone query parameter out of a load-balancer
// endpoint, as the parser does: when the query (everything after the first
// "?") has a zone key, it returns the endpoint up to the "?" followed by the
// rest of the query re-encoded with url.Values.Encode (nothing when no key
// remains), and the zone's first value. Any other endpoint, including one
// whose query does not parse, comes back unchanged with an empty zone.
func splitEndpointZone(endpoint string) (address, zone string) {
	i := strings.IndexByte(endpoint, '?')
	if i < 0 {
		return endpoint, ""
	}
	q, err := url.ParseQuery(endpoint[i+1:])
	if _, ok := q["zone"]; !ok || err != nil {
		return endpoint, ""
	}
	zone = q.Get("zone")
	delete(q, "zone")
	address = endpoint[:i]
	if len(q) > 0 {
		address += "?" + q.Encode()
	}
	return address, zone
}

// PrintJSON returns the routes as a JSON array of route objects (see
// (*Route).MarshalJSON), without HTML escaping. With indent, the output is
// indented by two spaces per level. The output ends with a newline.
func PrintJSON(indent bool, routes ...*Route) ([]byte, error) {
	if routes == nil {
		routes = []*Route{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(routes); err != nil {
		return nil, fmt.Errorf("encoding routes as JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// ParseJSON reads a JSON array of route objects (see (*Route).UnmarshalJSON).
// Null entries are dropped.
func ParseJSON(b []byte) ([]*Route, error) {
	var routes []*Route
	if err := json.Unmarshal(b, &routes); err != nil {
		return nil, fmt.Errorf("parsing JSON routes: %w", err)
	}
	out := routes[:0]
	for _, r := range routes {
		if r != nil {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
