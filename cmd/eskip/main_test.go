package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The version and commit the test binary is built with.
const (
	testVersion = "v1.2.3-test"
	testCommit  = "abc1234"
)

// eskipBinary is the path of the eskip binary that TestMain builds.
var eskipBinary string

// TestMain builds the eskip binary once, for the end-to-end tests that run
// it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "eskip-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	eskipBinary = filepath.Join(dir, "eskip")
	build := exec.Command("go", "build",
		"-ldflags", "-X main.version="+testVersion+" -X main.commit="+testCommit,
		"-o", eskipBinary, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building eskip: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cliTest is one run of the eskip binary.
type cliTest struct {
	name string
	// files are written to the working directory of the run, which starts
	// empty, so args can name them by their relative paths.
	files map[string]string
	args  []string
	// stdin, when not nil, is piped to standard input. Otherwise standard
	// input is the null device, a character device that eskip takes for a
	// terminal.
	stdin *string

	wantCode int
	// wantStdout is the exact standard output, unless stdoutHas is set.
	wantStdout string
	// stdoutHas are substrings of standard output; when set, standard output
	// is not compared exactly.
	stdoutHas []string
	// wantStderr is the exact standard error, unless stderrHas is set.
	wantStderr string
	// stderrHas are substrings of standard error; when set, standard error
	// is not compared exactly.
	stderrHas []string
	// stderrLines, when set, are the starts of the lines of standard error,
	// one per line, in order; standard error is not compared exactly. It
	// pins the positions of parse errors and leaves their wording to the
	// parser's tests.
	stderrLines []string
}

// pipe returns s as a cliTest.stdin.
func pipe(s string) *string { return &s }

// runEskip runs the eskip binary with args in dir and returns its output
// and exit status.
func runEskip(t *testing.T, dir string, stdin *string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(eskipBinary, args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = strings.NewReader(*stdin)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	default:
		t.Fatalf("running eskip %q: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// runCLITests runs each test as a subtest.
func runCLITests(t *testing.T, tests []cliTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				path := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			stdout, stderr, code := runEskip(t, dir, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("eskip %q: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.wantCode, stdout, stderr)
			}
			checkOutput(t, "stdout", stdout, tt.wantStdout, tt.stdoutHas)
			if tt.stderrLines != nil {
				checkLines(t, stderr, tt.stderrLines)
			} else {
				checkOutput(t, "stderr", stderr, tt.wantStderr, tt.stderrHas)
			}
		})
	}
}

// checkOutput compares one output stream with the exact text want or, when
// has is set, checks that it holds every string of has.
func checkOutput(t *testing.T, stream, got, want string, has []string) {
	t.Helper()
	if len(has) == 0 {
		if got != want {
			t.Errorf("%s:\ngot  %q\nwant %q", stream, got, want)
		}
		return
	}
	for _, h := range has {
		if !strings.Contains(got, h) {
			t.Errorf("%s %q does not contain %q", stream, got, h)
		}
	}
}

// checkLines checks that got has one line per prefix, starting with it.
func checkLines(t *testing.T, got string, prefixes []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if got == "" {
		lines = nil
	}
	if len(lines) != len(prefixes) || !strings.HasSuffix(got, "\n") {
		t.Errorf("stderr: got %d lines, want %d:\n%s", len(lines), len(prefixes), got)
		return
	}
	for i, p := range prefixes {
		if !strings.HasPrefix(lines[i], p) {
			t.Errorf("stderr line %d: got %q, want it to start with %q", i+1, lines[i], p)
		}
	}
}

func TestDefaultVersion(t *testing.T) {
	// The test binary is built without -ldflags, so the defaults show.
	if version != "dev" || commit != "none" {
		t.Errorf("version, commit: got %q, %q, want %q, %q", version, commit, "dev", "none")
	}
}

func TestUsage(t *testing.T) {
	const hint = "run 'eskip help' for usage\n"
	runCLITests(t, []cliTest{
		{
			name:       "no command",
			wantCode:   2,
			wantStderr: "eskip: missing command\n" + hint,
		},
		{
			name:       "unknown command",
			args:       []string{"lint", "r.eskip"},
			wantCode:   2,
			wantStderr: "eskip: unknown command \"lint\"\n" + hint,
		},
		{
			name:      "flag before the command",
			args:      []string{"-pretty", "print"},
			wantCode:  2,
			stderrHas: []string{"eskip: missing command before -pretty", hint},
		},
		{
			name:      "help flag alone",
			args:      []string{"-help"},
			stdoutHas: []string{"usage: eskip <command> [flags] [files...]", "check", "print", "patch", "test", "match", "version", "exit status:"},
		},
		{
			name:      "double-dash help flag",
			args:      []string{"--help"},
			stdoutHas: []string{"usage: eskip <command> [flags] [files...]"},
		},
		{
			name:      "short help flag",
			args:      []string{"-h"},
			stdoutHas: []string{"usage: eskip <command> [flags] [files...]"},
		},
		{
			name:      "help flag after an unknown command",
			args:      []string{"lint", "--help"},
			stdoutHas: []string{"usage: eskip <command> [flags] [files...]"},
		},
		{
			name:       "unknown flag",
			args:       []string{"check", "-bogus", "r.eskip"},
			wantCode:   2,
			wantStderr: "eskip: check: flag provided but not defined: -bogus\n" + hint,
		},
		{
			name:       "flag without its value",
			args:       []string{"check", "-routes"},
			wantCode:   2,
			wantStderr: "eskip: check: flag needs an argument: -routes\n" + hint,
		},
		{
			name:       "flag of another command",
			args:       []string{"check", "-pretty", "r.eskip"},
			wantCode:   2,
			wantStderr: "eskip: check: flag provided but not defined: -pretty\n" + hint,
		},
		{
			name:       "no input",
			args:       []string{"check"},
			wantCode:   2,
			wantStderr: "eskip: no input: give route files, -routes '<eskip>' or routes on standard input\n" + hint,
		},
		{
			name:       "standard input twice",
			args:       []string{"check", "-", "-"},
			stdin:      pipe(""),
			wantCode:   2,
			wantStderr: "eskip: standard input (-) given more than once\n" + hint,
		},
	})
}

func TestVersion(t *testing.T) {
	runCLITests(t, []cliTest{
		{
			name:       "version",
			args:       []string{"version"},
			wantStdout: "eskip version " + testVersion + " (commit: " + testCommit + ")\n",
		},
		{
			name:       "version with an argument",
			args:       []string{"version", "x"},
			wantCode:   2,
			wantStderr: "eskip: version takes no arguments, got \"x\"\nrun 'eskip help' for usage\n",
		},
	})
}

func TestHelp(t *testing.T) {
	general := []string{"usage: eskip <command> [flags] [files...]", "commands:", "inputs:", "exit status:"}
	runCLITests(t, []cliTest{
		{name: "help", args: []string{"help"}, stdoutHas: general},
		{
			name: "help check",
			args: []string{"help", "check"},
			stdoutHas: []string{
				"usage: eskip check [-routes '<eskip>'] [files...]",
				"duplicate id, first defined at",
				"-routes document",
			},
		},
		{
			name: "help print",
			args: []string{"help", "print"},
			stdoutHas: []string{
				"usage: eskip print",
				"-pretty",
				"-indent indent",
				`(default "  ")`,
				"-json",
				"-routes document",
			},
		},
		{
			name: "help patch",
			args: []string{"help", "patch"},
			stdoutHas: []string{
				"usage: eskip patch",
				"-prepend filters",
				"-append filters",
				"-prepend-file file",
				"-append-file file",
			},
		},
		{
			name: "help test",
			args: []string{"help", "test"},
			stdoutHas: []string{
				"usage: eskip test -cases cases.yaml",
				"noMatch: true",
				"-cases file",
				"-routes document",
				"N passed, M failed",
			},
		},
		{
			name: "help match",
			args: []string{"help", "match"},
			stdoutHas: []string{
				"usage: eskip match",
				"-X method",
				"-H header",
				"-cookie name=value",
				"-remote-addr address",
				`(default "127.0.0.1:12345")`,
				"The last argument is the request",
			},
		},
		{name: "help version", args: []string{"help", "version"}, stdoutHas: []string{"usage: eskip version", "(commit: "}},
		{name: "help help", args: []string{"help", "help"}, stdoutHas: []string{"usage: eskip help [command]"}},
		{name: "help upsert", args: []string{"help", "upsert"}, stdoutHas: []string{"usage: eskip upsert", "-etcd-urls urls", "not built yet"}},
		{name: "help reset", args: []string{"help", "reset"}, stdoutHas: []string{"usage: eskip reset", "not built yet"}},
		{name: "help delete", args: []string{"help", "delete"}, stdoutHas: []string{"usage: eskip delete", "-ids ids", "not built yet"}},
		{name: "help flag after the command", args: []string{"print", "-help"}, stdoutHas: []string{"usage: eskip print"}},
		{name: "help flag after the files", args: []string{"patch", "r.eskip", "--help"}, stdoutHas: []string{"usage: eskip patch"}},
		{name: "short help flag after the command", args: []string{"check", "-h"}, stdoutHas: []string{"usage: eskip check"}},
		{
			name:       "help of an unknown command",
			args:       []string{"help", "lint"},
			wantCode:   2,
			wantStderr: "eskip: help: unknown command \"lint\"\nrun 'eskip help' for usage\n",
		},
		{
			name:       "help of two commands",
			args:       []string{"help", "check", "print"},
			wantCode:   2,
			wantStderr: "eskip: help takes at most one command, got 2 arguments\nrun 'eskip help' for usage\n",
		},
	})
}

func TestHelpHidesEtcdFlags(t *testing.T) {
	for _, name := range []string{"check", "print", "patch", "test", "match"} {
		t.Run(name, func(t *testing.T) {
			stdout, _, _ := runEskip(t, t.TempDir(), nil, "help", name)
			if strings.Contains(stdout, "etcd") {
				t.Errorf("help %s shows etcd flags:\n%s", name, stdout)
			}
		})
	}
}

func TestEtcdNotBuilt(t *testing.T) {
	const msg = "the etcd medium is not built yet; eskip reads routes from files, -routes and standard input\nrun 'eskip help' for usage\n"
	runCLITests(t, []cliTest{
		{name: "upsert", args: []string{"upsert", "r.eskip"}, wantCode: 2, wantStderr: "eskip: upsert: " + msg},
		{name: "reset", args: []string{"reset", "-etcd-urls", "http://127.0.0.1:2379"}, wantCode: 2, wantStderr: "eskip: reset: " + msg},
		{name: "delete", args: []string{"delete", "-ids", "a,b"}, wantCode: 2, wantStderr: "eskip: delete: " + msg},
		{name: "check with -etcd-urls", args: []string{"check", "-etcd-urls", "http://127.0.0.1:2379"}, wantCode: 2, wantStderr: "eskip: -etcd-urls: " + msg},
		{name: "print with -etcd-prefix", args: []string{"print", "-etcd-prefix=/skipper"}, wantCode: 2, wantStderr: "eskip: -etcd-prefix: " + msg},
		{name: "patch with -etcd-oauth-token", args: []string{"patch", "-etcd-oauth-token", "t"}, wantCode: 2, wantStderr: "eskip: -etcd-oauth-token: " + msg},
		{name: "check with -insecure", args: []string{"check", "-insecure", "r.eskip"}, wantCode: 2, wantStderr: "eskip: -insecure: " + msg},
		{name: "check with -ids", args: []string{"check", "-ids", "a"}, wantCode: 2, wantStderr: "eskip: -ids: " + msg},
		{name: "test with -etcd-urls", args: []string{"test", "-etcd-urls", "http://127.0.0.1:2379", "-cases", "c.yaml"}, wantCode: 2, wantStderr: "eskip: -etcd-urls: " + msg},
		{name: "match with -etcd-prefix", args: []string{"match", "-etcd-prefix", "/skipper", "/x"}, wantCode: 2, wantStderr: "eskip: -etcd-prefix: " + msg},
	})
}
