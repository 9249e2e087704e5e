package config

import (
	"strings"
	"testing"
)

func TestParseRouteRewrite(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      string
		wantRx  string
		wantRep string
		wantErr string
	}{
		{name: "slash", in: "/Source[(](.*)[)]/ClientIP($1)/", wantRx: "Source[(](.*)[)]", wantRep: "ClientIP($1)"},
		{name: "hash with slashes inside", in: `#Path[(]"/old"[)]#Path("/new")#`, wantRx: `Path[(]"/old"[)]`, wantRep: `Path("/new")`},
		{name: "empty replacement", in: "/status[(]200[)]//", wantRx: "status[(]200[)]", wantRep: ""},
		{name: "multi-byte separator", in: "§a§b§", wantRx: "a", wantRep: "b"},
		{name: "empty", in: "", wantErr: `expected <sep>regexp<sep>replacement<sep>, got ""`},
		{name: "separator only", in: "/", wantErr: "the separator '/' three times"},
		{name: "missing last separator", in: "/a/b", wantErr: "the separator '/' three times"},
		{name: "too many separators", in: "/a/b/c/", wantErr: "the separator '/' three times"},
		{name: "text after last separator", in: "/a/b/c", wantErr: "the separator '/' three times"},
		{name: "empty regexp", in: "//b/", wantErr: `empty regexp in "//b/"`},
		{name: "invalid regexp", in: "/(/b/", wantErr: `invalid regexp in "/(/b/"`},
		{name: "invalid utf-8", in: "\xff", wantErr: "expected <sep>regexp<sep>replacement<sep>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRouteRewrite(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if r.Regexp.String() != tt.wantRx {
				t.Errorf("regexp: got %q, want %q", r.Regexp.String(), tt.wantRx)
			}
			if r.Repl != tt.wantRep {
				t.Errorf("replacement: got %q, want %q", r.Repl, tt.wantRep)
			}
			if r.String() != tt.in {
				t.Errorf("String(): got %q, want %q", r.String(), tt.in)
			}
		})
	}
}

func TestParseForwardedHeaders(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      []string
		want    string
		wantErr string
	}{
		{name: "none", in: nil, want: "{For:false Host:false Method:false URI:false Port: Proto:}"},
		{
			name: "all",
			in:   []string{"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Method", "X-Forwarded-Uri", "X-Forwarded-Port=8443", "X-Forwarded-Proto=https"},
			want: "{For:true Host:true Method:true URI:true Port:8443 Proto:https}",
		},
		{name: "any case", in: []string{"x-forwarded-for", "X-FORWARDED-PORT=auto"}, want: "{For:true Host:false Method:false URI:false Port:auto Proto:}"},
		{name: "proto auto", in: []string{"X-Forwarded-Proto=auto"}, want: "{For:false Host:false Method:false URI:false Port: Proto:auto}"},
		{name: "unknown", in: []string{"X-Forwarded-Client"}, wantErr: `invalid forwarded header "X-Forwarded-Client"`},
		{name: "value on a flag header", in: []string{"X-Forwarded-For=1"}, wantErr: `invalid forwarded header "X-Forwarded-For=1"`},
		{name: "bad proto", in: []string{"X-Forwarded-Proto=ftp"}, wantErr: `invalid forwarded header "X-Forwarded-Proto=ftp"`},
		{name: "proto without value", in: []string{"X-Forwarded-Proto"}, wantErr: `invalid forwarded header "X-Forwarded-Proto"`},
		{name: "bad port", in: []string{"X-Forwarded-Port=70000"}, wantErr: `invalid forwarded header "X-Forwarded-Port=70000"`},
		{name: "empty port", in: []string{"X-Forwarded-Port="}, wantErr: `invalid forwarded header "X-Forwarded-Port="`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseForwardedHeaders(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got := fmtHeaders(h); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
