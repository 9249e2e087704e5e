package predicates

import (
	"errors"
	"testing"

	"github.com/openskipper/skipper/routing"
)

func TestSourceCreateErrors(t *testing.T) {
	for _, spec := range []routing.PredicateSpec{NewSource(), NewSourceFromLast(), NewClientIP()} {
		n := spec.Name()
		t.Run(n, func(t *testing.T) {
			checkCreateErrors(t, spec, []errorCase{
				{"no arguments", nil, n + ": expected at least 1 argument, got 0: invalid predicate parameters"},
				{"number", []interface{}{"1.2.3.4", 5.0}, n + ": argument 2: expected a string, got 5: invalid predicate parameters"},
				{"not an address", []interface{}{"example.org"}, n + `: argument 1: ParseAddr("example.org"): unexpected character (at "example.org"): invalid predicate parameters`},
				{"bad prefix", []interface{}{"1.2.3.0/40"}, n + `: argument 1: netip.ParsePrefix("1.2.3.0/40"): prefix length out of range: invalid predicate parameters`},
				{"unspecified", []interface{}{"10.0.0.1", "0.0.0.0"}, n + `: argument 2: unspecified address "0.0.0.0": write 0.0.0.0/0 or ::/0 to match every address: invalid predicate parameters`},
			})
		})
	}
	_, err := NewClientIP().Create([]interface{}{"::"})
	if !errors.Is(err, errUnspecifiedAddress) || !errors.Is(err, ErrInvalidPredicateParameters) {
		t.Errorf("ClientIP(\"::\") got %v, want an error wrapping errUnspecifiedAddress and ErrInvalidPredicateParameters", err)
	}
}

func TestSourceNames(t *testing.T) {
	for want, got := range map[string]string{
		"Source":         NewSource().Name(),
		"SourceFromLast": NewSourceFromLast().Name(),
		"ClientIP":       NewClientIP().Name(),
	} {
		if got != want {
			t.Errorf("Name() got %q, want %q", got, want)
		}
	}
}

func TestSourceMatch(t *testing.T) {
	nets := []interface{}{"10.0.0.0/8", "2001:db8::/32", "192.168.1.1"}
	tests := []struct {
		name       string
		remoteAddr string
		xff        []string // X-Forwarded-For header lines
		source     bool
		fromLast   bool
		clientIP   bool
	}{
		{"remote address only", "10.1.1.1:4000", nil, true, true, true},
		{"remote address outside", "172.16.0.1:4000", nil, false, false, false},
		{"remote address without port", "10.1.1.1", nil, true, true, true},
		{"remote v6 address", "[2001:db8::5]:443", nil, true, true, true},
		{"first XFF element decides Source", "172.16.0.1:1", []string{"10.0.0.1, 172.16.0.2"}, true, false, false},
		{"last XFF element decides SourceFromLast", "172.16.0.1:1", []string{"172.16.0.2, 10.0.0.1"}, false, true, false},
		{"single XFF element", "172.16.0.1:1", []string{"192.168.1.1"}, true, true, false},
		{"XFF element with port", "172.16.0.1:1", []string{"10.0.0.1:8080"}, true, true, false},
		{"XFF v6 element with brackets and port", "172.16.0.1:1", []string{"[2001:db8::1]:8080"}, true, true, false},
		{"XFF v6 element with brackets", "172.16.0.1:1", []string{"[2001:db8::1]"}, true, true, false},
		{"XFF spaces", "172.16.0.1:1", []string{"  10.0.0.1 ,  10.0.0.2  "}, true, true, false},
		{"XFF garbage falls back to remote address", "10.9.9.9:1", []string{"unknown"}, true, true, true},
		{"XFF first element garbage", "172.16.0.1:1", []string{"unknown, 10.0.0.1"}, false, true, false},
		{"XFF last element empty", "172.16.0.1:1", []string{"10.0.0.1,"}, true, false, false},
		{"XFF empty value", "10.0.0.1:1", []string{""}, true, true, true},
		{"XFF in several lines: first of first, last of last", "172.16.0.1:1", []string{"10.0.0.1", "172.16.0.2, 192.168.1.1"}, true, true, false},
		{"XFF outside set overrides remote inside set", "10.0.0.1:1", []string{"172.16.0.2"}, false, false, true},
		{"v4-mapped XFF", "172.16.0.1:1", []string{"::ffff:10.0.0.1"}, true, true, false},
		{"no usable address", "", nil, false, false, false},
		{"remote address garbage", "pipe", nil, false, false, false},
	}
	source := mustCreate(t, NewSource(), nets...)
	fromLast := mustCreate(t, NewSourceFromLast(), nets...)
	clientIP := mustCreate(t, NewClientIP(), nets...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request("/")
			r.RemoteAddr = tt.remoteAddr
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := source.Match(r); got != tt.source {
				t.Errorf("Source got %v, want %v", got, tt.source)
			}
			if got := fromLast.Match(r); got != tt.fromLast {
				t.Errorf("SourceFromLast got %v, want %v", got, tt.fromLast)
			}
			if got := clientIP.Match(r); got != tt.clientIP {
				t.Errorf("ClientIP got %v, want %v", got, tt.clientIP)
			}
		})
	}
}

func BenchmarkSourceMatch(b *testing.B) {
	p := mustCreate(b, NewSource(), "10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32")
	r := request("/", "X-Forwarded-For", "192.168.7.7, 10.0.0.1")
	b.ReportAllocs()
	for b.Loop() {
		p.Match(r)
	}
}

func TestParseHostAddr(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no address
	}{
		{"1.2.3.4", "1.2.3.4"},
		{" 1.2.3.4 ", "1.2.3.4"},
		{"1.2.3.4:80", "1.2.3.4"},
		{"::1", "::1"},
		{"2001:db8::1", "2001:db8::1"},
		{"[::1]", "::1"},
		{"[::1]:8080", "::1"},
		{"[fe80::1%eth0]:80", "fe80::1%eth0"},
		{"[::1]x", ""},
		{"[::1", ""},
		{"[]", ""},
		{"1.2.3.4:80:90", ""},
		{"host:80", ""},
		{"", ""},
		{":", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, ok := parseHostAddr(tt.in)
			got := ""
			if ok {
				got = a.String()
			}
			if got != tt.want {
				t.Errorf("parseHostAddr(%q) got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
