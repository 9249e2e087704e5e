package eskip

import (
	"errors"
	"strings"
	"testing"
)

// TestParseErrorMessages checks the complete text of every kind of parse
// error, most of them in documents of several lines so that the line and
// the column are checked too.
func TestParseErrorMessages(t *testing.T) {
	const ok = "// routes ✓\nok: * -> <shunt>;\n"
	tests := []struct {
		name string
		doc  string
		want string
	}{
		// Lexer errors.
		{"unexpected character", ok + "r: * -> f(#)", `3:11: route "r": unexpected character '#'`},
		{"unexpected non-ASCII character", ok + "r: * -> f(1, ü) -> <shunt>", `3:14: route "r": unexpected character 'ü'`},
		{"unexpected invalid UTF-8", ok + "r: * -> f(\xff) -> <shunt>", `3:11: route "r": unexpected byte 0xff (not valid UTF-8)`},
		{"lone ampersand", ok + "r: A() & B() -> <shunt>", `3:8: route "r": unexpected character '&' (did you mean "&&"?)`},
		{"unterminated string literal", ok + "r: * -> f(\n  \"abc) -> <shunt>;\nx: * -> <shunt>", `4:3: route "r": unterminated string literal`},
		{"unterminated backtick literal", ok + "r: * -> f(`abc) -> <shunt>", "3:11: route \"r\": unterminated string literal"},
		{"unterminated regular expression", ok + "r: PathRegexp(/[a/]) -> <shunt>;\n", `3:15: route "r": unterminated regular expression`},
		{"string missing its closing quote", ok + "r: * -> f(\"x) -> <shunt>;\nb: * -> f(\"y\") -> <shunt>;", `4:12: route "r": expected "," or ")" after argument of "f", found "y" (the literal that starts at 3:11 spans 2 lines: is a closing " missing?)`},
		{"number out of range", ok + "r: * -> f(1, -1" + strings.Repeat("0", 309) + ") -> <shunt>", `3:14: route "r": number out of range`},
		{"invalid number", ok + "r: * -> f(1.) -> <shunt>", `3:11: route "r": invalid number "1.": a digit must follow "."`},

		// Route structure.
		{"expected a route id", ok + "-> <shunt>", `3:1: expected a route id, found "->"`},
		{"expected a route id, found a string", ok + `"r": * -> <shunt>`, `3:1: expected a route id, found string "r"`},
		{"expected colon after route id", ok + "r1 * -> <shunt>", `3:4: expected ":" after route id "r1", found "*"`},
		{"expected colon, found end of input", ok + "r1", `3:3: expected ":" after route id "r1", found end of input`},
		{"expected semicolon between routes", ok + "r1: * -> <shunt>\nr2: * -> <shunt>", `4:1: route "r1": expected ";" between routes, found "r2"`},
		{"backend must be last", ok + "r: * -> <shunt> -> f()", `3:17: route "r": expected ";" after backend, found "->": the backend must be the last part of a route`},
		{"route without id not alone", ok + "* -> <shunt>", `3:1: a route without an id must be the only one in the document`},
		{"route without id not alone, predicate first", ok + `Path("/") -> <shunt>`, `3:1: a route without an id must be the only one in the document`},
		{"route without id followed by semicolon", "\n  * -> <shunt>;  // done", `2:15: a route without an id must not be followed by ";"`},
		{"route without id followed by route", "* -> <shunt>;\nr: * -> <shunt>", `1:13: a route without an id must be the only one in the document`},
		{"route without id followed by something else", "* -> <shunt> r: * -> <shunt>", `1:14: expected end of input after a route without an id, found "r"`},

		// Predicates.
		{"expected a predicate after the id", ok + "r: -> <shunt>", `3:4: route "r": expected a predicate or "*" after "r:", found "->"`},
		{"expected a predicate after &&", ok + "r: A() && -> <shunt>", `3:11: route "r": expected a predicate or "*" after "&&", found "->"`},
		{"expected ( after predicate name", ok + "r: Foo && Bar() -> <shunt>", `3:8: route "r": expected "(" after predicate name "Foo", found "&&"`},
		{"expected -> or && after predicate", ok + "\napi: Path(\"/a\")  Method(\"GET\") -> <shunt>", `4:18: route "api": expected "->" or "&&" after predicate, found "Method"`},
		{"expected -> or && found end of input", ok + "r: Foo()", `3:9: route "r": expected "->" or "&&" after predicate, found end of input`},

		// Arguments.
		{"expected an argument or )", ok + "r: Foo(<shunt>) -> <shunt>", `3:8: route "r": expected an argument (number, string or regular expression) or ")" after "(", found "<shunt>"`},
		{"trailing comma", ok + "r: * -> f(\"a\",\n  ) -> <shunt>", `4:3: route "r": expected an argument after ",", found ")"`},
		{"expected , or )", ok + "r: * -> f(\"a\" \"b\") -> <shunt>", `3:15: route "r": expected "," or ")" after argument of "f", found string "b"`},
		{"expected , or ) found regexp", ok + "r: * -> f(1 /b/) -> <shunt>", `3:13: route "r": expected "," or ")" after argument of "f", found regular expression /b/`},
		{"long string shortened", ok + `r: * -> f("a" "` + strings.Repeat("x", 60) + `") -> <shunt>`, `3:15: route "r": expected "," or ")" after argument of "f", found string "` + strings.Repeat("x", 48) + `"...`},

		{"long regexp shortened", ok + `r: * -> f(1 /` + strings.Repeat("x", 60) + `/) -> <shunt>`, `3:13: route "r": expected "," or ")" after argument of "f", found regular expression /` + strings.Repeat("x", 47) + `...`},
		{"long string shortened between characters", ok + `r: * -> f("a" "a` + strings.Repeat("é", 30) + `") -> <shunt>`, `3:15: route "r": expected "," or ")" after argument of "f", found string "a` + strings.Repeat("é", 23) + `"...`},

		// Filters and backends.
		{"expected a filter or a backend", ok + "r: * -> 42", `3:9: route "r": expected a filter or a backend ("http://...", <shunt>, <loopback>, <dynamic>, <forward> or <algorithm, "endpoint", ...>) after "->", found number 42`},
		{"expected a filter or a backend, found end", ok + "r: * -> f() ->", `3:15: route "r": expected a filter or a backend ("http://...", <shunt>, <loopback>, <dynamic>, <forward> or <algorithm, "endpoint", ...>) after "->", found end of input`},
		{"expected ( after filter name", ok + "r: * -> f -> <shunt>", `3:11: route "r": expected "(" after filter name "f", found "->"`},
		{"expected -> after filter", ok + "r: * -> f();\n", `3:12: route "r": expected "->" after filter "f", found ";"`},
		{"invalid backend keyword", ok + "r: * -> <Shunt>", `3:9: route "r": invalid backend "<Shunt>": did you mean <shunt>?`},
		{"invalid backend keyword with spaces", ok + "r: * -> < dynamic >", `3:9: route "r": invalid backend "< dynamic >": did you mean <dynamic>?`},
		{"expected comma after algorithm", ok + "r: * -> <roundRobin \"http://a\">", `3:21: route "r": expected "," after load balancer algorithm "roundRobin", found string "http://a"`},
		{"expected algorithm or endpoint", ok + "r: * -> <42>", `3:10: route "r": expected a load balancer algorithm or endpoint after "<", found number 42`},
		{"expected an endpoint", ok + "r: * -> <rr, >", `3:14: route "r": expected an endpoint (a string) after ",", found ">"`},
		{"expected , or >", ok + "r: * -> <\"http://a\";", `3:20: route "r": expected "," or ">" after endpoint, found ";"`},

		// Checks after parsing.
		{"Path without arguments", ok + "r: Path() -> <shunt>", `3:4: route "r": Path predicate expects 1 string argument, found no arguments`},
		{"Host with a number", ok + "r: Host(1) -> <shunt>", `3:4: route "r": Host predicate expects 1 string argument, found 1 number`},
		{"PathRegexp with two strings", ok + "r: PathRegexp(/a/, /b/) -> <shunt>", `3:4: route "r": PathRegexp predicate expects 1 string argument, found 2 strings`},
		{"Method with a number", ok + "r: Method(1) -> <shunt>", `3:4: route "r": Method predicate expects 1 string argument, found 1 number`},
		{"Header with a number", ok + "r: * && Header(\"a\", 1) -> <shunt>", `3:9: route "r": Header predicate expects 2 string arguments, found 1 string and 1 number`},
		{"HeaderRegexp with three", ok + "r: HeaderRegexp(\"a\", /b/, /c/) -> <shunt>", `3:4: route "r": HeaderRegexp predicate expects 2 string arguments, found 3 strings`},
		{"duplicate Path", ok + "r: Path(\"/a\")\n  && Path(\"/b\") -> <shunt>", `4:6: route "r": duplicate Path predicate`},
		{"duplicate Method", ok + "r: Method(\"GET\") && Method(\"PUT\") -> <shunt>", `3:21: route "r": duplicate Method predicate`},
		{"duplicate Header", ok + "r: Header(\"A\", \"1\") && Header(\"A\", \"2\") -> <shunt>", `3:24: route "r": duplicate Header predicate "A"`},
		{"invalid endpoint", ok + "r: * -> <rr,\n  \"http://a\",\n  \"a b\">", `5:3: route "r": invalid loadbalancer endpoint "a b": invalid URI for request`},
		{"mixed protocols", ok + "r: * -> <\"http://a\", \"http://b\", \"https://c\">", `3:34: route "r": loadbalancer endpoints cannot have mixed protocols: "https://c" uses "https", the first endpoint uses "http"`},
		{"invalid zone query", ok + "r: * -> <\"http://a?zone=x&b=%zz\">", `3:10: route "r": invalid query in loadbalancer endpoint "http://a?zone=x&b=%zz": invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.doc)
			if err == nil {
				t.Fatalf("Parse(%q): got no error, want %q", tt.doc, tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", tt.doc, got, tt.want)
			}
		})
	}
}

// TestParseErrorFields checks the fields of the error value next to its
// text.
func TestParseErrorFields(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want ParseError
	}{
		{
			name: "syntax error",
			doc:  "r1: * -> <shunt>;\n\napi: Path(\"/ä\") Method(\"GET\") -> <shunt>",
			want: ParseError{Line: 3, Column: 17, Offset: 36, RouteID: "api", Found: `"Method"`, Expected: `"->" or "&&"`,
				Msg: `expected "->" or "&&" after predicate, found "Method"`},
		},
		{
			name: "lexer error",
			doc:  "r: ö(",
			want: ParseError{Line: 1, Column: 4, Offset: 3, RouteID: "r", Found: "'ö'", Msg: "unexpected character 'ö'"},
		},
		{
			name: "unterminated literal",
			doc:  "r: * -> f(\"x",
			want: ParseError{Line: 1, Column: 11, Offset: 10, RouteID: "r", Msg: "unterminated string literal"},
		},
		{
			name: "check after parsing",
			doc:  "r: Path(\"/\") && Path(\"/\") -> <shunt>",
			want: ParseError{Line: 1, Column: 17, Offset: 16, RouteID: "r", Found: `"Path"`, Msg: "duplicate Path predicate"},
		},
		{
			name: "argument check",
			doc:  "r: Path(1) -> <shunt>",
			want: ParseError{Line: 1, Column: 4, Offset: 3, RouteID: "r", Found: `"Path"`, Expected: "1 string argument",
				Msg: "Path predicate expects 1 string argument, found 1 number"},
		},
		{
			name: "no route id before the colon",
			doc:  "r1 -> x",
			want: ParseError{Line: 1, Column: 4, Offset: 3, Found: `"->"`, Expected: `":"`,
				Msg: `expected ":" after route id "r1", found "->"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.doc)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): got error %v, want a *ParseError", tt.doc, err)
			}
			if *pe != tt.want {
				t.Errorf("Parse(%q):\n got %+v\nwant %+v", tt.doc, *pe, tt.want)
			}
		})
	}
}

// TestParseErrorColumnCountsCharacters puts multi-byte characters before
// the error on its line: the column counts them once, the offset in bytes.
func TestParseErrorColumnCountsCharacters(t *testing.T) {
	doc := "a: * -> <shunt>;\n" +
		"b: * -> setRequestHeader(\"X-Grüße\", \"日本\") -> f(1 2) -> <shunt>"
	_, err := Parse(doc)
	want := `2:50: route "b": expected "," or ")" after argument of "f", found number 2`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	var pe *ParseError
	errors.As(err, &pe)
	if wantOffset := strings.Index(doc, "2)"); pe.Offset != wantOffset {
		t.Errorf("got offset %d, want %d", pe.Offset, wantOffset)
	}
}

// TestParseErrorWithFile checks the file prefix that callers add.
func TestParseErrorWithFile(t *testing.T) {
	_, err := Parse("r: * -> #")
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *ParseError", err)
	}
	pe.File = "routes.eskip"
	if got, want := pe.Error(), `routes.eskip:1:9: route "r": unexpected character '#'`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
