package filters_test

import (
	"errors"
	"regexp/syntax"
	"runtime"
	"testing"
	"time"

	"github.com/openskipper/skipper/filters"
)

func TestRegexpCacheShares(t *testing.T) {
	var c filters.RegexpCache
	a, err := c.Compile("^/api/(.*)$")
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Compile("^/api/(.*)$")
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same pattern compiled twice: got two regexps, want one shared")
	}
	other, err := c.Compile("^/v1/(.*)$")
	if err != nil {
		t.Fatal(err)
	}
	if other == a {
		t.Error("two patterns share one regexp")
	}
	if got := other.ReplaceAllString("/v1/x", "/$1"); got != "/x" {
		t.Errorf("cached regexp: got %q, want %q", got, "/x")
	}
	var se *syntax.Error
	if _, err := c.Compile("(unclosed"); !errors.As(err, &se) {
		t.Errorf("invalid pattern: got error %v, want a *syntax.Error", err)
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(other)
}

func TestRegexpCacheForgetsUnused(t *testing.T) {
	var c filters.RegexpCache
	for _, p := range []string{"a+", "b+", "c+"} {
		if _, err := c.Compile(p); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := c.Compile("kept")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for c.Len() > 1 {
		if time.Now().After(deadline) {
			t.Fatalf("%d entries after the regexps were dropped, want 1", c.Len())
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	again, err := c.Compile("kept")
	if err != nil {
		t.Fatal(err)
	}
	if again != kept {
		t.Error("a regexp still in use was dropped from the cache")
	}
}

func TestArgsRegexpWithCache(t *testing.T) {
	var c filters.RegexpCache
	first := filters.ParseArgs("f", []interface{}{"x(y)"}).WithRegexpCache(&c).Regexp(0, "pattern")
	second := filters.ParseArgs("f", []interface{}{"x(y)"}).WithRegexpCache(&c).Regexp(0, "pattern")
	if first == nil || first != second {
		t.Errorf("got %p and %p, want one shared regexp", first, second)
	}
	a := filters.ParseArgs("f", []interface{}{"x(("}).WithRegexpCache(&c)
	a.Regexp(0, "pattern")
	if err := a.Done(1); err == nil || !errors.Is(err, filters.ErrInvalidFilterParameters) {
		t.Errorf("invalid pattern through the cache: got %v, want an invalid filter parameters error", err)
	}
}
