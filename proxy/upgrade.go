package proxy

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// defaultUpgradeDialTimeout limits dialing the backend of an upgrade when
// Params.UpgradeDialTimeout is zero.
const defaultUpgradeDialTimeout = 30 * time.Second

var (
	errUpgradeDial     = errors.New("dialing the backend of an upgrade failed")
	errUpgradeResponse = errors.New("the backend answered the upgrade without HTTP/1.1 and an Upgrade header")
	errNoHijack        = errors.New("the client connection cannot be taken over for the upgrade")
)

// isUpgrade tells whether a Connection header of r asks for an upgrade.
func isUpgrade(r *http.Request) bool {
	for _, v := range r.Header["Connection"] {
		if containsFold(v, "upgrade") {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// serveUpgrade proxies an upgrade request (§2.11 of the spec): it sends
// the request on a connection of its own; a 101 answer is relayed and the
// two connections are joined until either side closes, and c is marked as
// served raw; any other answer becomes the response.
func (px *Proxy) serveUpgrade(c *filterContext, scheme, host string) (*http.Response, *proxyError) {
	wire := scheme
	switch scheme {
	case "http", "https":
	case "h2c":
		wire = "http"
	default:
		return nil, &proxyError{code: http.StatusBadGateway, err: fmt.Errorf("%w %q", errUnsupportedScheme, scheme)}
	}
	out, _ := px.outgoingRequest(c, scheme, wire, host)
	out.Header["Connection"] = []string{"Upgrade"}
	out.Header["Upgrade"] = c.request.Header["Upgrade"]

	backend, err := px.dialUpgrade(c, wire, host)
	if err != nil {
		return nil, &proxyError{code: http.StatusServiceUnavailable, err: fmt.Errorf("%w: %w", errUpgradeDial, err)}
	}
	if err := out.Write(backend); err != nil {
		backend.Close()
		return nil, classify(err, c.request.Context(), nil)
	}
	br := bufio.NewReader(backend)
	resp, err := http.ReadResponse(br, out)
	if err != nil {
		backend.Close()
		return nil, classify(err, c.request.Context(), nil)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		resp.Body = &closeBoth{ReadCloser: resp.Body, conn: backend}
		return resp, nil
	}
	if resp.ProtoMajor != 1 || resp.ProtoMinor != 1 || resp.Header.Get("Upgrade") == "" {
		backend.Close()
		return nil, &proxyError{code: http.StatusBadRequest, err: errUpgradeResponse}
	}
	client, cbuf, err := http.NewResponseController(&c.rw).Hijack()
	if err != nil {
		backend.Close()
		return nil, &proxyError{code: http.StatusInternalServerError, err: fmt.Errorf("%w: %w", errNoHijack, err)}
	}
	c.rawServed = true
	c.rw.status = http.StatusSwitchingProtocols
	defer client.Close()
	defer backend.Close()
	px.upgradeAudit.log(out)
	if err := resp.Write(cbuf); err != nil {
		return nil, nil
	}
	if err := cbuf.Flush(); err != nil {
		return nil, nil
	}
	px.join(c, client, cbuf.Reader, backend, br)
	return nil, nil
}

// dialUpgrade connects to the backend of an upgrade, with TLS for https.
func (px *Proxy) dialUpgrade(c *filterContext, scheme, host string) (net.Conn, error) {
	timeout := px.upgradeDial
	switch {
	case timeout == 0:
		timeout = defaultUpgradeDialTimeout
	case timeout < 0:
		timeout = 0
	}
	d := &net.Dialer{Timeout: timeout}
	ctx := c.request.Context()
	if scheme != "https" {
		return d.DialContext(ctx, "tcp", host)
	}
	cfg := px.tlsConfig.Clone()
	if h, _, err := net.SplitHostPort(host); err == nil {
		cfg.ServerName = h
	}
	td := &tls.Dialer{NetDialer: d, Config: cfg}
	return td.DialContext(ctx, "tcp", host)
}

// join copies bytes both ways between the client and the backend until
// either side closes, then closes both.
func (px *Proxy) join(c *filterContext, client net.Conn, fromClient io.Reader, backend net.Conn, fromBackend io.Reader) {
	var once sync.Once
	closeBoth := func() {
		once.Do(func() {
			client.Close()
			backend.Close()
		})
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer closeBoth()
		n, _ := io.Copy(backend, fromClient)
		_ = n
	}()
	n, _ := io.Copy(client, fromBackend)
	c.rw.written += n
	closeBoth()
	wg.Wait()
}

// closeBoth closes the backend connection of a non-101 upgrade answer with
// its body.
type closeBoth struct {
	io.ReadCloser
	conn net.Conn
}

func (b *closeBoth) Close() error {
	err := b.ReadCloser.Close()
	b.conn.Close()
	return err
}
