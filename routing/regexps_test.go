package routing

import (
	"regexp"
	"testing"
)

func TestExactLiteral(t *testing.T) {
	for _, tt := range []struct {
		src  string
		lit  string
		want bool
	}{
		{`^api[.]example[.]org$`, "api.example.org", true},
		{`^api\.example\.org$`, "api.example.org", true},
		{`^a-b_c:8080$`, "a-b_c:8080", true},
		{`^a\\b$`, `a\b`, true},
		{`^\[x\]$`, "[x]", true},
		{`^ä$`, "ä", true},
		{`^(a)$`, "", false},
		{`^a.b$`, "", false},
		{`^a|b$`, "", false},
		{`a$`, "", false},
		{`^a`, "", false},
		{`^$`, "", false},
		{`^a\$`, "", false},
		{`(?i)^a$`, "", false},
		{`^[ab]$`, "", false},
		{`^a+$`, "", false},
		{`^\d$`, "", false},
		{`(`, "", false},
	} {
		t.Run(tt.src, func(t *testing.T) {
			lit, ok := exactLiteral(tt.src)
			if ok != tt.want || lit != tt.lit {
				t.Errorf("got %q %v, want %q %v", lit, ok, tt.lit, tt.want)
			}
			if ok {
				rx := regexp.MustCompile(tt.src)
				if !rx.MatchString(lit) || rx.MatchString(lit+"x") || rx.MatchString("x"+lit) {
					t.Errorf("the regexp does not match exactly %q", lit)
				}
			}
		})
	}
}

// The quick recogniser agrees with the parser wherever it decides.
func FuzzSimpleLiteral(f *testing.F) {
	for _, s := range []string{`^a[.]b$`, `^a\.b$`, `^[-]$`, `^[:]$`, `^a\\$`, `^\/x$`, `^a-b$`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lit, ok := simpleLiteral(src)
		if !ok {
			return
		}
		plit, pok := parsedLiteral(src)
		if !pok || plit != lit {
			t.Errorf("%q: quick %q, parsed %q %v", src, lit, plit, pok)
		}
	})
}
