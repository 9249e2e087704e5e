package filters_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestTemplateApply(t *testing.T) {
	tests := []struct {
		name     string
		template string
		xff      string
		rsp      bool
		want     string
		wantOK   bool
	}{
		{"literal", "/plain/path", "", false, "/plain/path", true},
		{"empty", "", "", false, "", true},
		{"method", "${request.method}", "", false, "POST", true},
		{"host", "h=${request.host}", "", false, "h=example.org", true},
		{"path", "${request.path}", "", false, "/a b/c", true},
		{"raw query", "${request.rawQuery}", "", false, "q=1&q=2&k=v%20w", true},
		{"query first value", "${request.query.q}", "", false, "1", true},
		{"query decoded", "${request.query.k}", "", false, "v w", true},
		{"query missing", "[${request.query.none}]", "", false, "[]", false},
		{"header", "${request.header.x-thing}", "", false, "thing", true},
		{"header missing", "${request.header.X-None}", "", false, "", false},
		{"cookie", "${request.cookie.session}", "", false, "abc", true},
		{"cookie missing", "${request.cookie.none}", "", false, "", false},
		{"source without xff", "${request.source}", "", false, "192.0.2.1", true},
		{"source", "${request.source}", "203.0.113.1, 198.51.100.2", false, "203.0.113.1", true},
		{"source from last", "${request.sourceFromLast}", "203.0.113.1, 198.51.100.2", false, "198.51.100.2", true},
		{"source bad xff", "${request.source}", "garbage", false, "192.0.2.1", true},
		{"client ip ignores xff", "${request.clientIP}", "203.0.113.1", false, "192.0.2.1", true},
		{"path param", "/u/${id}/x", "", false, "/u/42/x", true},
		{"unknown request field is a path param", "${request.other}", "", false, "param", true},
		{"missing path param", "/u/${nope}/x", "", false, "/u//x", false},
		{"response header without response", "${response.header.X-R}", "", false, "", false},
		{"response header", "${response.header.x-r}", "", true, "r", true},
		{"several", "${request.method} ${id}: ${request.header.X-Thing}", "", false, "POST 42: thing", true},
		{"one missing of several", "${id}${nope}", "", false, "42", false},
		{"lone dollar brace", "a${b", "", false, "a${b", true},
		{"empty placeholder", "${}", "", false, "${}", true},
		{"brace inside", "${a{b}", "", false, "${a{b}", true},
		{"nested", "${${id}}", "", false, "${42}", true},
		{"dollar only", "$id", "", false, "$id", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "http://example.org/a%20b/c?q=1&q=2&k=v%20w", nil)
			r.RemoteAddr = "192.0.2.1:1234"
			r.Header.Set("X-Thing", "thing")
			r.AddCookie(&http.Cookie{Name: "session", Value: "abc"})
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			ctx := filtertest.NewContext(r)
			ctx.FParams["id"] = "42"
			ctx.FParams["request.other"] = "param"
			if tt.rsp {
				ctx.FResponse = &http.Response{Header: http.Header{"X-R": []string{"r"}}}
			}
			got, ok := filters.NewTemplate(tt.template).Apply(ctx)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("got %q, %v, want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestTemplateApplyRequest(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.org/p", nil)
	tpl := filters.NewTemplate("${request.path}/${x}/${response.header.A}")
	got, ok := tpl.ApplyRequest(r, func(n string) string { return "[" + n + "]" })
	if got != "/p/[x]/[response.header.A]" || !ok {
		t.Errorf("got %q, %v, want %q, true", got, ok, "/p/[x]/[response.header.A]")
	}
	got, ok = tpl.ApplyRequest(r, nil)
	if got != "/p//" || ok {
		t.Errorf("got %q, %v with no params, want %q, false", got, ok, "/p//")
	}
	got, ok = tpl.ApplyResponse(nil, nil, nil)
	if got != "//" || ok {
		t.Errorf("got %q, %v with nothing, want %q, false", got, ok, "//")
	}
}

func TestTemplatePlaceholders(t *testing.T) {
	tpl := filters.NewTemplate("a${x}b${request.path}${}c")
	want := []string{"x", "request.path"}
	if got := tpl.Placeholders(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := tpl.String(); got != "a${x}b${request.path}${}c" {
		t.Errorf("String got %q", got)
	}
	if got := filters.NewTemplate("plain").Placeholders(); got != nil {
		t.Errorf("got %q, want none", got)
	}
}

func BenchmarkTemplateApply(b *testing.B) {
	r := httptest.NewRequest("GET", "http://example.org/p", nil)
	r.Header.Set("X-Id", "7")
	ctx := filtertest.NewContext(r)
	ctx.FParams["id"] = "42"
	tpl := filters.NewTemplate("/users/${id}/items/${request.header.X-Id}")
	b.ReportAllocs()
	for b.Loop() {
		tpl.Apply(ctx)
	}
}
