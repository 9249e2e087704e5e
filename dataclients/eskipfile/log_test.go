package eskipfile

import (
	"fmt"
	"strings"
	"sync"
)

// recordLog is a logging.Logger that keeps the lines logged, with their
// level, for tests.
type recordLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordLog) add(level, format string, args []interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level+": "+fmt.Sprintf(format, args...))
}

func (l *recordLog) Debugf(format string, args ...interface{}) { l.add("debug", format, args) }
func (l *recordLog) Infof(format string, args ...interface{})  { l.add("info", format, args) }
func (l *recordLog) Warnf(format string, args ...interface{})  { l.add("warn", format, args) }
func (l *recordLog) Errorf(format string, args ...interface{}) { l.add("error", format, args) }

// take returns the lines logged since the last take, joined by newlines.
func (l *recordLog) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := strings.Join(l.lines, "\n")
	l.lines = nil
	return s
}
