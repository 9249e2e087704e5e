package proxy

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// echoUpgradeBackend switches to the "echo" protocol and sends back each
// line it reads.
func echoUpgradeBackend(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "echo" || !isUpgrade(r) {
			w.WriteHeader(http.StatusUpgradeRequired)
			io.WriteString(w, "no upgrade")
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		buf.Flush()
		for {
			line, err := buf.ReadString('\n')
			if err != nil {
				return
			}
			buf.WriteString("echo " + line)
			buf.Flush()
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestUpgrade(t *testing.T) {
	b := echoUpgradeBackend(t)
	tests := []struct {
		name       string
		upgrade    bool
		wantStatus int
	}{
		{name: "with ExperimentalUpgrade", upgrade: true, wantStatus: 101},
		{name: "without ExperimentalUpgrade", upgrade: false, wantStatus: 426},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{ExperimentalUpgrade: tt.upgrade, Flags: HopHeadersRemoval})
			conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
			br := bufio.NewReader(conn)
			rsp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rsp.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d", rsp.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 101 {
				return
			}
			for _, msg := range []string{"one\n", "two\n"} {
				io.WriteString(conn, msg)
				got, err := br.ReadString('\n')
				if err != nil || got != "echo "+msg {
					t.Errorf("got %q, %v, want %q", got, err, "echo "+msg)
				}
			}
		})
	}
}

func TestUpgradeDialFailure(t *testing.T) {
	s, _ := startProxy(t, `r: * -> "http://127.0.0.1:1";`, Params{ExperimentalUpgrade: true})
	status, _, _ := get(t, nil, s.URL+"/", http.Header{"Connection": {"Upgrade"}, "Upgrade": {"echo"}})
	if status != http.StatusServiceUnavailable {
		t.Errorf("status: got %d, want %d", status, http.StatusServiceUnavailable)
	}
}

// TestUpgradeOutlivesServerTimeouts checks that an upgraded connection is
// not cut off by the server's read and write timeouts, which are for HTTP
// exchanges.
func TestUpgradeOutlivesServerTimeouts(t *testing.T) {
	b := echoUpgradeBackend(t)
	_, px := startProxy(t, `r: * -> "`+b.URL+`";`, Params{ExperimentalUpgrade: true, Flags: HopHeadersRemoval})
	s := httptest.NewUnstartedServer(px)
	s.Config.ReadTimeout = 100 * time.Millisecond
	s.Config.WriteTimeout = 100 * time.Millisecond
	s.Start()
	defer s.Close()

	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
	br := bufio.NewReader(conn)
	rsp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rsp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status: got %d, want 101", rsp.StatusCode)
	}
	time.Sleep(300 * time.Millisecond) // past both server timeouts
	io.WriteString(conn, "late\n")
	if got, err := br.ReadString('\n'); err != nil || got != "echo late\n" {
		t.Errorf("after the server timeouts: got %q, %v, want %q", got, err, "echo late\n")
	}
}

// syncBuffer is a bytes.Buffer safe for the proxy's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestUpgradeAuditLog checks the JSON line of an upgraded connection, and
// that a refused upgrade writes none.
func TestUpgradeAuditLog(t *testing.T) {
	b := echoUpgradeBackend(t)
	var audit syncBuffer
	s, _ := startProxy(t, `r: * -> setPath("/socket") -> "`+b.URL+`";`, Params{ExperimentalUpgrade: true, UpgradeAuditLog: &audit, Flags: HopHeadersRemoval})

	tests := []struct {
		name     string
		upgrade  string
		wantLine string
	}{
		{name: "refused by the backend", upgrade: "other", wantLine: ""},
		{name: "upgraded", upgrade: "echo", wantLine: `{"method":"GET","path":"/socket","query":"a=1","fragment":""}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := audit.String()
			conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			io.WriteString(conn, "GET /ws?a=1 HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade\r\nUpgrade: "+tt.upgrade+"\r\n\r\n")
			rsp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			rsp.Body.Close()
			if got := strings.TrimPrefix(audit.String(), before); got != tt.wantLine {
				t.Errorf("audit log: got %q, want %q", got, tt.wantLine)
			}
		})
	}
}

// TestUpgradeDialTimeout checks that a negative UpgradeDialTimeout means
// no limit and that a dial failure answers 503.
func TestUpgradeDialTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: the dial fails at once
	for _, timeout := range []time.Duration{-1, 0, time.Second} {
		s, _ := startProxy(t, `r: * -> "http://`+addr+`";`, Params{ExperimentalUpgrade: true, UpgradeDialTimeout: timeout})
		req, _ := http.NewRequest("GET", s.URL, nil)
		req.Header.Set("Connection", "Upgrade")
		req.Header.Set("Upgrade", "echo")
		rsp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		rsp.Body.Close()
		if rsp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("timeout %v: got status %d, want 503", timeout, rsp.StatusCode)
		}
	}
}
