package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
)

// writeFile writes a config file into a temporary directory and returns
// its path.
func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// chain returns the default filters, prepended or appended, in eskip syntax.
func chain(c *Config, prepend bool) string {
	v := filtersValue{&c.DefaultFiltersAppend}
	if prepend {
		v = filtersValue{&c.DefaultFiltersPrepend}
	}
	return v.String()
}

func rewrites(rs []RouteRewrite) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Regexp.String()+" => "+r.Repl)
	}
	return out
}

func TestDefaults(t *testing.T) {
	c := New()
	if err := c.Parse(nil); err != nil {
		t.Fatalf("Parse(nil): %v", err)
	}
	cases := []struct {
		name string
		got  any
		want any
	}{
		{"config-file", c.ConfigFile, ""},
		{"version", c.Version, false},
		{"address", c.Address, ":9090"},
		{"insecure-address", c.InsecureAddress, ""},
		{"support-listener", c.SupportListener, ":9911"},
		{"routes-file", c.RoutesFile, []string(nil)},
		{"inline-routes", c.InlineRoutes, ""},
		{"source-poll-timeout", c.SourcePollTimeout, 3000},
		{"wait-first-route-load", c.WaitFirstRouteLoad, false},
		{"default-http-status", c.DefaultHTTPStatus, 404},
		{"max-loopbacks", c.MaxLoopbacks, 9},
		{"proxy-preserve-host", c.ProxyPreserveHost, false},
		{"ignore-trailing-slash", c.IgnoreTrailingSlash, false},
		{"remove-hop-headers", c.RemoveHopHeaders, false},
		{"forwarded-headers", c.ForwardedHeaders, []string(nil)},
		{"forward-backend-url", c.ForwardBackendURL, ""},
		{"insecure", c.Insecure, false},
		{"experimental-upgrade", c.ExperimentalUpgrade, false},
		{"experimental-upgrade-audit", c.ExperimentalUpgradeAudit, false},
		{"upgrade-dial-timeout", c.UpgradeDialTimeout, 30 * time.Second},
		{"enable-h2c-server", c.EnableH2cServer, false},
		{"access-log", c.AccessLog, ""},
		{"access-log-disabled", c.AccessLogDisabled, false},
		{"access-log-json-enabled", c.AccessLogJSONEnabled, false},
		{"access-log-strip-query", c.AccessLogStripQuery, false},
		{"application-log", c.ApplicationLog, ""},
		{"application-log-level", c.ApplicationLogLevel, logrus.InfoLevel},
		{"application-log-prefix", c.ApplicationLogPrefix, "[APP]"},
		{"application-log-json-enabled", c.ApplicationLogJSONEnabled, false},
		{"enable-profile", c.EnableProfile, false},
		{"dev-mode", c.DevMode, false},
		{"suppress-route-update-logs", c.SuppressRouteUpdateLogs, false},
		{"tls-cert", c.CertPathTLS, ""},
		{"tls-key", c.KeyPathTLS, ""},
		{"read-timeout-server", c.ReadTimeoutServer, 5 * time.Minute},
		{"read-header-timeout-server", c.ReadHeaderTimeoutServer, 60 * time.Second},
		{"write-timeout-server", c.WriteTimeoutServer, 60 * time.Second},
		{"idle-timeout-server", c.IdleTimeoutServer, 60 * time.Second},
		{"max-header-bytes", c.MaxHeaderBytes, 1048576},
		{"timeout-backend", c.TimeoutBackend, 60 * time.Second},
		{"keepalive-backend", c.KeepaliveBackend, 30 * time.Second},
		{"response-header-timeout-backend", c.ResponseHeaderTimeoutBackend, 60 * time.Second},
		{"tls-timeout-backend", c.TLSHandshakeTimeoutBackend, 60 * time.Second},
		{"expect-continue-timeout-backend", c.ExpectContinueTimeoutBackend, 30 * time.Second},
		{"idle-conns-num", c.IdleConnsPerHost, 64},
		{"close-idle-conns-period", c.CloseIdleConnsPeriod, 20 * time.Second},
		{"max-idle-connection-backend", c.MaxIdleConnsBackend, 0},
		{"disable-http-keepalives", c.DisableHTTPKeepalives, false},
		{"backend-flush-interval", c.BackendFlushInterval, 20 * time.Millisecond},
		{"wait-for-healthcheck-interval", c.WaitForHealthcheckInterval, 45 * time.Second},
		{"default-filters-prepend", len(c.DefaultFiltersPrepend), 0},
		{"default-filters-append", len(c.DefaultFiltersAppend), 0},
		{"disabled-filters", c.DisabledFilters, []string(nil)},
		{"edit-route", len(c.EditRoute), 0},
		{"clone-route", len(c.CloneRoute), 0},
	}
	if len(cases) != len(c.options) {
		t.Errorf("%d defaults tested, want one per option (%d)", len(cases), len(c.options))
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if c.lookup(tt.name) == nil {
				t.Fatalf("no option -%s", tt.name)
			}
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("-%s: got %#v, want %#v", tt.name, tt.got, tt.want)
			}
		})
	}
}

// TestOptionNamesUnique checks that no name is declared twice and that
// every option has a help text.
func TestOptionNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range New().options {
		if seen[o.name] {
			t.Errorf("option -%s declared twice", o.name)
		}
		seen[o.name] = true
		if o.help == "" {
			t.Errorf("option -%s has no help", o.name)
		}
	}
}

// typeCase sets one option of each kind, from the command line and from
// YAML, and checks the field.
type typeCase struct {
	name  string
	args  []string
	yaml  string
	check func(c *Config) (got, want any)
}

var typeCases = []typeCase{
	{
		name: "string",
		args: []string{"-address", "localhost:8080"},
		yaml: "address: localhost:8080\n",
		check: func(c *Config) (any, any) {
			return c.Address, "localhost:8080"
		},
	},
	{
		name: "empty string",
		args: []string{"-support-listener="},
		yaml: "support-listener: \"\"\n",
		check: func(c *Config) (any, any) {
			return c.SupportListener, ""
		},
	},
	{
		name: "bool",
		args: []string{"-insecure"},
		yaml: "insecure: true\n",
		check: func(c *Config) (any, any) {
			return c.Insecure, true
		},
	},
	{
		name: "int",
		args: []string{"-max-loopbacks", "12"},
		yaml: "max-loopbacks: 12\n",
		check: func(c *Config) (any, any) {
			return c.MaxLoopbacks, 12
		},
	},
	{
		name: "negative int",
		args: []string{"-max-loopbacks=-1"},
		yaml: "max-loopbacks: -1\n",
		check: func(c *Config) (any, any) {
			return c.MaxLoopbacks, -1
		},
	},
	{
		name: "duration",
		args: []string{"-timeout-backend", "2s"},
		yaml: "timeout-backend: 2s\n",
		check: func(c *Config) (any, any) {
			return c.TimeoutBackend, 2 * time.Second
		},
	},
	{
		name: "comma list",
		args: []string{"-routes-file", "a.eskip, b.eskip"},
		yaml: "routes-file: [a.eskip, b.eskip]\n",
		check: func(c *Config) (any, any) {
			return c.RoutesFile, []string{"a.eskip", "b.eskip"}
		},
	},
	{
		name: "disabled filters",
		args: []string{"-disabled-filters", "tee,static"},
		yaml: "disabled-filters:\n  - tee\n  - static\n",
		check: func(c *Config) (any, any) {
			return c.DisabledFilters, []string{"tee", "static"}
		},
	},
	{
		name: "forwarded headers",
		args: []string{"-forwarded-headers", "X-Forwarded-For,X-Forwarded-Proto=auto"},
		yaml: "forwarded-headers: [X-Forwarded-For, X-Forwarded-Proto=auto]\n",
		check: func(c *Config) (any, any) {
			return c.ForwardedHeaders, []string{"X-Forwarded-For", "X-Forwarded-Proto=auto"}
		},
	},
	{
		name: "log level",
		args: []string{"-application-log-level", "DEBUG"},
		yaml: "application-log-level: debug\n",
		check: func(c *Config) (any, any) {
			return c.ApplicationLogLevel, logrus.DebugLevel
		},
	},
	{
		name: "filters",
		args: []string{"-default-filters-prepend", `setRequestHeader("X-A", "b") -> status(201)`},
		yaml: "default-filters-prepend: 'setRequestHeader(\"X-A\", \"b\") -> status(201)'\n",
		check: func(c *Config) (any, any) {
			return chain(c, true), `setRequestHeader("X-A", "b") -> status(201)`
		},
	},
	{
		name: "repeatable",
		args: []string{"-edit-route", "/Source[(](.*)[)]/ClientIP($1)/", "-edit-route", "#a#b#"},
		yaml: "edit-route:\n  - /Source[(](.*)[)]/ClientIP($1)/\n  - '#a#b#'\n",
		check: func(c *Config) (any, any) {
			return rewrites(c.EditRoute), []string{"Source[(](.*)[)] => ClientIP($1)", "a => b"}
		},
	},
}

func TestTypesFromFlags(t *testing.T) {
	for _, tt := range typeCases {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			if err := c.Parse(tt.args); err != nil {
				t.Fatalf("Parse(%q): %v", tt.args, err)
			}
			if got, want := tt.check(c); !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestTypesFromYAML(t *testing.T) {
	for _, tt := range typeCases {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			if err := c.Parse([]string{"-config-file", writeFile(t, tt.yaml)}); err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got, want := tt.check(c); !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestPrecedence(t *testing.T) {
	const yamlDoc = `
address: localhost:1
max-loopbacks: 12
timeout-backend: 2s
routes-file: [y1.eskip, y2.eskip]
edit-route: /y/yy/
insecure: true
`
	for _, tt := range []struct {
		name  string
		args  []string
		check func(c *Config) (got, want any)
	}{
		{
			name:  "yaml over default",
			check: func(c *Config) (any, any) { return c.Address, "localhost:1" },
		},
		{
			name:  "default kept when not in yaml",
			check: func(c *Config) (any, any) { return c.SupportListener, ":9911" },
		},
		{
			name:  "flag over yaml, string",
			args:  []string{"-address", "localhost:2"},
			check: func(c *Config) (any, any) { return c.Address, "localhost:2" },
		},
		{
			name:  "flag over yaml, int",
			args:  []string{"-max-loopbacks", "3"},
			check: func(c *Config) (any, any) { return c.MaxLoopbacks, 3 },
		},
		{
			name:  "flag over yaml, duration",
			args:  []string{"-timeout-backend=5s"},
			check: func(c *Config) (any, any) { return c.TimeoutBackend, 5 * time.Second },
		},
		{
			name:  "flag over yaml, bool false",
			args:  []string{"-insecure=false"},
			check: func(c *Config) (any, any) { return c.Insecure, false },
		},
		{
			name:  "flag over yaml, list replaces",
			args:  []string{"-routes-file", "c.eskip"},
			check: func(c *Config) (any, any) { return c.RoutesFile, []string{"c.eskip"} },
		},
		{
			name:  "flag over yaml, repeatable replaces",
			args:  []string{"-edit-route", "/f/ff/", "-edit-route", "/g/gg/"},
			check: func(c *Config) (any, any) { return rewrites(c.EditRoute), []string{"f => ff", "g => gg"} },
		},
		{
			name:  "yaml repeatable kept without flag",
			check: func(c *Config) (any, any) { return rewrites(c.EditRoute), []string{"y => yy"} },
		},
		{
			name:  "flag before config-file still wins",
			args:  []string{"-address", "localhost:3"},
			check: func(c *Config) (any, any) { return c.Address, "localhost:3" },
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, yamlDoc)
			args := append(append([]string{}, tt.args...), "-config-file", path)
			c := New()
			if err := c.Parse(args); err != nil {
				t.Fatalf("Parse(%q): %v", args, err)
			}
			if got, want := tt.check(c); !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestYAMLErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
		want string
	}{
		{
			name: "unknown key with hint",
			doc:  "address: :1\n\n\n\n\n\nadress: :2\n",
			want: `config.yaml:7: unknown key "adress" (did you mean "address"?)`,
		},
		{
			name: "unknown key without hint",
			doc:  "completely-unknown: 1\n",
			want: `config.yaml:1: unknown key "completely-unknown"`,
		},
		{
			name: "malformed int",
			doc:  "address: :1\n\nmax-loopbacks: many\n",
			want: `config.yaml:3: max-loopbacks: expected an integer, got "many"`,
		},
		{
			name: "malformed bool",
			doc:  "insecure: maybe\n",
			want: `config.yaml:1: insecure: expected true or false, got "maybe"`,
		},
		{
			name: "malformed duration",
			doc:  "timeout-backend: 10\n",
			want: `config.yaml:1: timeout-backend: expected a duration such as "2s", got "10"`,
		},
		{
			name: "malformed level",
			doc:  "application-log-level: LOUD\n",
			want: `config.yaml:1: application-log-level: expected one of PANIC, FATAL, ERROR, WARN, INFO, DEBUG, got "LOUD"`,
		},
		{
			name: "list for a string",
			doc:  "address: [a, b]\n",
			want: `config.yaml:1: address: expected a string, got a list`,
		},
		{
			name: "mapping for a list",
			doc:  "routes-file:\n  a: b\n",
			want: `config.yaml:2: routes-file: expected a list of strings, got a mapping`,
		},
		{
			name: "nested list item",
			doc:  "routes-file:\n  - a\n  - [b]\n",
			want: `config.yaml:2: routes-file: expected a list of strings, got a list in the list (line 3)`,
		},
		{
			name: "bad filters",
			doc:  "default-filters-append: 'status(('\n",
			want: `config.yaml:1: default-filters-append: expected filters in eskip syntax, got "status(("`,
		},
		{
			name: "bad edit-route",
			doc:  "edit-route: /a/b\n",
			want: `config.yaml:1: edit-route: expected <sep>regexp<sep>replacement<sep> with the separator '/' three times, got "/a/b"`,
		},
		{
			name: "bad forwarded header",
			doc:  "forwarded-headers: [X-Forwarded-Foo]\n",
			want: `config.yaml:1: forwarded-headers: invalid forwarded header "X-Forwarded-Foo"`,
		},
		{
			name: "config-file in yaml",
			doc:  "config-file: other.yaml\n",
			want: `config.yaml:1: "config-file" can only be given on the command line`,
		},
		{
			name: "duplicate key",
			doc:  "address: :1\naddress: :2\n",
			want: `config.yaml:2: duplicate key "address" (first at line 1)`,
		},
		{
			name: "not a mapping",
			doc:  "- address\n",
			want: `config.yaml:1: expected a mapping of option names to values, got a list`,
		},
		{
			name: "syntax error",
			doc:  "address: [\n",
			want: `config.yaml: yaml: line`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := New().applyYAML("config.yaml", []byte(tt.doc))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want it to start with %q", err, tt.want)
			}
		})
	}
}

func TestYAMLEmptyAndNull(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
	}{
		{"empty file", ""},
		{"comment only", "# nothing\n"},
		{"null document", "~\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			if err := c.applyYAML("config.yaml", []byte(tt.doc)); err != nil {
				t.Fatalf("got %v, want no error", err)
			}
			if c.Address != ":9090" {
				t.Errorf("address: got %q, want %q", c.Address, ":9090")
			}
		})
	}
}

func TestYAMLBoolWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"true", true}, {"false", false}, {"yes", true}, {"No", false},
		{"on", true}, {"OFF", false}, {"1", true}, {"0", false},
	} {
		t.Run(tt.in, func(t *testing.T) {
			c := New()
			c.Insecure = !tt.want
			if err := c.applyYAML("config.yaml", []byte("insecure: "+tt.in+"\n")); err != nil {
				t.Fatal(err)
			}
			if c.Insecure != tt.want {
				t.Errorf("got %v, want %v", c.Insecure, tt.want)
			}
		})
	}
}

func TestYAMLAnchors(t *testing.T) {
	c := New()
	doc := "address: &a localhost:7\ninsecure-address: *a\n"
	if err := c.applyYAML("config.yaml", []byte(doc)); err != nil {
		t.Fatal(err)
	}
	if c.InsecureAddress != "localhost:7" {
		t.Errorf("got %q, want %q", c.InsecureAddress, "localhost:7")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{
			name: "unknown flag with hint",
			args: []string{"-adress", ":1"},
			want: "unknown flag -adress (did you mean -address?)",
		},
		{
			name: "unknown flag without hint",
			args: []string{"-completely-unknown"},
			want: "unknown flag -completely-unknown",
		},
		{
			name: "malformed int",
			args: []string{"-max-loopbacks", "many"},
			want: `invalid value "many" for flag -max-loopbacks: expected an integer, got "many"`,
		},
		{
			name: "malformed duration",
			args: []string{"-timeout-backend", "10"},
			want: `invalid value "10" for flag -timeout-backend: expected a duration such as "2s", got "10"`,
		},
		{
			name: "malformed bool",
			args: []string{"-insecure=maybe"},
			want: `invalid boolean value "maybe" for -insecure: expected true or false, got "maybe"`,
		},
		{
			name: "malformed level",
			args: []string{"-application-log-level", "LOUD"},
			want: `invalid value "LOUD" for flag -application-log-level: expected one of PANIC, FATAL, ERROR, WARN, INFO, DEBUG, got "LOUD"`,
		},
		{
			name: "malformed clone-route",
			args: []string{"-clone-route", "/[/x/"},
			want: `invalid value "/[/x/" for flag -clone-route: invalid regexp in "/[/x/"`,
		},
		{
			name: "malformed forwarded header",
			args: []string{"-forwarded-headers", "X-Forwarded-For,X-Forwarded-Proto=ftp"},
			want: `invalid value "X-Forwarded-For,X-Forwarded-Proto=ftp" for flag -forwarded-headers: invalid forwarded header "X-Forwarded-Proto=ftp"`,
		},
		{
			name: "malformed filters",
			args: []string{"-default-filters-prepend", "->"},
			want: `invalid value "->" for flag -default-filters-prepend: expected filters in eskip syntax`,
		},
		{
			name: "positional arguments",
			args: []string{"-address", ":1", "extra", "more"},
			want: "invalid arguments: [extra more]",
		},
		{
			name: "missing config file",
			args: []string{"-config-file", filepath.Join(os.TempDir(), "does-not-exist", "config.yaml")},
			want: "reading config file: open ",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := New().Parse(tt.args)
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want it to start with %q", err, tt.want)
			}
		})
	}
}

func TestParseConfigFileErrorNamesFile(t *testing.T) {
	path := writeFile(t, "max-loopbacks: many\n")
	err := New().Parse([]string{"-config-file", path})
	want := path + `:1: max-loopbacks: expected an integer, got "many"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"-help", "-h", "--help"} {
		t.Run(arg, func(t *testing.T) {
			if err := New().Parse([]string{arg}); !errors.Is(err, flag.ErrHelp) {
				t.Errorf("got %v, want flag.ErrHelp", err)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	c := New()
	var b strings.Builder
	c.Usage(&b)
	out := b.String()
	for _, o := range c.options {
		if !strings.Contains(out, "  -"+o.name+" ") && !strings.Contains(out, "  -"+o.name+"\n") {
			t.Errorf("usage lacks -%s", o.name)
		}
	}
	for _, want := range []string{
		"  -address string\n",
		`(default ":9090")`,
		"  -insecure\n",
		"  -timeout-backend duration\n",
		"(default 60s)",
		"  -max-loopbacks int\n    \tloopback hops allowed per request; a negative value allows none (default 9)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}

// TestRepeatableAcrossConfigFile checks that the command line occurrences of
// a repeatable flag, before and after -config-file, replace the file's list
// and are not applied twice.
func TestRepeatableAcrossConfigFile(t *testing.T) {
	path := writeFile(t, "clone-route: ['/a/b/', '/c/d/']\n")
	c := New()
	if err := c.Parse([]string{"-clone-route", "/x/y/", "-config-file", path, "-clone-route", "/z/w/"}); err != nil {
		t.Fatal(err)
	}
	got, want := rewrites(c.CloneRoute), []string{"x => y", "z => w"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
