package predicates

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/openskipper/skipper/routing"
)

// errorCase is one Create call that must fail with the message want.
type errorCase struct {
	name string
	args []interface{}
	want string
}

// checkCreateErrors asserts that each call fails with an error that wraps
// ErrInvalidPredicateParameters and reads exactly as expected.
func checkCreateErrors(t *testing.T, spec routing.PredicateSpec, tests []errorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := spec.Create(tt.args)
			if err == nil {
				t.Fatalf("Create(%v) got predicate %v, want error %q", tt.args, p, tt.want)
			}
			if !errors.Is(err, ErrInvalidPredicateParameters) {
				t.Errorf("Create(%v) error %q does not wrap ErrInvalidPredicateParameters", tt.args, err)
			}
			if err.Error() != tt.want {
				t.Errorf("Create(%v) error got %q, want %q", tt.args, err.Error(), tt.want)
			}
		})
	}
}

// mustCreate creates a predicate or fails the test.
func mustCreate(t testing.TB, spec routing.PredicateSpec, args ...interface{}) routing.Predicate {
	t.Helper()
	p, err := spec.Create(args)
	if err != nil {
		t.Fatalf("%s.Create(%v) failed: %v", spec.Name(), args, err)
	}
	return p
}

// request returns a GET request for target with the given header lines,
// given as name, value pairs.
func request(target string, headers ...string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	return r
}
