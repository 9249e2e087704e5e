package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"
)

func TestNoGoroutineGrowth(t *testing.T) {
	breaking := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello")
		buf.Flush()
		conn.Close()
	}))
	t.Cleanup(breaking.Close)
	doc := `
breaking: Path("/breaking") -> "` + breaking.URL + `";
dead: Path("/dead") -> "http://127.0.0.1:1";
`
	s, px := startProxy(t, doc, Params{})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	send := func() {
		for _, path := range []string{"/breaking", "/dead"} {
			rsp, err := client.Get(s.URL + path)
			if err != nil {
				continue
			}
			io.Copy(io.Discard, rsp.Body)
			rsp.Body.Close()
		}
	}
	send() // warm up pools and listeners
	px.transport.CloseIdleConnections()
	time.Sleep(50 * time.Millisecond)
	before := runtime.NumGoroutine()
	for i := 0; i < 50; i++ {
		send()
	}
	deadline := time.Now().Add(3 * time.Second)
	after := 0
	for time.Now().Before(deadline) {
		px.transport.CloseIdleConnections()
		after = runtime.NumGoroutine()
		if after <= before+3 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("goroutines: got %d after 100 failed requests, want at most %d", after, before+3)
}
