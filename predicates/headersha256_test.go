package predicates

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestHeaderSHA256CreateErrors(t *testing.T) {
	checkCreateErrors(t, NewHeaderSHA256(), []errorCase{
		{"no arguments", nil, "HeaderSHA256: expected at least 2 arguments, got 0: invalid predicate parameters"},
		{"name only", []interface{}{"X-Key"}, "HeaderSHA256: expected at least 2 arguments, got 1: invalid predicate parameters"},
		{"number name", []interface{}{1.0, sha256Hex("a")}, "HeaderSHA256: argument 1: expected a non-empty string, got 1: invalid predicate parameters"},
		{"empty name", []interface{}{"", sha256Hex("a")}, `HeaderSHA256: argument 1: expected a non-empty string, got "": invalid predicate parameters`},
		{"number hash", []interface{}{"X-Key", 1.0}, "HeaderSHA256: argument 2: expected a string, got 1: invalid predicate parameters"},
		{"not hex", []interface{}{"X-Key", sha256Hex("a"), "xyz"},
			"HeaderSHA256: argument 3: expected 64 hex digits: encoding/hex: invalid byte: U+0078 'x': invalid predicate parameters"},
		{"odd length", []interface{}{"X-Key", "abc"},
			"HeaderSHA256: argument 2: expected 64 hex digits: encoding/hex: odd length hex string: invalid predicate parameters"},
		{"too short", []interface{}{"X-Key", "abcd"},
			"HeaderSHA256: argument 2: expected 64 hex digits (a SHA-256 hash), got 4: invalid predicate parameters"},
		{"too long", []interface{}{"X-Key", sha256Hex("a") + "00"},
			"HeaderSHA256: argument 2: expected 64 hex digits (a SHA-256 hash), got 66: invalid predicate parameters"},
	})
}

func TestHeaderSHA256Match(t *testing.T) {
	tests := []struct {
		name    string
		args    []interface{}
		headers []string
		want    bool
	}{
		{"hash matches", []interface{}{"X-Key", sha256Hex("secret")}, []string{"X-Key", "secret"}, true},
		{"second hash matches", []interface{}{"X-Key", sha256Hex("one"), sha256Hex("two")}, []string{"X-Key", "two"}, true},
		{"upper-case hex", []interface{}{"X-Key", "2BB80D537B1DA3E38BD30361AA855686BDE0EACD7162FEF6A25FE97BF527A25B"}, []string{"X-Key", "secret"}, true},
		{"header name case-insensitive", []interface{}{"x-key", sha256Hex("secret")}, []string{"X-KEY", "secret"}, true},
		{"other value", []interface{}{"X-Key", sha256Hex("secret")}, []string{"X-Key", "Secret"}, false},
		{"missing header", []interface{}{"X-Key", sha256Hex("secret")}, nil, false},
		{"empty header never matches", []interface{}{"X-Key", sha256Hex("")}, []string{"X-Key", ""}, false},
		{"only the first value counts", []interface{}{"X-Key", sha256Hex("b")}, []string{"X-Key", "a", "X-Key", "b"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewHeaderSHA256(), tt.args...)
			if got := p.Match(request("/", tt.headers...)); got != tt.want {
				t.Errorf("Match(%v) got %v, want %v", tt.headers, got, tt.want)
			}
		})
	}
}
