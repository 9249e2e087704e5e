package filters

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"", "plain", "${a}", "${", "${}", "${a{b}", "a${b}c${request.path}", "$${x}}"} {
		f.Add(s)
	}
	r := httptest.NewRequest("GET", "/p?q=1", nil)
	f.Fuzz(func(t *testing.T, s string) {
		tpl := NewTemplate(s)
		got, _ := tpl.ApplyRequest(r, func(name string) string { return "${" + name + "}" })
		// Resolving every placeholder to itself gives the source back,
		// except request placeholders, which resolve from the request.
		if !strings.Contains(s, "${request.") && got != s {
			t.Errorf("identity resolution of %q got %q", s, got)
		}
		lit, ok := tpl.ApplyRequest(nil, nil)
		if len(tpl.Placeholders()) == 0 && (lit != s || !ok) {
			t.Errorf("literal %q got %q, %v", s, lit, ok)
		}
	})
}
