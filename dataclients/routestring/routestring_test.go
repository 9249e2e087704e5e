package routestring

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantIDs string
		wantErr string
	}{{
		name: "empty",
	}, {
		name:    "one route without id",
		doc:     `* -> status(204) -> <shunt>`,
		wantIDs: `""`,
	}, {
		name:    "routes with ids",
		doc:     `a: Path("/a") -> "http://a.example"; b: * -> <shunt>`,
		wantIDs: "a b",
	}, {
		name:    "syntax error with line and column",
		doc:     "a: * -> <shunt>;\nb: Path(\"/b\") -> ;",
		wantErr: `parsing inline routes: 2:18: route "b": expected a filter or a backend`,
	}, {
		name:    "two routes without ids",
		doc:     `* -> <shunt>; * -> <shunt>`,
		wantErr: `parsing inline routes: 1:13: `,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.doc)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("New: got no error, want %q", tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Errorf("New: got error %q, want it to start with %q", err, tt.wantErr)
				}
				var perr *eskip.ParseError
				if !errors.As(err, &perr) {
					t.Errorf("New: got error %#v, want one that wraps a *eskip.ParseError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: got error %v", err)
			}
			routes, err := c.LoadAll()
			if err != nil {
				t.Fatalf("LoadAll: got error %v", err)
			}
			var ids []string
			for _, r := range routes {
				if r.Id == "" {
					ids = append(ids, `""`)
				} else {
					ids = append(ids, r.Id)
				}
			}
			if got := strings.Join(ids, " "); got != tt.wantIDs {
				t.Errorf("LoadAll: got ids %q, want %q", got, tt.wantIDs)
			}
			up, del, err := c.LoadUpdate()
			if len(up) != 0 || len(del) != 0 || err != nil {
				t.Errorf("LoadUpdate: got %d routes, %q, %v, want nothing", len(up), del, err)
			}
			named, ok := c.(routing.NamedDataClient)
			if !ok {
				t.Fatalf("New: got %T, want a routing.NamedDataClient", c)
			}
			if got, want := named.Name(), "inline"; got != want {
				t.Errorf("Name: got %q, want %q", got, want)
			}
		})
	}
}

func TestLoadAllReturnsACopy(t *testing.T) {
	c, err := New(`a: * -> <shunt>`)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := c.LoadAll()
	first[0] = nil
	second, _ := c.LoadAll()
	if len(second) != 1 || second[0] == nil || second[0].Id != "a" {
		t.Errorf("LoadAll after the caller changed its slice: got %v, want route a", second)
	}
}

// TestEmptyIDServes checks that the routing serves a route without id.
func TestEmptyIDServes(t *testing.T) {
	c, err := New(`Path("/x") -> <shunt>`)
	if err != nil {
		t.Fatal(err)
	}
	table, invalid := routing.Build(mustLoad(t, c), routing.Options{})
	if len(invalid) != 0 {
		t.Fatalf("Build: got invalid routes %v", invalid)
	}
	r, _ := table.Match(httptest.NewRequest("GET", "/x", nil))
	if r == nil || r.Id != "" {
		t.Errorf("Match /x: got %v, want the route with the empty id", r)
	}
}

func mustLoad(t *testing.T, c routing.DataClient) []*eskip.Route {
	t.Helper()
	routes, err := c.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	return routes
}
