package predicates

import (
	"context"
	"math"
	"testing"

	"github.com/openskipper/skipper/routing"
)

func TestTrafficSegmentCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewTrafficSegment(), []errorCase{
		{"no arguments", nil, "TrafficSegment: invalid number of arguments, expects two arguments, got 0: invalid predicate parameters"},
		{"one argument", []interface{}{0.5}, "TrafficSegment: invalid number of arguments, expects two arguments, got 1: invalid predicate parameters"},
		{"min negative", []interface{}{-0.5, 1.0}, "TrafficSegment: argument 1: min is out of range: expected a number between 0 and 1, got -0.5: invalid predicate parameters"},
		{"min string", []interface{}{"0", 1.0}, `TrafficSegment: argument 1: min is out of range: expected a number between 0 and 1, got "0": invalid predicate parameters`},
		{"max above 1", []interface{}{0.0, 1.5}, "TrafficSegment: argument 2: max is out of range: expected a number between 0 and 1, got 1.5: invalid predicate parameters"},
		{"min above max", []interface{}{0.6, 0.5}, "TrafficSegment: invalid range: min 0.6 is greater than max 0.5: invalid predicate parameters"},
	})
}

func TestTrafficSegmentWeight(t *testing.T) {
	var spec routing.WeightedPredicateSpec = NewTrafficSegment()
	if got := spec.Weight(); got != -1 {
		t.Errorf("Weight() got %d, want -1", got)
	}
}

func TestTrafficSegmentMatch(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		random   float64
		want     bool
	}{
		{"min included", 0.25, 0.5, 0.25, true},
		{"inside", 0.25, 0.5, 0.4, true},
		{"max excluded", 0.25, 0.5, 0.5, false},
		{"below", 0.25, 0.5, 0.1, false},
		{"empty segment", 0.5, 0.5, 0.5, false},
		{"whole range", 0, 1, 0.9999, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &trafficSegmentSpec{random: fixedRandom(tt.random)}
			p := mustCreate(t, spec, tt.min, tt.max)
			r := request("/")
			r = r.WithContext(routing.NewContext(r.Context()))
			if got := p.Match(r); got != tt.want {
				t.Errorf("TrafficSegment(%v, %v) with r=%v got %v, want %v", tt.min, tt.max, tt.random, got, tt.want)
			}
		})
	}
}

// sequence returns a random source yielding values in turn.
func sequence(values ...float64) (func() float64, *int) {
	calls := 0
	return func() float64 {
		v := values[calls%len(values)]
		calls++
		return v
	}, &calls
}

func TestTrafficSegmentOneNumberPerRequest(t *testing.T) {
	random, calls := sequence(0.7, 0.2)
	spec := &trafficSegmentSpec{random: random}
	low := mustCreate(t, spec, 0.0, 0.5)
	high := mustCreate(t, spec, 0.5, 1.0)

	r := request("/")
	r = r.WithContext(routing.NewContext(context.Background()))
	// With one number per request, exactly one of two complementary
	// segments matches, however often they are evaluated.
	for range 3 {
		if low.Match(r) || !high.Match(r) {
			t.Errorf("with r=0.7 got low=%v high=%v, want low=false high=true", low.Match(r), high.Match(r))
		}
	}
	if *calls != 1 {
		t.Errorf("random numbers drawn for one request got %d, want 1", *calls)
	}

	// Without a memo every evaluation draws again.
	plain := request("/")
	if got := high.Match(plain); got {
		t.Errorf("second draw (0.2) on high segment got %v, want false", got)
	}
	if got := high.Match(plain); !got {
		t.Errorf("third draw (0.7) on high segment got %v, want true", got)
	}
}

func TestTrafficSegmentDistribution(t *testing.T) {
	spec := NewTrafficSegment()
	segments := []struct {
		min, max float64
	}{{0, 0.5}, {0.5, 0.8}, {0.8, 1}}
	preds := make([]routing.Predicate, len(segments))
	for i, s := range segments {
		preds[i] = mustCreate(t, spec, s.min, s.max)
	}

	const n = 20000
	hits := make([]int, len(segments))
	for range n {
		r := request("/")
		r = r.WithContext(routing.NewContext(r.Context()))
		matched := 0
		for i, p := range preds {
			if p.Match(r) {
				hits[i]++
				matched++
			}
		}
		if matched != 1 {
			t.Fatalf("a request matched %d segments, want exactly 1", matched)
		}
	}
	for i, s := range segments {
		want := s.max - s.min
		if got := float64(hits[i]) / n; math.Abs(got-want) > 0.02 {
			t.Errorf("segment [%v, %v) matched %.3f of requests, want %v ± 0.02", s.min, s.max, got, want)
		}
	}
}
