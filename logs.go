package skipper

import (
	"fmt"
	"io"
	"os"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
)

// applicationLogger returns the logger of the application log and the file
// it writes to (a no-op closer for stderr).
func (o *Options) applicationLogger() (*logrus.Logger, io.Closer, error) {
	out, closer, err := openLog(o.ApplicationLogOutput, "application log")
	if err != nil {
		return nil, nil, err
	}
	l := logging.New(out, o.ApplicationLogLevel)
	switch {
	case o.ApplicationLogJSONEnabled:
		l.SetFormatter(&logrus.JSONFormatter{})
	case o.ApplicationLogPrefix != "":
		l.SetFormatter(&prefixFormatter{prefix: o.ApplicationLogPrefix, next: &logrus.TextFormatter{}})
	}
	return l, closer, nil
}

// openLog opens path for appending, or returns stderr when path is empty.
func openLog(path, what string) (io.Writer, io.Closer, error) {
	if path == "" {
		return os.Stderr, nopCloser{}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the %s: %w", what, err)
	}
	return f, f, nil
}

// nopCloser is the closer of stderr, which stays open.
type nopCloser struct{}

// Close does nothing.
func (nopCloser) Close() error { return nil }

// prefixFormatter puts a prefix before every line of another formatter.
type prefixFormatter struct {
	prefix string
	next   logrus.Formatter
}

// Format formats e with the next formatter and prepends the prefix.
func (f *prefixFormatter) Format(e *logrus.Entry) ([]byte, error) {
	b, err := f.next.Format(e)
	if err != nil {
		return nil, err
	}
	return append([]byte(f.prefix+" "), b...), nil
}

// accessLog passes the proxy's access entries to a logging.AccessLog.
type accessLog struct {
	log  *logging.AccessLog
	file io.Closer
}

// LogAccess writes the line of one request, with the user and the extra
// JSON fields that filters left in the state bag.
func (a *accessLog) LogAccess(e *proxy.AccessEntry) {
	entry := logging.AccessEntry{
		Request:      e.Request,
		StatusCode:   e.StatusCode,
		ResponseSize: e.ResponseSize,
		RequestTime:  e.Start,
		Duration:     e.Duration,
	}
	if e.StateBag != nil {
		entry.AuthUser, _ = e.StateBag[filters.AuthUserKey].(string)
		entry.AdditionalData, _ = e.StateBag[filters.AccessLogAdditionalDataKey].(map[string]interface{})
	}
	a.log.Log(&entry)
}

func (a *accessLog) close() error { return a.file.Close() }

// accessLogger returns the access log, or nil when it is disabled.
func (o *Options) accessLogger() (*accessLog, error) {
	if o.AccessLogDisabled {
		return nil, nil
	}
	out, closer, err := openLog(o.AccessLogOutput, "access log")
	if err != nil {
		return nil, err
	}
	return &accessLog{
		log:  logging.NewAccessLog(out, o.AccessLogJSONEnabled, o.AccessLogStripQuery),
		file: closer,
	}, nil
}
