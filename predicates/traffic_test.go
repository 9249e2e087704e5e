package predicates

import (
	"math"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
)

func fixedRandom(x float64) func() float64 { return func() float64 { return x } }

func TestTrafficCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewTraffic(), []errorCase{
		{"no arguments", nil, "Traffic: expected 1 or 3 arguments, got 0: invalid predicate parameters"},
		{"two arguments", []interface{}{0.5, "c"}, "Traffic: expected 1 or 3 arguments, got 2: invalid predicate parameters"},
		{"four arguments", []interface{}{0.5, "c", "g", "x"}, "Traffic: expected 1 or 3 arguments, got 4: invalid predicate parameters"},
		{"chance above 1", []interface{}{1.5}, "Traffic: argument 1: expected a number between 0 and 1, got 1.5: invalid predicate parameters"},
		{"negative chance", []interface{}{-0.1}, "Traffic: argument 1: expected a number between 0 and 1, got -0.1: invalid predicate parameters"},
		{"string chance", []interface{}{"0.5"}, `Traffic: argument 1: expected a number between 0 and 1, got "0.5": invalid predicate parameters`},
		{"NaN chance", []interface{}{math.NaN()}, "Traffic: argument 1: expected a number between 0 and 1, got NaN: invalid predicate parameters"},
		{"number cookie", []interface{}{0.5, 1.0, "g"}, "Traffic: argument 2: expected a string, got 1: invalid predicate parameters"},
		{"number group", []interface{}{0.5, "c", 1.0}, "Traffic: argument 3: expected a string, got 1: invalid predicate parameters"},
	})
}

func TestTrafficMatch(t *testing.T) {
	tests := []struct {
		name   string
		args   []interface{}
		random float64
		cookie string
		want   bool
	}{
		{"below chance", []interface{}{0.3}, 0.29, "", true},
		{"at chance", []interface{}{0.3}, 0.3, "", false},
		{"above chance", []interface{}{0.3}, 0.7, "", false},
		{"chance 0 never", []interface{}{0.0}, 0, "", false},
		{"chance 1 always", []interface{}{1.0}, 0.9999, "", true},
		{"sticky, own group, unlucky draw", []interface{}{0.1, "grp", "test"}, 0.9, "grp=test", true},
		{"sticky, other group, lucky draw", []interface{}{0.9, "grp", "test"}, 0.1, "grp=default", false},
		{"sticky, no cookie, lucky draw", []interface{}{0.5, "grp", "test"}, 0.2, "", true},
		{"sticky, no cookie, unlucky draw", []interface{}{0.5, "grp", "test"}, 0.8, "", false},
		{"sticky, other cookie only", []interface{}{0.5, "grp", "test"}, 0.8, "other=test", false},
		{"empty group is not sticky", []interface{}{0.5, "grp", ""}, 0.2, "grp=x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &trafficSpec{random: fixedRandom(tt.random)}
			p := mustCreate(t, spec, tt.args...)
			r := request("/")
			if tt.cookie != "" {
				r.Header.Set("Cookie", tt.cookie)
			}
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(random %v, cookie %q) got %v, want %v", tt.random, tt.cookie, got, tt.want)
			}
		})
	}
}

func TestTrafficDistribution(t *testing.T) {
	const n = 20000
	for _, chance := range []float64{0.1, 0.5, 0.9} {
		p := mustCreate(t, NewTraffic(), chance)
		r := request("/")
		hits := 0
		for range n {
			if p.Match(r) {
				hits++
			}
		}
		// The standard deviation of the share is at most 0.0036 here.
		if got := float64(hits) / n; math.Abs(got-chance) > 0.02 {
			t.Errorf("Traffic(%v) matched %.3f of requests, want %v ± 0.02", chance, got, chance)
		}
	}
}

func TestTrafficConcurrent(t *testing.T) {
	p := mustCreate(t, NewTraffic(), 0.5)
	const workers, perWorker = 4, 2000
	var hits atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := http.NewRequest("GET", "/", nil)
			for range perWorker {
				if p.Match(r) {
					hits.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	// The standard deviation of the share is about 0.008 here.
	if got := float64(hits.Load()) / (workers * perWorker); math.Abs(got-0.5) > 0.05 {
		t.Errorf("Traffic(0.5) from %d goroutines matched %.3f of requests, want 0.5 ± 0.05", workers, got)
	}
}
