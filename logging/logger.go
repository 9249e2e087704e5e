// Package logging holds the logger interface that skipper's packages write
// application logs through, and its logrus-backed default.
package logging

import (
	"io"

	"github.com/sirupsen/logrus"
)

// Logger is what skipper's packages log through. *logrus.Logger and
// *logrus.Entry satisfy it.
type Logger interface {
	Debugf(format string, args ...interface{})
	Infof(format string, args ...interface{})
	Warnf(format string, args ...interface{})
	Errorf(format string, args ...interface{})
}

// New returns a new logrus logger writing text lines to w at the given level.
func New(w io.Writer, level logrus.Level) *logrus.Logger {
	l := logrus.New()
	l.SetOutput(w)
	l.SetLevel(level)
	return l
}

// InfoEnabled tells whether l writes info messages, so that a caller can
// skip the work of many messages that would be dropped. It is true for
// loggers that cannot tell.
func InfoEnabled(l Logger) bool {
	switch l := l.(type) {
	case discard:
		return false
	case *logrus.Entry:
		return l.Logger.IsLevelEnabled(logrus.InfoLevel)
	case interface{ IsLevelEnabled(logrus.Level) bool }:
		return l.IsLevelEnabled(logrus.InfoLevel)
	}
	return true
}

// Discard returns a logger that drops everything.
func Discard() Logger {
	return discard{}
}

type discard struct{}

func (discard) Debugf(string, ...interface{}) {}
func (discard) Infof(string, ...interface{})  {}
func (discard) Warnf(string, ...interface{})  {}
func (discard) Errorf(string, ...interface{}) {}
