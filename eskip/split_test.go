package eskip

import (
	"reflect"
	"testing"
)

func TestSplitRoutes(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
		want []RouteSpan // nil with ok false
		ok   bool
	}{
		{"empty", "", []RouteSpan{}, true},
		{"comments only", "// nothing\n  ;; \n", []RouteSpan{}, true},
		{"routes", "a: * -> <shunt>;\n// b\nb: Path(\"/b\") -> \"http://b\";", []RouteSpan{{"a", 0}, {"b", 22}}, true},
		{"last route without semicolon", "a: * -> <shunt>;b: * -> <shunt>", []RouteSpan{{"a", 0}, {"b", 16}}, true},
		{"literals with separators", `a: Path("/a;b:c") && PathRegexp(/x;y:/) -> setPath("//") -> <shunt>; b: * -> <shunt>;`,
			[]RouteSpan{{"a", 0}, {"b", 69}}, true},
		{"route without id", `Path("/") -> <shunt>`, nil, false},
		{"star route without id", `* -> <shunt>`, nil, false},
		{"missing semicolon", "a: * -> <shunt>\nb: * -> <shunt>;", nil, false},
		{"lexer error", "a: * -> \"unterminated;\nb: * -> <shunt>;", nil, false},
		{"bad character", "a: * -> <shunt>;\n\x00", nil, false},
		{"id without colon", "a * -> <shunt>;", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SplitRoutes(tt.doc)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// The spans agree with the parser: same ids, same starts.
			parsed, errs := parsedSpans(tt.doc)
			if errs != nil {
				t.Fatalf("the document does not parse: %v", errs)
			}
			if len(parsed) != len(got) || (len(got) > 0 && !reflect.DeepEqual(parsed, got)) {
				t.Errorf("the parser found %v", parsed)
			}
		})
	}
}

// FuzzSplitRoutes checks that the routes SplitRoutes finds are those the
// parser finds, and that a document whose route texts parse one by one
// parses as a whole: a data client may then parse only changed routes.
func FuzzSplitRoutes(f *testing.F) {
	for _, s := range []string{
		"a: * -> <shunt>;\nb: Path(\"/b\") -> \"http://b\";",
		`a: Path("/a;b:c") -> setPath("//") -> <shunt>; b: * -> <shunt>`,
		"a: * -> <shunt>\nb: * -> <shunt>;",
		`x: Host(/^a[.]b$/) && Header("a", "b") -> <roundRobin, "http://a", "http://b">;`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		spans, ok := SplitRoutes(doc)
		if !ok {
			return
		}
		alone := true
		for i, sp := range spans {
			end := len(doc)
			if i+1 < len(spans) {
				end = spans[i+1].Start
			}
			n := 0
			if ParseEach(doc[sp.Start:end], func(r *Route, _ Position) { n++ }) != nil || n != 1 {
				alone = false
			}
		}
		parsed, errs := parsedSpans(doc)
		if errs != nil {
			if alone {
				t.Fatalf("every route text parses alone, the document does not: %v", errs[0])
			}
			return
		}
		if len(parsed) != len(spans) {
			t.Fatalf("split found %d routes, the parser %d", len(spans), len(parsed))
		}
		for i := range spans {
			if spans[i] != parsed[i] {
				t.Fatalf("route %d: split found %v, the parser %v", i, spans[i], parsed[i])
			}
		}
	})
}

// parsedSpans returns the ids and starts of the routes the parser finds in
// doc, and its errors.
func parsedSpans(doc string) ([]RouteSpan, []*ParseError) {
	var spans []RouteSpan
	errs := ParseEach(doc, func(r *Route, pos Position) {
		spans = append(spans, RouteSpan{r.Id, pos.Offset})
	})
	return spans, errs
}

func TestPositionOf(t *testing.T) {
	const doc = "// ünïcode comment\na: * -> <shunt>;\n  b: * -> <shunt>;"
	for _, tt := range []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1, 0}},
		{len("// ünïcode comment\n"), Position{2, 1, len("// ünïcode comment\n")}},
		{len("// ünïcode"), Position{1, 11, len("// ünïcode")}},
		{len(doc) + 5, Position{3, 19, len(doc)}},
	} {
		if got := PositionOf(doc, tt.off); got != tt.want {
			t.Errorf("offset %d: got %+v, want %+v", tt.off, got, tt.want)
		}
	}
	// The parser reports route starts at the same positions.
	if errs := ParseEach(doc, func(r *Route, pos Position) {
		if got := PositionOf(doc, pos.Offset); got != pos {
			t.Errorf("route %s: parser at %+v, PositionOf %+v", r.Id, pos, got)
		}
	}); errs != nil {
		t.Fatal(errs)
	}
}
