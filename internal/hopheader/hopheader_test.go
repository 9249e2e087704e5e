package hopheader

import (
	"net/http"
	"testing"
)

func TestRemove(t *testing.T) {
	h := http.Header{}
	for _, n := range names {
		h.Set(n, "x")
	}
	h.Set("X-Keep", "1")
	Remove(h)
	if len(h) != 1 || h.Get("X-Keep") != "1" {
		t.Errorf("got %v, want only X-Keep", h)
	}
}
