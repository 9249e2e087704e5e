package eskip

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

var tokenKindNames = map[tokenKind]string{
	tokEOF: "EOF", tokError: "error", tokBadChar: "badchar", tokSymbol: "symbol",
	tokNumber: "number", tokString: "string", tokRegexp: "regexp", tokAnd: "&&",
	tokStar: "*", tokArrow: "->", tokLParen: "(", tokRParen: ")", tokColon: ":",
	tokComma: ",", tokSemicolon: ";", tokLT: "<", tokGT: ">", tokShunt: "<shunt>",
	tokLoopback: "<loopback>", tokDynamic: "<dynamic>", tokForward: "<forward>",
}

// lexAll lexes src to the end and renders each token as "kind" or
// "kind:value" (value: the text of symbols, literals and error messages,
// the %v of numbers), followed by "@start".
func lexAll(src string) []string {
	l := lexer{src: src}
	var out []string
	for {
		l.next()
		t := l.tok
		s := tokenKindNames[t.kind]
		switch t.kind {
		case tokSymbol, tokString, tokRegexp, tokError, tokBadChar:
			s += ":" + t.str
		case tokNumber:
			s += fmt.Sprintf(":%v", t.num)
		}
		out = append(out, fmt.Sprintf("%s@%d", s, t.start))
		if t.kind == tokEOF || len(out) > 100 {
			return out
		}
	}
}

func TestLexer(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", []string{"EOF@0"}},
		{"whitespace", " \t\n\v\f\r\x85\xa0", []string{"EOF@8"}},
		{"comment to end of input", "// c", []string{"EOF@4"}},
		{"comment to end of line", "a // c\nb", []string{"symbol:a@0", "symbol:b@7", "EOF@8"}},
		{"fixed tokens", "&&*->():,;<>", []string{"&&@0", "*@2", "->@3", "(@5", ")@6", ":@7", ",@8", ";@9", "<@10", ">@11", "EOF@12"}},
		{"backend keywords", "<shunt><loopback><dynamic><forward>", []string{"<shunt>@0", "<loopback>@7", "<dynamic>@17", "<forward>@26", "EOF@35"}},
		{"keywords are case-sensitive", "<Shunt>", []string{"<@0", "symbol:Shunt@1", ">@6", "EOF@7"}},
		{"no spaces in keywords", "< shunt>", []string{"<@0", "symbol:shunt@2", ">@7", "EOF@8"}},
		{"symbols", "a _b C9_x shunt", []string{"symbol:a@0", "symbol:_b@2", "symbol:C9_x@5", "symbol:shunt@10", "EOF@15"}},
		{"numbers", "1 -.5 .5 007 -0 1.50 3.25", []string{"number:1@0", "number:-0.5@2", "number:0.5@6", "number:7@9", "number:-0@13", "number:1.5@16", "number:3.25@21", "EOF@25"}},
		{"no exponent", "1e5", []string{"number:1@0", "symbol:e5@1", "EOF@3"}},
		{"one dot per number", "1.2.3", []string{"number:1.2@0", "number:0.3@3", "EOF@5"}},
		{"number ending in dot", "3.)", []string{`error:invalid number "3.": a digit must follow "."@0`, ")@2", "EOF@3"}},
		{"minus dot", "-.)", []string{`error:invalid number "-.": a digit must follow "."@0`, ")@2", "EOF@3"}},
		{"number out of range", "1" + strings.Repeat("0", 400), []string{"error:number out of range@0", "EOF@401"}},
		{"negative number out of range", "-1" + strings.Repeat("0", 400), []string{"error:number out of range@0", "EOF@402"}},
		{"tiny number is zero", "0." + strings.Repeat("0", 400) + "1", []string{"number:0@0", "EOF@403"}},
		{"lone minus", "- 1", []string{"badchar:unexpected character '-'@0", "number:1@2", "EOF@3"}},
		{"lone ampersand", "&x", []string{`badchar:unexpected character '&' (did you mean "&&"?)@0`, "symbol:x@1", "EOF@2"}},
		{"lone dot", ".", []string{"badchar:unexpected character '.'@0", "EOF@1"}},
		{"plus", "+1", []string{"badchar:unexpected character '+'@0", "number:1@1", "EOF@2"}},
		{"non-ASCII character", "é:", []string{"badchar:unexpected character 'é'@0", ":@2", "EOF@3"}},
		{"UTF-8 NBSP is not whitespace", "\u00a0x", []string{`badchar:unexpected character '\u00a0'@0`, "symbol:x@2", "EOF@3"}},
		{"invalid UTF-8", "\xc2 x", []string{"badchar:unexpected byte 0xc2 (not valid UTF-8)@0", "symbol:x@2", "EOF@3"}},
		{"double-quoted string", `"abc"`, []string{"string:abc@0", "EOF@5"}},
		{"backtick string", "`abc`", []string{"string:abc@0", "EOF@5"}},
		{"empty strings", "\"\"``", []string{"string:@0", "string:@2", "EOF@4"}},
		{"raw newline in string", "\"a\nb\"", []string{"string:a\nb@0", "EOF@5"}},
		{"control escapes", `"\a\b\f\n\r\t\v"`, []string{"string:\a\b\f\n\r\t\v@0", "EOF@16"}},
		{"escaped quote and backslash", `"a\"b\\c"`, []string{`string:a"b\c@0`, "EOF@9"}},
		{"escaped backtick", "`c\\`d`", []string{"string:c`d@0", "EOF@6"}},
		{"backslash quote in backtick string", "`a\\\"b`", []string{`string:a\"b@0`, "EOF@6"}},
		{"unknown escapes kept", `"\q\/\u0041"`, []string{`string:\q\/\u0041@0`, "EOF@12"}},
		{"string with UTF-8", `"é"`, []string{"string:é@0", "EOF@4"}},
		{"unterminated string", `x "abc`, []string{"symbol:x@0", "error:unterminated string literal@2", "EOF@6"}},
		{"unterminated string after backslash", `"abc\`, []string{"error:unterminated string literal@0", "EOF@5"}},
		{"unterminated backtick string", "`abc\\`", []string{"error:unterminated string literal@0", "EOF@6"}},
		{"regexp", `/^a.*$/`, []string{"regexp:^a.*$@0", "EOF@7"}},
		{"regexp escaped slash", `/a\/b/`, []string{"regexp:a/b@0", "EOF@6"}},
		{"regexp slash in group", `/[/]x/`, []string{"regexp:[/]x@0", "EOF@6"}},
		{"regexp escapes kept", `/\d+\.\n/`, []string{`regexp:\d+\.\n@0`, "EOF@9"}},
		{"regexp escaped bracket in group", `/[\]]/`, []string{`regexp:[\]]@0`, "EOF@6"}},
		{"regexp escaped backslash", `/a\\/`, []string{`regexp:a\@0`, "EOF@5"}},
		{"regexp escaped open bracket", `/\[/`, []string{`regexp:\[@0`, "EOF@4"}},
		{"empty regexp is a comment", `//`, []string{"EOF@2"}},
		{"unterminated regexp", `(/abc`, []string{"(@0", "error:unterminated regular expression@1", "EOF@5"}},
		{"unterminated regexp in group", `/[/`, []string{"error:unterminated regular expression@0", "EOF@3"}},
		{"lone slash at the end", `/`, []string{"error:unterminated regular expression@0", "EOF@1"}},
		{"tight route", "r:*-><shunt>;", []string{"symbol:r@0", ":@1", "*@2", "->@3", "<shunt>@5", ";@12", "EOF@13"}},
		{"minus arrow number", "->-1", []string{"->@0", "number:-1@2", "EOF@4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lexAll(tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lexing %q:\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestLexerNegativeZero(t *testing.T) {
	l := lexer{src: "-0"}
	l.next()
	if l.tok.kind != tokNumber || !math.Signbit(l.tok.num) || l.tok.num != 0 {
		t.Errorf("lexing -0: got kind %v value %v, want number -0", tokenKindNames[l.tok.kind], l.tok.num)
	}
}

// TestLexerNoCopy checks that symbols and literals without escapes are
// substrings of the input, not copies.
func TestLexerNoCopy(t *testing.T) {
	src := "name \"value\" /re/"
	l := lexer{src: src}
	for range 3 {
		l.next()
		start := strings.Index(src, l.tok.str)
		if got, want := unsafeStringData(l.tok.str), unsafeStringData(src[start:]); got != want {
			t.Errorf("token %q is a copy, want a substring of the input", l.tok.str)
		}
	}
}

func TestUnescapeRegexp(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, ``},
		{`a`, `a`},
		{`\/`, `/`},
		{`\\`, `\`},
		{`\\/`, `\/`},
		{`\d\/\\x`, `\d/\x`},
		{`\`, `\`},
	}
	for _, tt := range tests {
		if got := unescapeRegexp(tt.in); got != tt.want {
			t.Errorf("unescapeRegexp(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func unsafeStringData(s string) *byte { return unsafe.StringData(s) }
