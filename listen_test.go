package skipper

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunH2C(t *testing.T) {
	for _, tt := range []struct {
		name   string
		h2c    bool
		wantOK bool
	}{
		{name: "h2c on", h2c: true, wantOK: true},
		{name: "h2c off", h2c: false, wantOK: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := startRun(t, Options{
				InlineRoutes:       `r: * -> inlineContent("h2") -> <shunt>`,
				WaitFirstRouteLoad: true,
				AccessLogDisabled:  true,
				EnableH2cServer:    tt.h2c,
			})
			tr := &http.Transport{Protocols: new(http.Protocols)}
			tr.Protocols.SetUnencryptedHTTP2(true)
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
			rsp, err := c.Get("http://" + r.addr + "/")
			ok := err == nil && rsp.ProtoMajor == 2 && rsp.StatusCode == 200
			if rsp != nil {
				rsp.Body.Close()
			}
			if ok != tt.wantOK {
				t.Errorf("HTTP/2 request succeeded: got %v (%v), want %v", ok, err, tt.wantOK)
			}
		})
	}
}

func TestRunRefusesPrefaceWithoutH2C(t *testing.T) {
	called := make(chan struct{}, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		select {
		case called <- struct{}{}:
		default:
		}
	}))
	defer backend.Close()
	r := startRun(t, Options{
		InlineRoutes:       `all: * -> "` + backend.URL + `"`,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	c, err := net.DialTimeout("tcp", r.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(c)
	if !strings.HasPrefix(string(b), "HTTP/1.1 505 ") {
		t.Errorf("answer got %q, want a 505 status line", b)
	}
	select {
	case <-called:
		t.Error("the preface reached the backend, want it refused")
	default:
	}
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key
// into dir and returns their paths.
func writeCert(t *testing.T, dir string) (certPath, keyPath string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "skipper test"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeFile(t, certPath, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	writeFile(t, keyPath, string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})))
	return certPath, keyPath
}

func TestRunTLS(t *testing.T) {
	certPath, keyPath := writeCert(t, t.TempDir())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	insecure := ln.Addr().String()
	ln.Close()

	r := startRun(t, Options{
		CertPathTLS:        certPath,
		KeyPathTLS:         keyPath,
		InsecureAddress:    insecure,
		InlineRoutes:       `r: * -> setResponseHeader("X-Proto", "${request.header.X-Forwarded-Proto}") -> inlineContent("ok") -> <shunt>`,
		ForwardedHeaders:   ForwardedHeaders{Proto: "auto"},
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}

	for _, tt := range []struct {
		name      string
		url       string
		wantMajor int
		wantProto string
	}{
		{name: "TLS with HTTP/2", url: "https://" + r.addr + "/", wantMajor: 2, wantProto: "https"},
		{name: "plain listener next to TLS", url: "http://" + insecure + "/", wantMajor: 1, wantProto: "http"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rsp, err := c.Get(tt.url)
			if err != nil {
				t.Fatalf("GET %s: %v", tt.url, err)
			}
			defer rsp.Body.Close()
			b, _ := io.ReadAll(rsp.Body)
			if rsp.StatusCode != 200 || string(b) != "ok" || rsp.ProtoMajor != tt.wantMajor {
				t.Errorf("got %d %q HTTP/%d, want 200 %q HTTP/%d", rsp.StatusCode, b, rsp.ProtoMajor, "ok", tt.wantMajor)
			}
			if got := rsp.Header.Get("X-Proto"); got != tt.wantProto {
				t.Errorf("X-Forwarded-Proto seen by the route got %q, want %q", got, tt.wantProto)
			}
		})
	}
}

// recordLog records the level and message of each log call.
type recordLog struct{ lines []string }

func (r *recordLog) Debugf(f string, a ...interface{}) { r.add("debug", f, a) }
func (r *recordLog) Infof(f string, a ...interface{})  { r.add("info", f, a) }
func (r *recordLog) Warnf(f string, a ...interface{})  { r.add("warn", f, a) }
func (r *recordLog) Errorf(f string, a ...interface{}) { r.add("error", f, a) }
func (r *recordLog) add(level, f string, a []interface{}) {
	r.lines = append(r.lines, level+": "+fmt.Sprintf(f, a...))
}

func TestServerErrorLog(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want string
	}{
		{name: "handshake at debug", in: "http: TLS handshake error from 192.0.2.1:5: EOF\n", want: "debug: http: TLS handshake error from 192.0.2.1:5: EOF"},
		{name: "others at error", in: "http: Accept error: too many open files\n", want: "error: http: Accept error: too many open files"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordLog{}
			n, err := serverErrorLog{log: rec}.Write([]byte(tt.in))
			if err != nil || n != len(tt.in) {
				t.Errorf("Write got %d, %v, want %d, nil", n, err, len(tt.in))
			}
			if len(rec.lines) != 1 || rec.lines[0] != tt.want {
				t.Errorf("logged %q, want [%q]", rec.lines, tt.want)
			}
		})
	}
}

// TestRunRefusesFramingConflict checks that the plain HTTP proxy listener
// refuses a request with both Content-Length and Transfer-Encoding with 400
// and closes the connection, after serving the requests before it.
func TestRunRefusesFramingConflict(t *testing.T) {
	r := startRun(t, Options{
		InlineRoutes:       `ok: * -> inlineContent("ok") -> <shunt>`,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	conn, err := net.Dial("tcp", r.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"+
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
	br := bufio.NewReader(conn)
	for i, want := range []int{http.StatusOK, http.StatusBadRequest} {
		rsp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("response %d: %v", i+1, err)
		}
		io.Copy(io.Discard, rsp.Body)
		rsp.Body.Close()
		if rsp.StatusCode != want {
			t.Errorf("response %d: got status %d, want %d", i+1, rsp.StatusCode, want)
		}
	}
	if n, err := br.ReadByte(); err == nil {
		t.Errorf("connection still open after the 400: read %q", n)
	}
}
