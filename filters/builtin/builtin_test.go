package builtin

import (
	"testing"
)

func TestFiltersNames(t *testing.T) {
	want := []string{
		"status", "comment",
		"setRequestHeader", "setResponseHeader", "appendRequestHeader",
		"appendResponseHeader", "dropRequestHeader", "dropResponseHeader",
		"setPath", "modPath", "setQuery", "redirectTo", "redirectToLower", "inlineContent", "preserveHost",
		"setDynamicBackendUrl", "setDynamicBackendHost", "setDynamicBackendScheme",
		"setDynamicBackendUrlFromHeader", "setDynamicBackendHostFromHeader",
		"setDynamicBackendSchemeFromHeader",
		"tee",
	}
	r := MakeRegistry()
	if len(r) != len(want) {
		t.Errorf("registry has %d specs, want %d", len(r), len(want))
	}
	for _, name := range want {
		s, ok := r[name]
		if !ok {
			t.Errorf("registry lacks %q", name)
			continue
		}
		if s.Name() != name {
			t.Errorf("spec registered as %q is named %q", name, s.Name())
		}
	}
	if got := len(Filters()); got != len(want) {
		t.Errorf("Filters() returned %d specs, want %d", got, len(want))
	}
}

func TestMakeRegistryReturnsNewValues(t *testing.T) {
	a, b := MakeRegistry(), MakeRegistry()
	delete(a, "status")
	if _, ok := b["status"]; !ok {
		t.Errorf("deleting from one registry changed another")
	}
}

func TestEverySpecRejectsBadArguments(t *testing.T) {
	// A list no built-in filter but comment accepts.
	bad := []interface{}{struct{}{}, struct{}{}, struct{}{}, struct{}{}}
	for _, s := range Filters() {
		t.Run(s.Name(), func(t *testing.T) {
			_, err := s.CreateFilter(bad)
			if s.Name() == "comment" {
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			if err == nil {
				t.Errorf("got no error for %v", bad)
			}
		})
	}
}
