package config

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper"
	"github.com/openskipper/skipper/eskip"
)

func fmtHeaders(h skipper.ForwardedHeaders) string {
	return fmt.Sprintf("%+v", h)
}

func TestToOptionsDefaults(t *testing.T) {
	c := New()
	if err := c.Parse(nil); err != nil {
		t.Fatal(err)
	}
	o := c.ToOptions()
	for _, tt := range []struct {
		name string
		got  any
		want any
	}{
		{"Address", o.Address, ":9090"},
		{"SupportListener", o.SupportListener, ":9911"},
		{"WatchRoutesFile", o.WatchRoutesFile, ""},
		{"RoutesFile", o.RoutesFile, ""},
		{"SourcePollTimeout", o.SourcePollTimeout, 3 * time.Second},
		{"DefaultHTTPStatus", o.DefaultHTTPStatus, 404},
		{"MaxLoopbacks", o.MaxLoopbacks, 9},
		{"ApplicationLogLevel", o.ApplicationLogLevel, logrus.InfoLevel},
		{"ApplicationLogPrefix", o.ApplicationLogPrefix, "[APP]"},
		{"ReadTimeoutServer", o.ReadTimeoutServer, 5 * time.Minute},
		{"MaxHeaderBytes", o.MaxHeaderBytes, 1 << 20},
		{"IdleConnectionsPerHost", o.IdleConnectionsPerHost, 64},
		{"BackendFlushInterval", o.BackendFlushInterval, 20 * time.Millisecond},
		{"WaitForHealthcheckInterval", o.WaitForHealthcheckInterval, 45 * time.Second},
		{"ForwardedHeaders", o.ForwardedHeaders.Enabled(), false},
		{"DefaultFilters", o.DefaultFilters == nil, true},
		{"DisabledFilters", o.DisabledFilters == nil, true},
		{"EditRoute", o.EditRoute == nil, true},
		{"CloneRoute", o.CloneRoute == nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
			}
		})
	}
}

func TestToOptions(t *testing.T) {
	args := []string{
		"-address", "127.0.0.1:1",
		"-insecure-address", "127.0.0.1:2",
		"-support-listener", "127.0.0.1:3",
		"-routes-file", "a.eskip,b.eskip",
		"-inline-routes", `r: * -> <shunt>`,
		"-source-poll-timeout", "250",
		"-wait-first-route-load",
		"-default-http-status", "418",
		"-max-loopbacks", "-1",
		"-proxy-preserve-host",
		"-ignore-trailing-slash",
		"-remove-hop-headers",
		"-forwarded-headers", "X-Forwarded-For,X-Forwarded-Port=auto",
		"-forward-backend-url", "http://127.0.0.1:4",
		"-insecure",
		"-experimental-upgrade",
		"-experimental-upgrade-audit",
		"-upgrade-dial-timeout", "-1s",
		"-enable-h2c-server",
		"-access-log", "access.log",
		"-access-log-disabled",
		"-access-log-json-enabled",
		"-access-log-strip-query",
		"-application-log", "app.log",
		"-application-log-level", "WARN",
		"-application-log-prefix", "",
		"-application-log-json-enabled",
		"-enable-profile",
		"-dev-mode",
		"-suppress-route-update-logs",
		"-tls-cert", "a.crt,b.crt",
		"-tls-key", "a.key,b.key",
		"-read-timeout-server", "1s",
		"-read-header-timeout-server", "2s",
		"-write-timeout-server", "3s",
		"-idle-timeout-server", "4s",
		"-max-header-bytes", "4096",
		"-timeout-backend", "5s",
		"-keepalive-backend", "6s",
		"-response-header-timeout-backend", "7s",
		"-tls-timeout-backend", "8s",
		"-expect-continue-timeout-backend", "9s",
		"-idle-conns-num", "10",
		"-close-idle-conns-period", "11s",
		"-max-idle-connection-backend", "12",
		"-disable-http-keepalives",
		"-backend-flush-interval", "13ms",
		"-wait-for-healthcheck-interval", "14s",
		"-default-filters-prepend", `setRequestHeader("X-A", "1")`,
		"-default-filters-append", `status(200) -> comment("x")`,
		"-disabled-filters", "tee, static",
		"-edit-route", "/Source[(](.*)[)]/ClientIP($1)/",
		"-clone-route", "/Host[(](.*)[)]/Host(\"x\")/",
		"-clone-route", "/a/b/",
	}
	c := New()
	if err := c.Parse(args); err != nil {
		t.Fatalf("Parse: %v", err)
	}
	o := c.ToOptions()
	for _, tt := range []struct {
		name string
		got  any
		want any
	}{
		{"Address", o.Address, "127.0.0.1:1"},
		{"InsecureAddress", o.InsecureAddress, "127.0.0.1:2"},
		{"SupportListener", o.SupportListener, "127.0.0.1:3"},
		{"WatchRoutesFile", o.WatchRoutesFile, "a.eskip,b.eskip"},
		{"WatchRoutesFiles", o.WatchRoutesFiles(), []string{"a.eskip", "b.eskip"}},
		{"RoutesFile", o.RoutesFile, ""},
		{"InlineRoutes", o.InlineRoutes, `r: * -> <shunt>`},
		{"SourcePollTimeout", o.SourcePollTimeout, 250 * time.Millisecond},
		{"WaitFirstRouteLoad", o.WaitFirstRouteLoad, true},
		{"DefaultHTTPStatus", o.DefaultHTTPStatus, 418},
		{"MaxLoopbacks", o.MaxLoopbacks, -1},
		{"PreserveHost", o.PreserveHost, true},
		{"IgnoreTrailingSlash", o.IgnoreTrailingSlash, true},
		{"RemoveHopHeaders", o.RemoveHopHeaders, true},
		{"ForwardedHeaders", o.ForwardedHeaders, skipper.ForwardedHeaders{For: true, Port: "auto"}},
		{"ForwardBackendURL", o.ForwardBackendURL, "http://127.0.0.1:4"},
		{"Insecure", o.Insecure, true},
		{"ExperimentalUpgrade", o.ExperimentalUpgrade, true},
		{"ExperimentalUpgradeAudit", o.ExperimentalUpgradeAudit, true},
		{"UpgradeDialTimeout", o.UpgradeDialTimeout, -time.Second},
		{"EnableH2cServer", o.EnableH2cServer, true},
		{"AccessLogOutput", o.AccessLogOutput, "access.log"},
		{"AccessLogDisabled", o.AccessLogDisabled, true},
		{"AccessLogJSONEnabled", o.AccessLogJSONEnabled, true},
		{"AccessLogStripQuery", o.AccessLogStripQuery, true},
		{"ApplicationLogOutput", o.ApplicationLogOutput, "app.log"},
		{"ApplicationLogLevel", o.ApplicationLogLevel, logrus.WarnLevel},
		{"ApplicationLogPrefix", o.ApplicationLogPrefix, ""},
		{"ApplicationLogJSONEnabled", o.ApplicationLogJSONEnabled, true},
		{"EnableProfile", o.EnableProfile, true},
		{"DevMode", o.DevMode, true},
		{"SuppressRouteUpdateLogs", o.SuppressRouteUpdateLogs, true},
		{"CertPathTLS", o.CertPathTLS, "a.crt,b.crt"},
		{"KeyPathTLS", o.KeyPathTLS, "a.key,b.key"},
		{"ReadTimeoutServer", o.ReadTimeoutServer, time.Second},
		{"ReadHeaderTimeoutServer", o.ReadHeaderTimeoutServer, 2 * time.Second},
		{"WriteTimeoutServer", o.WriteTimeoutServer, 3 * time.Second},
		{"IdleTimeoutServer", o.IdleTimeoutServer, 4 * time.Second},
		{"MaxHeaderBytes", o.MaxHeaderBytes, 4096},
		{"TimeoutBackend", o.TimeoutBackend, 5 * time.Second},
		{"KeepAliveBackend", o.KeepAliveBackend, 6 * time.Second},
		{"ResponseHeaderTimeoutBackend", o.ResponseHeaderTimeoutBackend, 7 * time.Second},
		{"TLSHandshakeTimeoutBackend", o.TLSHandshakeTimeoutBackend, 8 * time.Second},
		{"ExpectContinueTimeoutBackend", o.ExpectContinueTimeoutBackend, 9 * time.Second},
		{"IdleConnectionsPerHost", o.IdleConnectionsPerHost, 10},
		{"CloseIdleConnsPeriod", o.CloseIdleConnsPeriod, 11 * time.Second},
		{"MaxIdleConnsBackend", o.MaxIdleConnsBackend, 12},
		{"DisableHTTPKeepalives", o.DisableHTTPKeepalives, true},
		{"BackendFlushInterval", o.BackendFlushInterval, 13 * time.Millisecond},
		{"WaitForHealthcheckInterval", o.WaitForHealthcheckInterval, 14 * time.Second},
		{"DisabledFilters", o.DisabledFilters, []string{"tee", "static"}},
		{"EditRoute", len(o.EditRoute), 1},
		{"CloneRoute", len(o.CloneRoute), 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
			}
		})
	}

	t.Run("DefaultFilters", func(t *testing.T) {
		if o.DefaultFilters == nil {
			t.Fatal("got nil, want default filters")
		}
		routes := o.DefaultFilters.Do(eskip.MustParse(`r: * -> setPath("/") -> <shunt>`))
		got := eskip.String(routes...)
		want := `r: * -> setRequestHeader("X-A", "1") -> setPath("/") -> status(200) -> comment("x") -> <shunt>;`
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("EditRoute and CloneRoute", func(t *testing.T) {
		routes := eskip.MustParse(`r: Source("10.0.0.0/8") && Host("h") -> <shunt>`)
		for _, e := range o.EditRoute {
			routes = e.Do(routes)
		}
		for _, cl := range o.CloneRoute {
			routes = cl.Do(routes)
		}
		got := eskip.String(routes...)
		want := "r: Host(\"h\") && ClientIP(\"10.0.0.0/8\") -> <shunt>;\n" +
			"clone_r: ClientIP(\"10.0.0.0/8\") && Host(\"x\") -> <shunt>;"
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestToOptionsDefaultFiltersFromYAML(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
		want string
	}{
		{
			name: "string",
			doc:  "default-filters-prepend: 'status(201) -> comment(\"a\")'\n",
			want: `r: * -> status(201) -> comment("a") -> <shunt>;`,
		},
		{
			name: "list",
			doc:  "default-filters-prepend:\n  - status(201)\n  - 'comment(\"a\") -> comment(\"b\")'\ndefault-filters-append: [comment(\"z\")]\n",
			want: `r: * -> status(201) -> comment("a") -> comment("b") -> comment("z") -> <shunt>;`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			if err := c.Parse([]string{"-config-file", writeFile(t, tt.doc)}); err != nil {
				t.Fatal(err)
			}
			o := c.ToOptions()
			if o.DefaultFilters == nil {
				t.Fatal("got nil DefaultFilters")
			}
			got := eskip.String(o.DefaultFilters.Do(eskip.MustParse(`r: * -> <shunt>`))...)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
