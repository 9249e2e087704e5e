package predicates

import (
	"context"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/openskipper/skipper/routing"
)

// testToken builds a compact JWT with the given JSON payload and a dummy
// header and signature.
func testToken(payload string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString([]byte("signature"))
}

func TestJWTCreateErrors(t *testing.T) {
	for _, spec := range []routing.PredicateSpec{NewJWTPayloadAnyKV(), NewJWTPayloadAllKV(), NewJWTPayloadAnyKVRegexp(), NewJWTPayloadAllKVRegexp()} {
		n := spec.Name()
		t.Run(n, func(t *testing.T) {
			cases := []errorCase{
				{"no arguments", nil, n + ": expected key/value pairs, an even number of at least 2 arguments, got 0: invalid predicate parameters"},
				{"odd count", []interface{}{"iss", "a", "sub"}, n + ": expected key/value pairs, an even number of at least 2 arguments, got 3: invalid predicate parameters"},
				{"number key", []interface{}{1.0, "a"}, n + ": argument 1: expected a string, got 1: invalid predicate parameters"},
			}
			if spec.(*jwtSpec).regexp {
				cases = append(cases,
					errorCase{"number value", []interface{}{"iss", "a", "sub", 2.0}, n + ": argument 4: expected a regular expression, got 2: invalid predicate parameters"},
					errorCase{"bad regexp", []interface{}{"iss", "(a"}, n + ": argument 2: error parsing regexp: missing closing ): `(a`: invalid predicate parameters"},
				)
			} else {
				cases = append(cases,
					errorCase{"number value", []interface{}{"iss", "a", "sub", 2.0}, n + ": argument 4: expected a string, got 2: invalid predicate parameters"},
				)
			}
			checkCreateErrors(t, spec, cases)
		})
	}
}

func TestJWTNames(t *testing.T) {
	for want, got := range map[string]string{
		"JWTPayloadAnyKV":       NewJWTPayloadAnyKV().Name(),
		"JWTPayloadAllKV":       NewJWTPayloadAllKV().Name(),
		"JWTPayloadAnyKVRegexp": NewJWTPayloadAnyKVRegexp().Name(),
		"JWTPayloadAllKVRegexp": NewJWTPayloadAllKVRegexp().Name(),
	} {
		if got != want {
			t.Errorf("Name() got %q, want %q", got, want)
		}
	}
}

func TestJWTMatch(t *testing.T) {
	payload := `{"iss":"https://issuer.example","sub":"user-1","email":"a@example.org","admin":true,"level":3,"nested":{"a":"b"},"nested.a":"dotted"}`
	valid := "Bearer " + testToken(payload)
	tests := []struct {
		name   string
		spec   routing.PredicateSpec
		args   []interface{}
		header string // Authorization
		want   bool
	}{
		{"Any: one pair matches", NewJWTPayloadAnyKV(), []interface{}{"iss", "https://issuer.example"}, valid, true},
		{"Any: second pair matches", NewJWTPayloadAnyKV(), []interface{}{"iss", "other", "sub", "user-1"}, valid, true},
		{"Any: no pair matches", NewJWTPayloadAnyKV(), []interface{}{"iss", "other", "sub", "user-2"}, valid, false},
		{"Any: missing claim", NewJWTPayloadAnyKV(), []interface{}{"aud", "x"}, valid, false},
		{"Any: exact, not substring", NewJWTPayloadAnyKV(), []interface{}{"sub", "user"}, valid, false},
		{"All: every pair matches", NewJWTPayloadAllKV(), []interface{}{"iss", "https://issuer.example", "sub", "user-1"}, valid, true},
		{"All: one pair fails", NewJWTPayloadAllKV(), []interface{}{"iss", "https://issuer.example", "sub", "user-2"}, valid, false},
		{"All: same key twice, both values", NewJWTPayloadAllKV(), []interface{}{"sub", "user-1", "sub", "user-2"}, valid, false},
		{"Any: same key twice, one value", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-2", "sub", "user-1"}, valid, true},
		{"non-string claims never match", NewJWTPayloadAnyKV(), []interface{}{"admin", "true", "level", "3"}, valid, false},
		{"nested claims are not addressed by dots", NewJWTPayloadAnyKV(), []interface{}{"nested.a", "b"}, valid, false},
		{"a dotted key is a top-level key", NewJWTPayloadAnyKV(), []interface{}{"nested.a", "dotted"}, valid, true},
		{"AnyRegexp matches", NewJWTPayloadAnyKVRegexp(), []interface{}{"email", "@example\\.org$"}, valid, true},
		{"AnyRegexp unanchored", NewJWTPayloadAnyKVRegexp(), []interface{}{"sub", "user"}, valid, true},
		{"AnyRegexp no match", NewJWTPayloadAnyKVRegexp(), []interface{}{"email", "@example\\.com$"}, valid, false},
		{"AllRegexp all match", NewJWTPayloadAllKVRegexp(), []interface{}{"email", "^a@", "iss", "^https://"}, valid, true},
		{"AllRegexp one fails", NewJWTPayloadAllKVRegexp(), []interface{}{"email", "^a@", "iss", "^http://"}, valid, false},
		{"AllRegexp on non-string claim", NewJWTPayloadAllKVRegexp(), []interface{}{"level", ".*"}, valid, false},
		{"lower-case scheme", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-1"}, "bearer " + testToken(payload), true},
		{"extra spaces after scheme", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-1"}, "Bearer   " + testToken(payload) + " ", true},
		{"padded payload", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30." + base64.URLEncoding.EncodeToString([]byte(`{"sub":"x"}`)) + ".sig", true},
		{"empty signature is fine", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`)) + ".", true},
		{"no header", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-1"}, "", false},
		{"basic scheme", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-1"}, "Basic dXNlcjpwYXNz", false},
		{"scheme only", NewJWTPayloadAnyKV(), []interface{}{"sub", "user-1"}, "Bearer ", false},
		{"two parts", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`)), false},
		{"four parts", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`)) + ".s.t", false},
		{"payload not base64", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30.!!!.sig", false},
		{"payload standard base64 alphabet", NewJWTPayloadAnyKV(), []interface{}{"sub", "??>"}, "Bearer e30." + base64.StdEncoding.EncodeToString([]byte(`{"sub":"??>"}`)) + ".sig", false},
		{"payload not JSON", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer e30." + base64.RawURLEncoding.EncodeToString([]byte(`sub=x`)) + ".sig", false},
		{"payload JSON array", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer " + testToken(`["sub","x"]`), false},
		{"payload JSON null", NewJWTPayloadAllKV(), []interface{}{"sub", "x"}, "Bearer " + testToken(`null`), false},
		{"payload truncated JSON", NewJWTPayloadAnyKV(), []interface{}{"sub", "x"}, "Bearer " + testToken(`{"sub":"x"`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, tt.spec, tt.args...)
			for _, memo := range []bool{false, true} {
				r := request("/")
				if tt.header != "" {
					r.Header.Set("Authorization", tt.header)
				}
				if memo {
					r = r.WithContext(routing.NewContext(r.Context()))
				}
				// Twice, to cover the memoised path.
				for range 2 {
					if got := p.Match(r); got != tt.want {
						t.Errorf("%s%v with memo=%v got %v, want %v", tt.spec.Name(), tt.args, memo, got, tt.want)
					}
				}
			}
		})
	}
}

func TestJWTClaimsMemoisedPerHeaderValue(t *testing.T) {
	p := mustCreate(t, NewJWTPayloadAnyKV(), "sub", "a")
	r := request("/")
	r = r.WithContext(routing.NewContext(context.Background()))

	r.Header.Set("Authorization", "Bearer "+testToken(`{"sub":"a"}`))
	if !p.Match(r) {
		t.Fatalf("token with sub=a got false, want true")
	}
	// A filter or loopback may change the header within one request: the
	// memo is keyed by the header value, so the new token is read.
	r.Header.Set("Authorization", "Bearer "+testToken(`{"sub":"b"}`))
	if p.Match(r) {
		t.Errorf("after changing the token to sub=b got true, want false")
	}
}

func TestParseJWTClaims(t *testing.T) {
	got := parseJWTClaims(testToken(`{"a":"x","b":1,"c":null,"d":["x"],"e":{"f":"g"},"h":""}`))
	want := map[string]string{"a": "x", "h": ""}
	if len(got) != len(want) {
		t.Fatalf("parseJWTClaims got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("claim %q got %q, want %q", k, got[k], v)
		}
	}
}

func FuzzParseJWTClaims(f *testing.F) {
	for _, seed := range []string{
		testToken(`{"sub":"x"}`), testToken(`[]`), testToken(`null`), "a.b.c", "..", ".", "",
		"e30.e30.e30", "e30.!!.x", "e30.eyJzdWIiOiJ4In0=.x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		claims := parseJWTClaims(token)
		// Only well-formed tokens yield claims.
		if claims != nil && len(token) < 4 {
			t.Errorf("parseJWTClaims(%q) got %v from a token too short to be valid", token, claims)
		}
		// The predicate must not panic on the same input either.
		p := &jwtPredicate{pairs: []jwtPair{{key: "sub", value: "x"}}}
		r := &http.Request{Header: http.Header{"Authorization": {"Bearer " + token}}}
		p.Match(r.WithContext(context.Background()))
	})
}

func BenchmarkJWTMatchMemoised(b *testing.B) {
	p := mustCreate(b, NewJWTPayloadAnyKV(), "iss", "x", "sub", "user-1")
	r := request("/", "Authorization", "Bearer "+testToken(`{"iss":"https://issuer.example","sub":"user-1"}`))
	r = r.WithContext(routing.NewContext(r.Context()))
	b.ReportAllocs()
	for b.Loop() {
		p.Match(r)
	}
}
