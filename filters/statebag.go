package filters

// Well-known state bag keys: the contract between the filters that set
// them and the proxy that reads them.
const (
	// DynamicBackendURLKey holds a string URL whose scheme and host are the
	// target of a <dynamic> route; it wins over the host and scheme keys.
	DynamicBackendURLKey = "backend:dynamic:url"
	// DynamicBackendHostKey holds a string host (host or host:port) that
	// replaces the incoming request's host as the target of a <dynamic>
	// route.
	DynamicBackendHostKey = "backend:dynamic:host"
	// DynamicBackendSchemeKey holds a string scheme ("http", "https") that
	// replaces the incoming request's scheme as the target of a <dynamic>
	// route.
	DynamicBackendSchemeKey = "backend:dynamic:scheme"
)
