package predicates

import (
	"testing"

	"github.com/openskipper/skipper/routing"
)

func TestTrueFalse(t *testing.T) {
	tests := []struct {
		name     string
		spec     routing.PredicateSpec
		args     []interface{}
		wantName string
		want     bool
	}{
		{"True", NewTrue(), nil, "True", true},
		{"True ignores arguments", NewTrue(), []interface{}{"x", 1.0}, "True", true},
		{"False", NewFalse(), nil, "False", false},
		{"False ignores arguments", NewFalse(), []interface{}{2.0}, "False", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.spec.Name(); got != tt.wantName {
				t.Errorf("Name() got %q, want %q", got, tt.wantName)
			}
			p := mustCreate(t, tt.spec, tt.args...)
			if got := p.Match(request("/")); got != tt.want {
				t.Errorf("Match() got %v, want %v", got, tt.want)
			}
		})
	}
}
