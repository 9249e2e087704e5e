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

// Timeout keys: the filters that set them store a time.Duration; the
// proxy reads them for the request in flight.
const (
	// BackendTimeoutKey holds a time.Duration that limits the whole
	// backend call, from sending the request to the response headers.
	// The proxy answers 504 when it runs out.
	BackendTimeoutKey = "backend:timeout"
	// ReadTimeoutKey holds a time.Duration: the proxy sets the read
	// deadline of the client connection to now plus this duration before
	// it streams a request body to the backend.
	ReadTimeoutKey = "read:timeout"
	// WriteTimeoutKey holds a time.Duration: the proxy sets the write
	// deadline of the client connection to now plus this duration before
	// it writes the response.
	WriteTimeoutKey = "write:timeout"
)

// Access log keys: filters store values here that the access log line of
// the request shows.
const (
	// AuthUserKey holds the name of the authenticated user, a string; the
	// access log shows it in the user field of the line.
	AuthUserKey = "auth-user"
	// AccessLogAdditionalDataKey holds a map[string]interface{} of extra
	// fields that the JSON access log adds to the line of the request.
	AccessLogAdditionalDataKey = "statebag:access_log:additional"
)
