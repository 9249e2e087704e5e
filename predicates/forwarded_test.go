package predicates

import "testing"

func TestForwardedCreateErrors(t *testing.T) {
	t.Run("ForwardedHost", func(t *testing.T) {
		checkCreateErrors(t, NewForwardedHost(), []errorCase{
			{"no arguments", nil, "ForwardedHost: expected 1 argument, got 0: invalid predicate parameters"},
			{"two arguments", []interface{}{"a", "b"}, "ForwardedHost: expected 1 argument, got 2: invalid predicate parameters"},
			{"empty", []interface{}{""}, `ForwardedHost: argument 1: expected a non-empty string, got "": invalid predicate parameters`},
			{"number", []interface{}{1.0}, "ForwardedHost: argument 1: expected a non-empty string, got 1: invalid predicate parameters"},
			{"bad regexp", []interface{}{"[a"}, "ForwardedHost: argument 1: error parsing regexp: missing closing ]: `[a`: invalid predicate parameters"},
		})
	})
	t.Run("ForwardedProtocol", func(t *testing.T) {
		checkCreateErrors(t, NewForwardedProtocol(), []errorCase{
			{"no arguments", nil, "ForwardedProtocol: expected 1 argument, got 0: invalid predicate parameters"},
			{"other protocol", []interface{}{"ftp"}, `ForwardedProtocol: argument 1: expected "http" or "https", got "ftp": invalid predicate parameters`},
			{"upper case", []interface{}{"HTTPS"}, `ForwardedProtocol: argument 1: expected "http" or "https", got "HTTPS": invalid predicate parameters`},
			{"number", []interface{}{1.0}, `ForwardedProtocol: argument 1: expected "http" or "https", got 1: invalid predicate parameters`},
		})
	})
}

func TestParseForwarded(t *testing.T) {
	tests := []struct {
		name      string
		header    string
		wantHost  string
		wantProto string
	}{
		{"empty", "", "", ""},
		{"host only", "host=example.com", "example.com", ""},
		{"proto only", "proto=https", "", "https"},
		{"pairs", "for=192.0.2.60;proto=http;host=example.com;by=203.0.113.43", "example.com", "http"},
		{"spaces around pairs", "for=1.2.3.4; proto=https ; host = example.com", "example.com", "https"},
		{"quoted value", `host="example.com"`, "example.com", ""},
		{"quoted value with separators", `host="a,b;c";proto=https`, "a,b;c", "https"},
		{"escaped quote", `host="a\"b"`, `a"b`, ""},
		{"escaped backslash", `host="a\\b"`, `a\b`, ""},
		{"unterminated quote", `host="example.com`, "example.com", ""},
		{"dangling escape", `host="example\`, "example", ""},
		{"case-insensitive keys", "Host=example.com;PROTO=https", "example.com", "https"},
		{"last element wins", "host=a.example, host=b.example", "b.example", ""},
		{"repeated key in one element: last wins", "host=a.example;host=b.example", "b.example", ""},
		{"empty value does not override", "host=a.example;host=", "a.example", ""},
		{"empty quoted value does not override", `host=a.example;host=""`, "a.example", ""},
		{"element without proto keeps earlier proto", "proto=https;host=a, for=1.2.3.4", "a", "https"},
		{"pair without equals sign", "junk;host=a.example", "a.example", ""},
		{"trailing key without value", "host=a.example;proto", "a.example", ""},
		{"junk after quoted value", `host="a"junk;proto=http`, "a", "http"},
		{"only separators", ";;,,;", "", ""},
		{"equals sign only", "=", "", ""},
		{"v6 for with port", `for="[2001:db8:cafe::17]:4711";host=h`, "h", ""},
		{"value with spaces inside token", "host=a b", "a b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseForwarded(tt.header)
			if got.host != tt.wantHost {
				t.Errorf("parseForwarded(%q) host got %q, want %q", tt.header, got.host, tt.wantHost)
			}
			if got.proto != tt.wantProto {
				t.Errorf("parseForwarded(%q) proto got %q, want %q", tt.header, got.proto, tt.wantProto)
			}
		})
	}
}

func TestForwardedMatch(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		host    bool // ForwardedHost("^example\\.com$")
		https   bool // ForwardedProtocol("https")
		http    bool // ForwardedProtocol("http")
	}{
		{"no header", nil, false, false, false},
		{"host and https", []string{"Forwarded", "host=example.com;proto=https"}, true, true, false},
		{"other host, http", []string{"Forwarded", "host=other.com;proto=http"}, false, false, true},
		{"proto compared exactly", []string{"Forwarded", "proto=HTTPS"}, false, false, false},
		{"no host parameter", []string{"Forwarded", "for=1.2.3.4;proto=https"}, false, true, false},
		{"only the first header line counts", []string{"Forwarded", "for=1.2.3.4", "Forwarded", "host=example.com;proto=https"}, false, false, false},
		{"last element of the first line wins", []string{"Forwarded", "host=other.com;proto=http, host=example.com;proto=https"}, true, true, false},
	}
	hostPred := mustCreate(t, NewForwardedHost(), `^example\.com$`)
	httpsPred := mustCreate(t, NewForwardedProtocol(), "https")
	httpPred := mustCreate(t, NewForwardedProtocol(), "http")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request("/", tt.headers...)
			if got := hostPred.Match(r); got != tt.host {
				t.Errorf("ForwardedHost got %v, want %v", got, tt.host)
			}
			if got := httpsPred.Match(r); got != tt.https {
				t.Errorf("ForwardedProtocol(https) got %v, want %v", got, tt.https)
			}
			if got := httpPred.Match(r); got != tt.http {
				t.Errorf("ForwardedProtocol(http) got %v, want %v", got, tt.http)
			}
		})
	}
}

func TestForwardedHostMatchesAnyHostWithEmptyRegexpGroup(t *testing.T) {
	// A regexp that matches the empty string still needs a host parameter.
	p := mustCreate(t, NewForwardedHost(), ".*")
	if got := p.Match(request("/", "Forwarded", "proto=https")); got {
		t.Errorf("ForwardedHost(.*) without host parameter got %v, want false", got)
	}
	if got := p.Match(request("/", "Forwarded", "host=x")); !got {
		t.Errorf("ForwardedHost(.*) with host parameter got %v, want true", got)
	}
}

func FuzzParseForwarded(f *testing.F) {
	for _, seed := range []string{
		"", "host=example.com", "for=192.0.2.60;proto=http;by=203.0.113.43",
		`host="a,b;c"`, `host="a\"b`, `host="x\`, "=;=,=", `"`, "host=a, host=b;proto=https",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := parseForwarded(header)
		// Parsing never panics, and a value is cut out of the input, so it
		// is never longer than the input.
		for _, v := range []string{got.host, got.proto} {
			if len(v) > len(header) {
				t.Errorf("parseForwarded(%q) value %q longer than the input", header, v)
			}
		}
	})
}
