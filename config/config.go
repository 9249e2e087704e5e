package config

import (
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/eskip"
)

// Config holds the values of the skipper binary's options. Create it with
// New, which sets the defaults and binds the option table to the fields;
// a Config must not be copied after New.
type Config struct {
	// ConfigFile is the YAML file read by Parse (-config-file).
	ConfigFile string
	// Version asks the binary to print its version and exit (-version).
	Version bool

	// Listeners and route sources.
	Address            string
	InsecureAddress    string
	SupportListener    string
	RoutesFile         []string
	InlineRoutes       string
	SourcePollTimeout  int // milliseconds
	WaitFirstRouteLoad bool

	// Routing and proxy behaviour.
	DefaultHTTPStatus   int
	MaxLoopbacks        int
	ProxyPreserveHost   bool
	IgnoreTrailingSlash bool
	RemoveHopHeaders    bool
	ForwardedHeaders    []string
	ForwardBackendURL   string
	Insecure            bool
	ExperimentalUpgrade bool
	EnableH2cServer     bool

	ExperimentalUpgradeAudit bool
	UpgradeDialTimeout       time.Duration

	// Logging and profiling.
	AccessLog                 string
	AccessLogDisabled         bool
	AccessLogJSONEnabled      bool
	AccessLogStripQuery       bool
	ApplicationLog            string
	ApplicationLogLevel       logrus.Level
	ApplicationLogPrefix      string
	ApplicationLogJSONEnabled bool
	EnableProfile             bool
	DevMode                   bool
	SuppressRouteUpdateLogs   bool

	// TLS and server timeouts.
	CertPathTLS             string
	KeyPathTLS              string
	ReadTimeoutServer       time.Duration
	ReadHeaderTimeoutServer time.Duration
	WriteTimeoutServer      time.Duration
	IdleTimeoutServer       time.Duration
	MaxHeaderBytes          int

	// Backend connections.
	TimeoutBackend               time.Duration
	KeepaliveBackend             time.Duration
	ResponseHeaderTimeoutBackend time.Duration
	TLSHandshakeTimeoutBackend   time.Duration
	ExpectContinueTimeoutBackend time.Duration
	IdleConnsPerHost             int
	CloseIdleConnsPeriod         time.Duration
	MaxIdleConnsBackend          int
	DisableHTTPKeepalives        bool
	BackendFlushInterval         time.Duration
	WaitForHealthcheckInterval   time.Duration

	// Route pre-processing.
	DefaultFiltersPrepend []*eskip.Filter
	DefaultFiltersAppend  []*eskip.Filter
	DisabledFilters       []string
	EditRoute             []RouteRewrite
	CloneRoute            []RouteRewrite

	// options is the option table bound to the fields above.
	options []*option
}

// option is one entry of the option table: a flag, its YAML key and the
// field it fills.
type option struct {
	// name is the flag name without the dash, and the YAML key.
	name string
	// def is the default in command line syntax; "" leaves the zero value.
	def string
	// help is the usage text.
	help string
	// v parses into the field of Config.
	v value
	// noYAML marks options that cannot be set in the config file.
	noYAML bool
}

// New returns a Config holding the defaults of the skipper binary.
func New() *Config {
	c := &Config{}
	c.options = c.table()
	for _, o := range c.options {
		if o.def == "" {
			continue
		}
		if err := o.v.set(o.def); err != nil {
			// The defaults are constants of this package.
			panic("config: bad default for -" + o.name + ": " + err.Error())
		}
	}
	return c
}

// lookup returns the option with the given name, or nil.
func (c *Config) lookup(name string) *option {
	for _, o := range c.options {
		if o.name == name {
			return o
		}
	}
	return nil
}
