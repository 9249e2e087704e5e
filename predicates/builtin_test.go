package predicates

import (
	"testing"

	"github.com/openskipper/skipper/routing"
)

func TestBuiltin(t *testing.T) {
	want := []string{
		"HostAny", "Methods", "Cookie", "QueryParam", "True", "False", "Traffic", "TrafficSegment",
		"Source", "SourceFromLast", "ClientIP", "After", "Before", "Between", "Cron",
		"ContentLengthBetween", "Shutdown", "ForwardedHost", "ForwardedProtocol", "Tee",
		"JWTPayloadAnyKV", "JWTPayloadAllKV", "JWTPayloadAnyKVRegexp", "JWTPayloadAllKVRegexp", "HeaderSHA256",
	}
	specs := Builtin()
	if len(specs) != len(want) {
		t.Fatalf("Builtin() returned %d specs, want %d", len(specs), len(want))
	}
	seen := map[string]bool{}
	for i, s := range specs {
		if s.Name() != want[i] {
			t.Errorf("spec %d name got %q, want %q", i, s.Name(), want[i])
		}
		if seen[s.Name()] {
			t.Errorf("name %q returned twice", s.Name())
		}
		seen[s.Name()] = true
		_, weighted := s.(routing.WeightedPredicateSpec)
		if weighted != (s.Name() == "TrafficSegment") {
			t.Errorf("%s implements WeightedPredicateSpec: got %v", s.Name(), weighted)
		}
	}
	for _, internal := range []string{"Path", "PathSubtree", "PathRegexp", "Host", "Method", "Header", "HeaderRegexp", "Weight"} {
		if seen[internal] {
			t.Errorf("Builtin() has a spec for %s, which the routing handles itself", internal)
		}
	}
}

func TestBuiltinFreshValues(t *testing.T) {
	a, b := Builtin(), Builtin()
	shutdownOf := func(specs []routing.PredicateSpec) *ShutdownSpec {
		for _, s := range specs {
			if sd, ok := s.(*ShutdownSpec); ok {
				return sd
			}
		}
		t.Fatalf("Builtin() has no *ShutdownSpec")
		return nil
	}
	sa, sb := shutdownOf(a), shutdownOf(b)
	if sa == sb {
		t.Fatalf("two Builtin() calls share their Shutdown spec")
	}
	if !sa.watch {
		t.Errorf("Builtin Shutdown spec does not watch SIGTERM")
	}
	p := mustCreate(t, sb)
	t.Cleanup(func() { sb.Close() })
	sa.Trigger()
	if p.Match(request("/")) {
		t.Errorf("triggering one Builtin set's Shutdown switched another's")
	}
}
