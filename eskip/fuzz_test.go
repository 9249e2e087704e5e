package eskip

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
)

// conformanceInputs are the inputs of the conformance table (spec §1.9)
// and a few more, as seeds for the fuzz targets.
var conformanceInputs = []string{
	"", "   ", "// c", ";", ";;",
	"* -> <shunt>",
	"* -> <shunt>;",
	"* -> <shunt>; * -> <shunt>",
	"a: * -> <shunt>;;b: * -> <shunt>",
	"r1: * -> <shunt> r2: * -> <shunt>",
	"1r: * -> <shunt>",
	"é: * -> <shunt>",
	"ré: * -> <shunt>",
	"r: * -> #",
	"r: * -> <shunt>; #",
	"r: Foo(3.) -> <shunt>",
	"r: Foo(1.2.3) -> <shunt>",
	"r: Foo(1e5) -> <shunt>",
	"r: * -> f(+1) -> <shunt>",
	"r: * -> f(-) -> <shunt>",
	"r: Foo(true) -> <shunt>",
	"r: * -> f(-.5, .5, 007, -0, 1.50) -> <shunt>",
	"r: * -> f(\"a\\\"b\", `c\\`d`, \"e\\\\f\", \"\\q\", \"\\/\", \"t\\tx\", \"x\\u0041\") -> <shunt>",
	`r: PathRegexp(/a\/b/) && PathRegexp(/[/]x/) && PathRegexp(/\d+\.\n/) && PathRegexp(/[\]]/) -> <shunt>`,
	`r: PathRegexp("^/s$") -> <shunt>`,
	`r: PathRegexp(//) -> <shunt>`,
	`r: Foo(/unterminated) -> <shunt>`,
	`r: Foo("unterminated) -> <shunt>`,
	`r: Foo("a",) -> <shunt>`,
	`r: Foo(,) -> <shunt>`,
	`r: Foo -> <shunt>`,
	`r: * -> foo -> <shunt>`,
	`r: *() -> <shunt>`,
	`r: * && Foo() && * -> <shunt>`,
	`r: Any() -> <shunt>`,
	`r: Path("/a") && Path("/b") -> <shunt>`,
	`r: Method("GET") && Method("GET") -> <shunt>`,
	`r: Header("A","1") && Header("A","2") -> <shunt>`,
	`r: Header("a","b") && Header("A","c") -> <shunt>`,
	`r: Path(1) -> <shunt>`,
	`foo: Path("/e") && Header("Foo") -> "https://x";`,
	`r: Path("/a") && PathSubtree("/b") -> <shunt>`,
	`r: * -> "http://a" -> <shunt>`,
	`r: * -> <Shunt>`, `r: * -> < shunt>`, `r: * -> <loopback >`, `r: * -> <>`, `r: * -> <   >`,
	`r: * -> <roundRobin>`, `r: * -> <rr,>`, `r: * -> <"a", rr>`, `r: * -> <rr "a">`, `r: * -> <"a" "b">`,
	`r: * -> <"http://a",>`,
	`r: * -> <"http://a", "http://b?zone=z1">`,
	`r: * -> <rr, "http://a", "https://b">`,
	`r: * -> <rr, "a b">`, `r: * -> <"no-scheme">`,
	`r: * -> <"http://a/p?b=2&zone=eu%20west&a=1">`,
	`r: * -> "relative/path"`, `r: * -> ""`,
	`r: * -> <forward>`, `r: * -> <loopback>`, `r: * -> <dynamic>`,
	`routeX: True() && Cookie("a", "/x/") && Method("GET") -> "u"`,
	`r: HeaderRegexp("B", /3/) && HeaderRegexp("B", /2/) && HeaderRegexp("A", /1/) -> <shunt>`,
	`r: Path("\\") && PathRegexp(/\\/) -> afilter("\\") -> <shunt>`,
	"r:* -> f(1)->g(2)-><shunt>;\r\ns:\t* -> <shunt>",
	`shunt: * -> <shunt>; Path: Path("/") -> <shunt>`,
	`r: * -> f("é", #) -> <shunt>`,
	`r: * -> f(0.0000001, 123456789012345678901234567890) -> <shunt>`,
	"r: Host(/^a[.]b$/) && Method(\"GET\") && Weight(3) -> setPath(\"/\") -> <random, \"http://a:80\", \"http://b:80\">",
}

// FuzzParse checks that parsing never panics, that a failure is a
// *ParseError with a sane position, that what parses prints to a document
// that parses to equal routes, and that ParseEach agrees with Parse.
func FuzzParse(f *testing.F) {
	for _, s := range conformanceInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		routes, err := Parse(doc)
		var each []*Route
		errs := ParseEach(doc, func(r *Route, pos Position) {
			if pos.Offset < 0 || pos.Offset >= len(doc) || pos.Line < 1 || pos.Column < 1 {
				t.Errorf("ParseEach(%q): route %q at impossible position %+v", doc, r.Id, pos)
			}
			each = append(each, r)
		})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): got error of type %T, want *ParseError", doc, err)
			}
			if pe.Offset < 0 || pe.Offset > len(doc) || pe.Line < 1 || pe.Column < 1 || pe.Column > pe.Offset+1 {
				t.Fatalf("Parse(%q): error at impossible position %+v", doc, *pe)
			}
			if len(errs) == 0 || !reflect.DeepEqual(errs[0], pe) {
				t.Fatalf("Parse(%q) failed with %v, but ParseEach's first error is %v", doc, err, errs)
			}
			if routes != nil {
				t.Fatalf("Parse(%q): got routes with the error", doc)
			}
			return
		}
		if len(errs) != 0 || len(each) != len(routes) || len(routes) > 0 && !reflect.DeepEqual(each, routes) {
			t.Fatalf("Parse(%q) succeeded, but ParseEach gave errors %v and %d routes", doc, errs, len(each))
		}
		printed := String(routes...)
		again, err := Parse(printed)
		if err != nil {
			t.Fatalf("Parse(%q) succeeded, printed as %q, which fails: %v", doc, printed, err)
		}
		if !EqLists(routes, again) {
			t.Fatalf("Parse(%q) printed as %q parses to different routes:\n first %s\nsecond %s", doc, printed, dumpParsed(routes), dumpParsed(again))
		}
	})
}

// FuzzParseFilters checks that ParseFilters never panics and returns
// *ParseError values.
func FuzzParseFilters(f *testing.F) {
	for _, s := range []string{"", "a()", `a(1, "b", /c/) -> d()`, "a() -> <shunt>", "a();", "foo-bar", "a(", `a("`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		filters, err := ParseFilters(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || filters != nil {
				t.Fatalf("ParseFilters(%q): got %v, %v, want nil and a *ParseError", s, filters, err)
			}
		}
		for _, f := range filters {
			if f == nil || f.Name == "" {
				t.Fatalf("ParseFilters(%q): got an empty filter", s)
			}
		}
	})
}

// FuzzParsePredicates checks that ParsePredicates never panics and returns
// *ParseError values.
func FuzzParsePredicates(f *testing.F) {
	for _, s := range []string{"", "*", "Any()", `Path("/a") && * && Foo(1, /x/)`, "A() -> b()", "A(", "&& A()"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		preds, err := ParsePredicates(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || preds != nil {
				t.Fatalf("ParsePredicates(%q): got %v, %v, want nil and a *ParseError", s, preds, err)
			}
		}
		for _, p := range preds {
			if p == nil || p.Name == "" {
				t.Fatalf("ParsePredicates(%q): got an empty predicate", s)
			}
		}
	})
}

// FuzzSimpleURLScheme checks the fast path for load balancer endpoints
// against url.ParseRequestURI: whatever it accepts, ParseRequestURI accepts
// with the same scheme.
func FuzzSimpleURLScheme(f *testing.F) {
	for _, s := range []string{"http://a", "https://10.0.0.1:8443/x", "http://a:", "HTTP://a", "a+b://c.d/e~f", "http://a_b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scheme, ok := simpleURLScheme(s)
		if !ok {
			return
		}
		u, err := url.ParseRequestURI(s)
		if err != nil {
			t.Fatalf("simpleURLScheme(%q) accepts it, url.ParseRequestURI fails: %v", s, err)
		}
		if u.Scheme != scheme || u.RawQuery != "" {
			t.Fatalf("simpleURLScheme(%q): got scheme %q, url.ParseRequestURI %q with query %q", s, scheme, u.Scheme, u.RawQuery)
		}
	})
}
