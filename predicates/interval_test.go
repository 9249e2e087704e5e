package predicates

import (
	"testing"
	"time"
)

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func TestIntervalCreateErrors(t *testing.T) {
	t.Run("After", func(t *testing.T) {
		checkCreateErrors(t, NewAfter(), []errorCase{
			{"no arguments", nil, "After: expected 1 or 2 arguments, got 0: invalid predicate parameters"},
			{"three arguments", []interface{}{"a", "b", "c"}, "After: expected 1 or 2 arguments, got 3: invalid predicate parameters"},
			{"not RFC 3339", []interface{}{"2025-01-01 10:00"},
				`After: argument 1: expected an RFC 3339 date and time such as 2025-01-31T17:00:00+01:00, got "2025-01-01 10:00": invalid predicate parameters`},
			{"RFC 3339 without zone", []interface{}{"2025-01-01T10:00:00"},
				`After: argument 1: expected an RFC 3339 date and time such as 2025-01-31T17:00:00+01:00, got "2025-01-01T10:00:00": invalid predicate parameters`},
			{"neither string nor number", []interface{}{true},
				"After: argument 1: expected an RFC 3339 date and time or a number of Unix seconds, got a value of type bool: invalid predicate parameters"},
			{"huge number", []interface{}{1e30},
				"After: argument 1: expected a number in the int64 range, got 1000000000000000000000000000000: invalid predicate parameters"},
			{"unknown zone", []interface{}{"2025-01-01T10:00:00", "Mars/Olympus"},
				"After: argument 2: unknown time zone Mars/Olympus: invalid predicate parameters"},
			{"empty zone", []interface{}{"2025-01-01T10:00:00", ""},
				`After: argument 2: expected a non-empty string, got "": invalid predicate parameters`},
			{"local time with offset", []interface{}{"2025-01-01T10:00:00+01:00", "Europe/Berlin"},
				`After: argument 1: expected a local date and time such as 2025-01-31T17:00:00 (followed by a zone), got "2025-01-01T10:00:00+01:00": invalid predicate parameters`},
			{"number with zone", []interface{}{1.0, "Europe/Berlin"},
				"After: argument 1: expected a local date and time such as 2025-01-31T17:00:00 (followed by a zone), got 1: invalid predicate parameters"},
		})
	})
	t.Run("Before", func(t *testing.T) {
		checkCreateErrors(t, NewBefore(), []errorCase{
			{"no arguments", nil, "Before: expected 1 or 2 arguments, got 0: invalid predicate parameters"},
			{"bad date", []interface{}{"tomorrow"},
				`Before: argument 1: expected an RFC 3339 date and time such as 2025-01-31T17:00:00+01:00, got "tomorrow": invalid predicate parameters`},
		})
	})
	t.Run("Between", func(t *testing.T) {
		checkCreateErrors(t, NewBetween(), []errorCase{
			{"one argument", []interface{}{"2025-01-01T10:00:00Z"}, "Between: expected 2 or 3 arguments, got 1: invalid predicate parameters"},
			{"four arguments", []interface{}{"a", "b", "c", "d"}, "Between: expected 2 or 3 arguments, got 4: invalid predicate parameters"},
			{"string then number", []interface{}{"2025-01-01T10:00:00Z", 1.0},
				"Between: argument 2: expected an RFC 3339 date and time like argument 1, got 1: invalid predicate parameters"},
			{"number then string", []interface{}{1.0, "2025-01-01T10:00:00Z"},
				`Between: argument 2: expected Unix seconds like argument 1, got "2025-01-01T10:00:00Z": invalid predicate parameters`},
			{"end before begin", []interface{}{"2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"},
				"Between: argument 2: expected an end after the begin 2025-01-02T00:00:00Z, got 2025-01-01T00:00:00Z: invalid predicate parameters"},
			{"empty interval", []interface{}{100.0, 100.0},
				"Between: argument 2: expected an end after the begin " + time.Unix(100, 0).Format(time.RFC3339) + ", got " + time.Unix(100, 0).Format(time.RFC3339) + ": invalid predicate parameters"},
			{"bad local end", []interface{}{"2025-01-01T00:00:00", "2025-01-01", "UTC"},
				`Between: argument 2: expected a local date and time such as 2025-01-31T17:00:00 (followed by a zone), got "2025-01-01": invalid predicate parameters`},
		})
	})
}

func TestIntervalMatch(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("time zone data not available: %v", err)
	}
	noon := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		kind intervalKind
		args []interface{}
		now  time.Time
		want bool
	}{
		{"After RFC 3339, later", intervalAfter, []interface{}{"2025-06-01T12:00:00Z"}, noon.Add(time.Second), true},
		{"After RFC 3339, at the instant", intervalAfter, []interface{}{"2025-06-01T12:00:00Z"}, noon, true},
		{"After RFC 3339, earlier", intervalAfter, []interface{}{"2025-06-01T12:00:00Z"}, noon.Add(-time.Nanosecond), false},
		{"After RFC 3339 with offset", intervalAfter, []interface{}{"2025-06-01T14:00:00+02:00"}, noon, true},
		{"After Unix seconds", intervalAfter, []interface{}{float64(noon.Unix())}, noon, true},
		{"After Unix seconds truncated", intervalAfter, []interface{}{float64(noon.Unix()) + 0.9}, noon, true},
		{"After Unix seconds, earlier", intervalAfter, []interface{}{float64(noon.Unix())}, noon.Add(-time.Second), false},
		{"After local time in zone", intervalAfter, []interface{}{"2025-06-01T14:00:00", "Europe/Berlin"}, noon, true},
		{"After local time in zone, earlier", intervalAfter, []interface{}{"2025-06-01T14:00:01", "Europe/Berlin"}, noon, false},
		{"Before, earlier", intervalBefore, []interface{}{"2025-06-01T12:00:00Z"}, noon.Add(-time.Nanosecond), true},
		{"Before, at the instant", intervalBefore, []interface{}{"2025-06-01T12:00:00Z"}, noon, false},
		{"Before Unix seconds", intervalBefore, []interface{}{float64(noon.Unix() + 1)}, noon, true},
		{"Before local time", intervalBefore, []interface{}{"2025-06-01T14:00:00", "Europe/Berlin"}, noon.In(berlin), false},
		{"Between, at begin", intervalBetween, []interface{}{"2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"}, noon, true},
		{"Between, inside", intervalBetween, []interface{}{"2025-06-01T11:00:00Z", "2025-06-01T13:00:00Z"}, noon, true},
		{"Between, at end", intervalBetween, []interface{}{"2025-06-01T11:00:00Z", "2025-06-01T12:00:00Z"}, noon, false},
		{"Between, before", intervalBetween, []interface{}{"2025-06-01T12:00:01Z", "2025-06-01T13:00:00Z"}, noon, false},
		{"Between Unix seconds", intervalBetween, []interface{}{float64(noon.Unix() - 10), float64(noon.Unix() + 10)}, noon, true},
		{"Between local times", intervalBetween, []interface{}{"2025-06-01T13:59:59", "2025-06-01T14:00:01", "Europe/Berlin"}, noon, true},
		{"Between local times, outside", intervalBetween, []interface{}{"2025-06-01T12:00:00", "2025-06-01T13:00:00", "Europe/Berlin"}, noon, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &intervalSpec{kind: tt.kind, now: fixedClock(tt.now)}
			p := mustCreate(t, spec, tt.args...)
			if got := p.Match(request("/")); got != tt.want {
				t.Errorf("%s%v at %v got %v, want %v", spec.Name(), tt.args, tt.now, got, tt.want)
			}
		})
	}
}

func TestIntervalNames(t *testing.T) {
	for want, got := range map[string]string{
		"After": NewAfter().Name(), "Before": NewBefore().Name(), "Between": NewBetween().Name(),
	} {
		if got != want {
			t.Errorf("Name() got %q, want %q", got, want)
		}
	}
}

func TestIntervalDefaultClock(t *testing.T) {
	past := mustCreate(t, NewAfter(), "2000-01-01T00:00:00Z")
	future := mustCreate(t, NewBefore(), "2000-01-01T00:00:00Z")
	if !past.Match(request("/")) || future.Match(request("/")) {
		t.Errorf("with the real clock After(2000) got %v, Before(2000) got %v, want true, false",
			past.Match(request("/")), future.Match(request("/")))
	}
}
