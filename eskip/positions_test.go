package eskip

import (
	"fmt"
	"strings"
	"testing"
)

// formatCalls renders calls as "P Name@line:col(args)" or "F …", one per
// call, for comparison.
func formatCalls(calls []CallPosition) string {
	var parts []string
	for _, c := range calls {
		kind := "P"
		if c.Filter {
			kind = "F"
		}
		parts = append(parts, fmt.Sprintf("%s %s@%d:%d%v", kind, c.Name, c.Pos.Line, c.Pos.Column, c.Args))
	}
	return strings.Join(parts, "; ")
}

func TestCallPositions(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		// route is the index of the route, as ParseEach reports them,
		// whose calls are listed.
		route int
		want  string
	}{
		{
			name: "one line",
			doc:  `r: Path("/a") && Method("GET") -> setPath("/b") -> <shunt>`,
			want: `P Path@1:4[/a]; P Method@1:18[GET]; F setPath@1:35[/b]`,
		},
		{
			name:  "second route on its own lines",
			doc:   "a: * -> <shunt>;\n// comment; with -> Fake(\"x\")\nb:\n  Host(/^x$/)\n  && Traffic(0.5, \"c\", \"g\")\n  -> f(1, -2.5) -> g()\n  -> \"http://x\";\nc: Cookie(\"a\", \"b\") -> <shunt>",
			route: 1,
			want:  `P Host@4:3[^x$]; P Traffic@5:6[0.5 c g]; F f@6:6[1 -2.5]; F g@6:20[]`,
		},
		{
			name: "columns count characters",
			doc:  "r: Header(\"X\", \"é€😀\") && Traffic(1) -> f(\"ü\") -> g() -> <shunt>",
			want: `P Header@1:4[X é€😀]; P Traffic@1:26[1]; F f@1:40[ü]; F g@1:50[]`,
		},
		{
			name:  "characters on earlier lines do not count",
			doc:   "// ééé\na: * -> <shunt>; // üüü\n  b: * -> \"😀\";\nc: Foo(\"é\") && Bar() -> <shunt>",
			route: 1,
			want:  ``,
		},
		{
			name:  "after non-ASCII lines",
			doc:   "// ééé\na: * -> <shunt>; // üüü\n  b: Path(\"😀\") -> <shunt>;\nc: Foo(\"é\") && Bar() -> <shunt>",
			route: 2,
			want:  `P Foo@4:4[é]; P Bar@4:16[]`,
		},
		{
			name: "route without id",
			doc:  `Method("GET") && Weight(2) -> f() -> "http://x"`,
			want: `P Method@1:1[GET]; P Weight@1:18[2]; F f@1:31[]`,
		},
		{
			name: "star is no call, Any is",
			doc:  `r: * && Any() -> <shunt>`,
			want: `P Any@1:9[]`,
		},
		{
			name: "literals with separators inside",
			doc:  "r: PathRegexp(/a;b->c\\/d/) && Header(\"x\", `;->`) -> f(\"a;b\") -> <shunt>; s: T() -> <shunt>",
			want: `P PathRegexp@1:4[a;b->c/d]; P Header@1:31[x ;->]; F f@1:53[a;b]`,
		},
		{
			name: "load balancer algorithm is no call",
			doc:  `r: Path("/") -> <roundRobin, "http://a", "http://b">; s: X() -> <shunt>`,
			want: `P Path@1:4[/]`,
		},
		{
			name: "a route id named like a predicate",
			doc:  `Path: Path("/p") -> <shunt>`,
			want: `P Path@1:7[/p]`,
		},
		{
			name: "comments and CRLF line ends",
			doc:  "r: // start\r\n  Path(\"/\") // the path\r\n  && Traffic(.1)\r\n  -> f() -> <shunt>",
			want: `P Path@2:3[/]; P Traffic@3:6[0.1]; F f@4:6[]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var offsets []int
			errs := ParseEach(tt.doc, func(_ *Route, pos Position) { offsets = append(offsets, pos.Offset) })
			if len(errs) > 0 {
				t.Fatalf("document does not parse: %v", errs[0])
			}
			if tt.route >= len(offsets) {
				t.Fatalf("got %d routes, want more than %d", len(offsets), tt.route)
			}
			got := formatCalls(CallPositions(tt.doc, offsets[tt.route]))
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestCallPositionsOffsets checks that each position's Offset is the byte
// offset of the name, and that its line and column agree with it.
func TestCallPositionsOffsets(t *testing.T) {
	doc := "// é\na: * -> <shunt>;\nb:  Cookie(\"ü\", \"x\")\n\t&& True() -> f(\"€\")\n  -> g() -> <shunt>"
	calls := CallPositions(doc, strings.Index(doc, "b:"))
	if len(calls) != 4 {
		t.Fatalf("got %d calls, want 4: %s", len(calls), formatCalls(calls))
	}
	for _, c := range calls {
		off := c.Pos.Offset
		if !strings.HasPrefix(doc[off:], c.Name+"(") {
			t.Errorf("%s: offset %d points at %q", c.Name, off, doc[off:min(off+10, len(doc))])
		}
		before := doc[:off]
		line := strings.Count(before, "\n") + 1
		col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
		if c.Pos.Line != line || c.Pos.Column != col {
			t.Errorf("%s: got %d:%d, want %d:%d", c.Name, c.Pos.Line, c.Pos.Column, line, col)
		}
	}
}

func TestCallPositionsBrokenInput(t *testing.T) {
	tests := []struct {
		name   string
		doc    string
		offset int
		want   string
	}{
		{"negative offset", `r: A() -> <shunt>`, -1, ``},
		{"offset past the end", `r: A() -> <shunt>`, 100, ``},
		{"offset at the end", `r: A() -> <shunt>`, 17, ``},
		{"empty document", ``, 0, ``},
		{"unterminated string", `r: A() && B("x) -> <shunt>`, 0, `P A@1:4[]; P B@1:11[]`},
		{"bad character", `r: A() && B(#) -> C() -> <shunt>`, 0, `P A@1:4[]; P B@1:11[]`},
		{"bad character between calls", `r: A() # B() -> <shunt>`, 0, `P A@1:4[]`},
		{"no closing parenthesis", `r: A(1, 2`, 0, `P A@1:4[1 2]`},
		{"invalid UTF-8", "r: A(\"\xff\") && B() -> <shunt>", 0, "P A@1:4[\xff]; P B@1:14[]"},
		{"offset inside a route", `r: A() && B() -> <shunt>`, 7, `P B@1:11[]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatCalls(CallPositions(tt.doc, tt.offset))
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzCallPositions checks that CallPositions never panics and that every
// position it returns points at the name it reports.
func FuzzCallPositions(f *testing.F) {
	for _, s := range []string{`r: A("x") -> f(1) -> <shunt>`, "a: * -> <shunt>;\nb: B(`x`) -> \"u\"", `A() -> <roundRobin, "x">`} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, doc string, offset int) {
		for _, c := range CallPositions(doc, offset) {
			off := c.Pos.Offset
			if off < 0 || off+len(c.Name) > len(doc) || doc[off:off+len(c.Name)] != c.Name {
				t.Fatalf("call %q at offset %d does not point at its name in %q", c.Name, off, doc)
			}
		}
	})
}
