package skipper

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/routing"
)

// namedSpec is a filter spec with a name only.
type namedSpec string

func (s namedSpec) Name() string { return string(s) }
func (s namedSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	return nil, errors.New("not for use")
}

func TestFilterRegistry(t *testing.T) {
	custom := namedSpec("custom")
	replaced := namedSpec("status")
	for _, tt := range []struct {
		name    string
		o       Options
		present []string
		absent  []string
		same    map[string]filters.Spec
	}{
		{name: "builtin", present: []string{"status", "setPath", "inlineContent"}},
		{name: "disabled", o: Options{DisabledFilters: []string{"status", "setPath"}}, present: []string{"inlineContent"}, absent: []string{"status", "setPath"}},
		{name: "custom added", o: Options{CustomFilters: []filters.Spec{custom}}, present: []string{"custom", "status"}, same: map[string]filters.Spec{"custom": custom}},
		{name: "custom replaces builtin", o: Options{CustomFilters: []filters.Spec{replaced}}, same: map[string]filters.Spec{"status": replaced}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.o.filterRegistry()
			for _, n := range tt.present {
				if r[n] == nil {
					t.Errorf("filter %q got absent, want present", n)
				}
			}
			for _, n := range tt.absent {
				if r[n] != nil {
					t.Errorf("filter %q got present, want absent", n)
				}
			}
			for n, s := range tt.same {
				if r[n] != s {
					t.Errorf("filter %q got %T, want the custom spec", n, r[n])
				}
			}
		})
	}
}

// markPre is a pre-processor that appends its name to a comment filter of
// every route, to record the order of the pre-processors.
type markPre string

func (m markPre) Do(routes []*eskip.Route) []*eskip.Route {
	for _, r := range routes {
		r.Filters = append(r.Filters, &eskip.Filter{Name: "mark", Args: []interface{}{string(m)}})
	}
	return routes
}

func TestPreProcessorOrder(t *testing.T) {
	o := Options{
		DefaultFilters:             &eskip.DefaultFilters{Append: []*eskip.Filter{{Name: "mark", Args: []interface{}{"default"}}}},
		CloneRoute:                 []*eskip.Clone{eskip.NewClone(regexp.MustCompile(`Path\("/`), `Path("/c`)},
		EditRoute:                  []*eskip.Editor{eskip.NewEditor(regexp.MustCompile(`"default"`), `"edited"`)},
		CustomRoutingPreProcessors: []routing.PreProcessor{markPre("custom")},
		ForwardBackendURL:          "http://forward.test",
	}
	pp := o.preProcessors()
	if len(pp) != 5 {
		t.Fatalf("got %d pre-processors, want 5", len(pp))
	}
	routes := eskip.MustParse(`r: Path("/") -> <forward>; s: Path("/s") -> <shunt>`)
	for _, p := range pp {
		routes = p.Do(routes)
	}
	got := map[string]string{}
	for _, r := range routes {
		var marks []string
		for _, f := range r.Filters {
			marks = append(marks, f.Args[0].(string))
		}
		got[r.Id] = strings.Join(marks, ",") + " " + r.Backend
	}
	want := map[string]string{
		// The forward rewrite runs last and drops the filters.
		"r":       " http://forward.test",
		"clone_r": " http://forward.test",
		// The clone copies the default filter, the edit rewrites it in
		// both, the custom one comes after.
		"s":       "edited,custom ",
		"clone_s": "edited,custom ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("routes got %q, want %q", got, want)
	}
}
