package logging

import (
	"io"
	"testing"

	"github.com/sirupsen/logrus"
)

// otherLogger is a Logger that cannot tell its level.
type otherLogger struct{ discard }

func TestInfoEnabled(t *testing.T) {
	tests := []struct {
		name string
		l    Logger
		want bool
	}{
		{"logrus at info", New(io.Discard, logrus.InfoLevel), true},
		{"logrus at debug", New(io.Discard, logrus.DebugLevel), true},
		{"logrus at warn", New(io.Discard, logrus.WarnLevel), false},
		{"logrus entry at error", logrus.NewEntry(New(io.Discard, logrus.ErrorLevel)), false},
		{"discard", Discard(), false},
		{"unknown logger", otherLogger{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InfoEnabled(tt.l); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
