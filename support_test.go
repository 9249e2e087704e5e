package skipper

import (
	"strings"
	"testing"
)

func TestRunProfile(t *testing.T) {
	r := startRun(t, Options{SupportListener: "127.0.0.1:0", EnableProfile: true, AccessLogDisabled: true})
	status, _, body := get(t, "GET", "http://"+r.support+"/debug/pprof/")
	if status != 200 || !strings.Contains(body, "goroutine") {
		t.Errorf("pprof index got %d %q, want 200 listing goroutine", status, body)
	}
}
