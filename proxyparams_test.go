package skipper

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

func TestOptionMappings(t *testing.T) {
	for _, tt := range []struct {
		name     string
		o        Options
		poll     time.Duration
		matching routing.MatchingOptions
		flags    proxy.Flags
	}{
		{name: "zero", poll: 30 * time.Millisecond, matching: routing.MatchingOptionsNone, flags: proxy.FlagsNone},
		{name: "negative poll", o: Options{SourcePollTimeout: -time.Second}, poll: 30 * time.Millisecond},
		{name: "set", o: Options{SourcePollTimeout: 3 * time.Second, IgnoreTrailingSlash: true, Insecure: true, PreserveHost: true, RemoveHopHeaders: true},
			poll: 3 * time.Second, matching: routing.IgnoreTrailingSlash, flags: proxy.Insecure | proxy.PreserveHost | proxy.HopHeadersRemoval},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.o.pollTimeout(); got != tt.poll {
				t.Errorf("pollTimeout got %v, want %v", got, tt.poll)
			}
			if got := tt.o.matchingOptions(); got != tt.matching {
				t.Errorf("matchingOptions got %v, want %v", got, tt.matching)
			}
			if got := tt.o.proxyFlags(); got != tt.flags {
				t.Errorf("proxyFlags got %v, want %v", got, tt.flags)
			}
		})
	}
}

func TestProxyParams(t *testing.T) {
	o := Options{
		DefaultHTTPStatus:            418,
		MaxLoopbacks:                 3,
		IdleConnectionsPerHost:       5,
		MaxIdleConnsBackend:          7,
		CloseIdleConnsPeriod:         time.Second,
		TimeoutBackend:               2 * time.Second,
		KeepAliveBackend:             3 * time.Second,
		ResponseHeaderTimeoutBackend: 4 * time.Second,
		TLSHandshakeTimeoutBackend:   5 * time.Second,
		ExpectContinueTimeoutBackend: 6 * time.Second,
		DisableHTTPKeepalives:        true,
		BackendFlushInterval:         time.Millisecond,
		ExperimentalUpgrade:          true,
		ExperimentalUpgradeAudit:     true,
		UpgradeDialTimeout:           -time.Second,
	}
	p := o.proxyParams(nil, nil, nil)
	want := proxy.Params{
		DefaultHTTPStatus:      418,
		MaxLoops:               3,
		IdleConnectionsPerHost: 5,
		MaxIdleConns:           7,
		CloseIdleConnsPeriod:   time.Second,
		Timeout:                2 * time.Second,
		KeepAlive:              3 * time.Second,
		ResponseHeaderTimeout:  4 * time.Second,
		TLSHandshakeTimeout:    5 * time.Second,
		ExpectContinueTimeout:  6 * time.Second,
		DisableHTTPKeepalives:  true,
		FlushInterval:          time.Millisecond,
		ExperimentalUpgrade:    true,
		UpgradeAuditLog:        os.Stdout,
		UpgradeDialTimeout:     -time.Second,
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("proxyParams got %+v, want %+v", p, want)
	}
	if p.AccessLog != nil {
		t.Errorf("AccessLog got %v, want nil without an access log", p.AccessLog)
	}
}
