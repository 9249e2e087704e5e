package eskip

import (
	"fmt"
	"strings"
	"testing"
)

// The routes of one document share the boxed values of equal arguments, so
// a table that repeats its arguments allocates an object per distinct
// value, not per argument.
func TestParseSharesRepeatedArguments(t *testing.T) {
	const n = 1000
	var repeated, unique strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&repeated, "r%d: Path(\"/r%d\") -> setRequestHeader(\"X-Team\", \"pricing\") -> status(204) -> <shunt>;\n", i, i)
		fmt.Fprintf(&unique, "r%d: Path(\"/r%d\") -> setRequestHeader(\"X-Team-%d\", \"pricing%d\") -> status(%d) -> <shunt>;\n", i, i, i, i, 300+i)
	}
	allocs := func(doc string) float64 {
		return testing.AllocsPerRun(5, func() {
			if _, err := Parse(doc); err != nil {
				t.Fatal(err)
			}
		})
	}
	rep, uniq := allocs(repeated.String()), allocs(unique.String())
	// Unique values box three arguments per route (besides the strings
	// the escapes-free literals share with the document).
	if rep > uniq-2*n {
		t.Errorf("allocations: %v with repeated arguments, %v with unique ones; want at least %d fewer", rep, uniq, 2*n)
	}

	routes, err := Parse(repeated.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range routes {
		if got := fmt.Sprint(r.Filters[0].Args, r.Filters[1].Args); got != "[X-Team pricing] [204]" {
			t.Fatalf("route %s: args %s", r.Id, got)
		}
	}
}

// Equal numbers share a box only when their bits are equal: -0 stays -0.
func TestParseKeepsNegativeZero(t *testing.T) {
	routes, err := Parse(`a: * -> f(0, -0, 0) -> <shunt>; b: * -> f(-0) -> <shunt>;`)
	if err != nil {
		t.Fatal(err)
	}
	got := routes[0].String() + "; " + routes[1].String()
	if want := "* -> f(0, -0, 0) -> <shunt>; * -> f(-0) -> <shunt>"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Values that share a slot of the caches are boxed again, and still right.
func TestBoxesEvictions(t *testing.T) {
	b := boxes{direct: boxesDirect}
	for pass := 0; pass < 3; pass++ {
		for i := 0; i < 4*boxSlots; i++ {
			s := fmt.Sprint("v", i)
			if got := b.str(s); got != s {
				t.Fatalf("str(%q) = %v", s, got)
			}
			if got := b.number(float64(i)); got != float64(i) {
				t.Fatalf("number(%d) = %v", i, got)
			}
		}
	}
	long := strings.Repeat("x", boxedStrMax+1)
	if b.str(long) != long {
		t.Errorf("a string over %d bytes changed", boxedStrMax)
	}
	for _, e := range b.strs {
		if e.s == long {
			t.Errorf("a string over %d bytes was kept", boxedStrMax)
		}
	}
}

// A small document is parsed without the caches of shared values.
func TestParseOneRouteWithoutSharing(t *testing.T) {
	doc := `r: Path("/a") -> setRequestHeader("X-A", "a") -> setRequestHeader("X-B", "b") -> status(201) -> <shunt>`
	p := newParser(doc)
	n := 0
	if errs := p.document(true, func(*Route, int) { n++ }); errs != nil || n != 1 {
		t.Fatalf("%d routes, errors %v", n, errs)
	}
	if p.box.strs != nil || p.box.nums != nil {
		t.Error("the parser made caches of shared values for one route")
	}
}
