package logging

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestXXHash64(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xef46db3751d8e999},
		{"a", 0xd24ec4f1a98c6e5b},
		{"abc", 0x44bc2cf5ad770999},
		{"Nobody inspects the spammish repetition", 0xfbcea83c8a378bf1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := xxhash64(tt.in); got != tt.want {
				t.Errorf("got %#x, want %#x", got, tt.want)
			}
		})
	}
}

func TestAccessLogMaskedQuery(t *testing.T) {
	const secret = "s3cr3t"
	hash := "10"
	tests := []struct {
		name       string
		uri        string
		masked     interface{}
		stripQuery bool
		want       string
	}{
		{"map", "/p?token=" + secret + "&b=2", map[string]struct{}{"token": {}}, false, "/p?b=2&token=" + hash},
		{"list", "/p?token=" + secret + "&token=x&b=2", []string{"token", "missing"}, false, "/p?b=2&token=" + hash},
		{"empty value kept", "/p?token=&b=%20", []string{"token"}, false, "/p?b=+&token="},
		{"no query", "/p", []string{"token"}, false, "/p?"},
		{"empty map logs as is", "/p?token=" + secret, map[string]struct{}{}, false, "/p?token=" + secret},
		{"other type logs as is", "/p?token=" + secret, "token", false, "/p?token=" + secret},
		{"strip query wins", "/p?token=" + secret, []string{"token"}, true, "/p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.ParseRequestURI(tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			e := typicalEntry()
			e.Request.RequestURI, e.Request.URL = tt.uri, u
			e.AdditionalData = map[string]interface{}{MaskedQueryParamsKey: tt.masked}
			want := strings.ReplaceAll(tt.want, "token="+hash, "token="+strconv.FormatUint(xxhash64(secret), 10))
			for _, asJSON := range []bool{false, true} {
				var buf bytes.Buffer
				NewAccessLog(&buf, asJSON, tt.stripQuery).Log(e)
				line := buf.String()
				if asJSON {
					line = strings.ReplaceAll(line, `\u0026`, "&")
				}
				if !strings.Contains(line, " "+want+" ") && !strings.Contains(line, `"uri":"`+want+`"`) {
					t.Errorf("line %q lacks the URI %q", line, want)
				}
				if strings.Contains(line, MaskedQueryParamsKey) {
					t.Errorf("line %q shows the masking key", line)
				}
				if tt.want != tt.uri && strings.Contains(line, secret) {
					t.Errorf("line %q shows the secret", line)
				}
			}
		})
	}
}
