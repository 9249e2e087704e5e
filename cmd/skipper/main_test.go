package main

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openskipper/skipper"
)

// The binary under test, built once by buildBinary.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

const (
	testVersion = "v9.8.7"
	testCommit  = "abc1234"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// buildBinary builds cmd/skipper with test version and commit values.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "skipper-bin")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "skipper")
		cmd := exec.Command("go", "build", "-o", binPath,
			"-ldflags", "-X main.version="+testVersion+" -X main.commit="+testCommit, ".")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = errors.New(err.Error() + ": " + string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("building the binary: %v", buildErr)
	}
	return binPath
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// lockedBuffer collects the output of a process.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitStatus polls url until it answers with want.
func waitStatus(t *testing.T, url string, want int, output fmtStringer) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		rsp, err := http.Get(url)
		if err == nil {
			io.Copy(io.Discard, rsp.Body)
			rsp.Body.Close()
			if rsp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: no status %d before the deadline; output:\n%s", url, want, output.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type fmtStringer interface{ String() string }

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	rsp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer rsp.Body.Close()
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	return rsp.StatusCode, string(b)
}

func TestBinaryServesWithRoutesFileAndConfigFile(t *testing.T) {
	bin := buildBinary(t)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "backend "+r.URL.Path)
	}))
	defer backend.Close()

	dir := t.TempDir()
	routes := writeFile(t, dir, "routes.eskip", `
hello: Path("/hello") -> inlineContent("Hello, world!") -> <shunt>;
proxied: Path("/backend") -> "`+backend.URL+`";
`)
	// The address in the file is not valid: the command line must win.
	conf := writeFile(t, dir, "skipper.yaml", `
address: "256.0.0.1:1"
default-http-status: 418
source-poll-timeout: 50
access-log-disabled: true
wait-for-healthcheck-interval: 0s
`)
	addr, support := freeAddr(t), freeAddr(t)
	var out lockedBuffer
	cmd := exec.Command(bin, "-address", addr, "-support-listener", support, "-routes-file", routes, "-config-file", conf)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill() // the process this test started, by its PID
			<-exited
		}
	}()

	waitStatus(t, "http://"+addr+"/hello", 200, &out)
	for _, tt := range []struct {
		name       string
		url        string
		wantStatus int
		wantBody   string
	}{
		{name: "shunt route", url: "http://" + addr + "/hello", wantStatus: 200, wantBody: "Hello, world!"},
		{name: "proxied route", url: "http://" + addr + "/backend", wantStatus: 200, wantBody: "backend /backend"},
		{name: "no route, status from the config file", url: "http://" + addr + "/nothing", wantStatus: 418},
		{name: "routes on the support listener", url: "http://" + support + "/routes", wantStatus: 200, wantBody: "hello:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(t, tt.url)
			if status != tt.wantStatus {
				t.Errorf("status got %d, want %d", status, tt.wantStatus)
			}
			if !strings.Contains(body, tt.wantBody) {
				t.Errorf("body got %q, want it to contain %q", body, tt.wantBody)
			}
		})
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("exit after SIGTERM got %v, want status 0; output:\n%s", waitErr, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Errorf("no exit after SIGTERM; output:\n%s", out.String())
	}
}

func TestBinaryVersion(t *testing.T) {
	bin := buildBinary(t)
	out, err := exec.Command(bin, "-version").Output()
	if err != nil {
		t.Fatalf("-version got %v, want status 0", err)
	}
	want := regexp.MustCompile(`^Skipper version ` + testVersion + ` \(commit: ` + testCommit + `, runtime: go[^)]+\)\n$`)
	if !want.Match(out) {
		t.Errorf("-version got %q, want a match of %q", out, want)
	}
}

func TestBinaryBadOptions(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		name     string
		args     []string
		yaml     string
		wantCode int
		wantErr  string
	}{
		{name: "unknown flag", args: []string{"-adress", ":1"}, wantCode: 2, wantErr: "-adress"},
		{name: "malformed flag value", args: []string{"-max-loopbacks", "many"}, wantCode: 2, wantErr: "max-loopbacks"},
		{name: "positional argument", args: []string{"routes.eskip"}, wantCode: 2, wantErr: "routes.eskip"},
		{name: "unknown YAML key", yaml: "adress: \":1\"\n", wantCode: 1, wantErr: `unknown key "adress"`},
		{name: "malformed YAML value", yaml: "max-loopbacks: many\n", wantCode: 1, wantErr: "max-loopbacks"},
		{name: "missing config file", args: []string{"-config-file", filepath.Join(dir, "missing.yaml")}, wantCode: 1, wantErr: "missing.yaml"},
		{name: "help", args: []string{"-help"}, wantCode: 0, wantErr: "-routes-file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.yaml != "" {
				args = append(args, "-config-file", writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".yaml", tt.yaml))
			}
			var stderr bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.wantCode {
				t.Errorf("exit status got %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr got %q, want it to contain %q", stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestRunMainPassesOptions(t *testing.T) {
	startErr := errors.New("listener broke")
	for _, tt := range []struct {
		name     string
		args     []string
		startErr error
		wantCode int
		check    func(t *testing.T, o skipper.Options)
	}{
		{name: "defaults", wantCode: 0, check: func(t *testing.T, o skipper.Options) {
			if o.Address != ":9090" || o.SupportListener != ":9911" {
				t.Errorf("listeners got %q %q, want %q %q", o.Address, o.SupportListener, ":9090", ":9911")
			}
		}},
		{name: "routes file is watched", args: []string{"-routes-file", "a.eskip"}, wantCode: 0, check: func(t *testing.T, o skipper.Options) {
			if o.WatchRoutesFile != "a.eskip" || o.RoutesFile != "" {
				t.Errorf("WatchRoutesFile, RoutesFile got %q, %q, want %q, %q", o.WatchRoutesFile, o.RoutesFile, "a.eskip", "")
			}
		}},
		{name: "start failure", startErr: startErr, wantCode: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			called := false
			code := runMain(tt.args, &stdout, &stderr, func(o skipper.Options) error {
				called = true
				if tt.check != nil {
					tt.check(t, o)
				}
				return tt.startErr
			})
			if code != tt.wantCode {
				t.Errorf("exit status got %d, want %d", code, tt.wantCode)
			}
			if !called {
				t.Errorf("start got not called, want called")
			}
			if tt.startErr != nil && !strings.Contains(stderr.String(), tt.startErr.Error()) {
				t.Errorf("stderr got %q, want the start error", stderr.String())
			}
		})
	}
}

func TestBinaryShutdownPredicateAndSecondSignal(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	routes := writeFile(t, dir, "routes.eskip", `
health: Path("/health") -> status(200) -> <shunt>;
healthDown: Path("/health") && Shutdown() -> status(503) -> <shunt>;
`)
	addr := freeAddr(t)
	var out lockedBuffer
	cmd := exec.Command(bin, "-address", addr, "-support-listener", "", "-routes-file", routes,
		"-access-log-disabled", "-wait-for-healthcheck-interval", "1m")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill() // the process this test started, by its PID
			<-exited
		}
	}()

	waitStatus(t, "http://"+addr+"/health", 200, &out)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// During the health check interval the proxy serves and Shutdown()
	// matches.
	waitStatus(t, "http://"+addr+"/health", 503, &out)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		var exit *exec.ExitError
		if !errors.As(waitErr, &exit) {
			t.Errorf("exit after the second SIGTERM got %v, want death by the signal", waitErr)
		}
	case <-time.After(15 * time.Second):
		t.Errorf("no exit after the second SIGTERM; output:\n%s", out.String())
	}
}
