package skipper

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
)

func TestRunAccessAndApplicationLog(t *testing.T) {
	dir := t.TempDir()
	accessPath := filepath.Join(dir, "access.log")
	appPath := filepath.Join(dir, "app.log")
	r := startRun(t, Options{
		InlineRoutes:         `r: Path("/logged") -> status(204) -> <shunt>`,
		WaitFirstRouteLoad:   true,
		AccessLogOutput:      accessPath,
		ApplicationLogOutput: appPath,
		ApplicationLogLevel:  logrus.InfoLevel,
		ApplicationLogPrefix: "[APP]",
	})
	if status, _, _ := get(t, "GET", "http://"+r.addr+"/logged?q=1"); status != 204 {
		t.Fatalf("status got %d, want 204", status)
	}
	if err := r.shutdown(t); err != nil {
		t.Fatal(err)
	}
	access, _ := os.ReadFile(accessPath)
	if !bytes.Contains(access, []byte(`"GET /logged?q=1 HTTP/1.1" 204`)) {
		t.Errorf("access log got %q, want a line of the request", access)
	}
	app, _ := os.ReadFile(appPath)
	if !bytes.HasPrefix(app, []byte("[APP] ")) || !bytes.Contains(app, []byte("proxy listener on")) {
		t.Errorf("application log got %q, want prefixed lines about the listener", app)
	}
}

func TestAccessLogEntry(t *testing.T) {
	req := httptest.NewRequest("GET", "/p", nil)
	req.RemoteAddr = "192.0.2.1:1"
	for _, tt := range []struct {
		name     string
		bag      map[string]interface{}
		json     bool
		contains string
	}{
		{name: "text without state", contains: `192.0.2.1 - - [`},
		{name: "auth user", bag: map[string]interface{}{"auth-user": "jane"}, contains: `192.0.2.1 - jane [`},
		{name: "additional JSON data", json: true, bag: map[string]interface{}{"statebag:access_log:additional": map[string]interface{}{"team": "blue"}}, contains: `"team":"blue"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			a := &accessLog{log: logging.NewAccessLog(&buf, tt.json, false), file: nopCloser{}}
			a.LogAccess(&proxy.AccessEntry{Request: req, StatusCode: 200, Start: time.Now(), StateBag: tt.bag})
			if !strings.Contains(buf.String(), tt.contains) {
				t.Errorf("line got %q, want it to contain %q", buf.String(), tt.contains)
			}
		})
	}
}
