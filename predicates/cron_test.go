package predicates

import (
	"errors"
	"strconv"
	"testing"
	"time"
)

func TestParseCronErrors(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{"", `cron: expected 5 fields (minute hour day-of-month month day-of-week), got 0 in ""`},
		{"* * * *", `cron: expected 5 fields (minute hour day-of-month month day-of-week), got 4 in "* * * *"`},
		{"* * * * * *", `cron: expected 5 fields (minute hour day-of-month month day-of-week), got 6 in "* * * * * *"`},
		{"61 * * * *", "cron: field minute: value 61 out of range [0,59]"},
		{"* 24 * * *", "cron: field hour: value 24 out of range [0,23]"},
		{"* * 0 * *", "cron: field day-of-month: value 0 out of range [1,31]"},
		{"* * 32 * *", "cron: field day-of-month: value 32 out of range [1,31]"},
		{"* * * 13 *", "cron: field month: value 13 out of range [1,12]"},
		{"* * * 0 *", "cron: field month: value 0 out of range [1,12]"},
		{"* * * * 7", "cron: field day-of-week: value 7 out of range [0,6]"},
		{"*/5 * * * *", `cron: field minute: steps are not supported, got "*/5"`},
		{"* * * JAN *", `cron: field month: invalid value "JAN": expected a number (names are not supported)`},
		{"* * * * MON-FRI", `cron: field day-of-week: invalid value "MON": expected a number (names are not supported)`},
		{"5- * * * *", `cron: field minute: invalid value "": expected a number (names are not supported)`},
		{"-5 * * * *", `cron: field minute: invalid value "": expected a number (names are not supported)`},
		{"1-2-3 * * * *", `cron: field minute: invalid value "2-3": expected a number (names are not supported)`},
		{"30-10 * * * *", "cron: field minute: invalid range 30-10: start is after end"},
		{"1,,2 * * * *", `cron: field minute: empty list element in "1,,2"`},
		{"1, * * * *", `cron: field minute: empty list element in "1,"`},
		{"+5 * * * *", `cron: field minute: invalid value "+5": expected a number (names are not supported)`},
		{"99999 * * * *", `cron: field minute: invalid value "99999": expected a number (names are not supported)`},
		{"? * * * *", `cron: field minute: invalid value "?": expected a number (names are not supported)`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, err := parseCron(tt.expr)
			if err == nil {
				t.Fatalf("parseCron(%q) got no error, want %q", tt.expr, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("parseCron(%q) got %q, want %q", tt.expr, err.Error(), tt.want)
			}
		})
	}
}

func TestCronCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewCron(), []errorCase{
		{"no arguments", nil, "Cron: expected 1 argument, got 0: invalid predicate parameters"},
		{"two arguments", []interface{}{"* * * * *", "x"}, "Cron: expected 1 argument, got 2: invalid predicate parameters"},
		{"number", []interface{}{5.0}, "Cron: argument 1: expected a string, got 5: invalid predicate parameters"},
		{"out of range", []interface{}{"61 * * * *"}, "Cron: argument 1: cron: field minute: value 61 out of range [0,59]: invalid predicate parameters"},
	})
	_, err := NewCron().Create([]interface{}{"* * * JAN *"})
	if !errors.Is(err, errCronNotANumber) {
		t.Errorf("Cron(\"* * * JAN *\") got %v, want it to wrap errCronNotANumber", err)
	}
}

func TestCronMatch(t *testing.T) {
	// 2025-06-04 is a Wednesday (day of week 3).
	wed := func(hour, minute int) time.Time { return time.Date(2025, 6, 4, hour, minute, 30, 0, time.UTC) }
	tests := []struct {
		expr string
		now  time.Time
		want bool
	}{
		{"* * * * *", wed(0, 0), true},
		{"0 * * * *", wed(10, 0), true},
		{"0 * * * *", wed(10, 1), false},
		{"59 23 * * *", wed(23, 59), true},
		{"* 9-17 * * *", wed(9, 0), true},
		{"* 9-17 * * *", wed(17, 59), true},
		{"* 9-17 * * *", wed(18, 0), false},
		{"* 9-17 * * *", wed(8, 59), false},
		{"0,15,30,45 * * * *", wed(12, 45), true},
		{"0,15,30,45 * * * *", wed(12, 46), false},
		{"0-5,55-59 * * * *", wed(12, 57), true},
		{"* * 4 * *", wed(12, 0), true},
		{"* * 5 * *", wed(12, 0), false},
		{"* * * 6 *", wed(12, 0), true},
		{"* * * 1-5,7-12 *", wed(12, 0), false},
		{"* * * * 3", wed(12, 0), true},
		{"* * * * 1-5", wed(12, 0), true},
		{"* * * * 0,6", wed(12, 0), false},
		// Both day fields must match, unlike classic cron.
		{"* * 4 * 3", wed(12, 0), true},
		{"* * 4 * 1", wed(12, 0), false},
		{"* * 1 * 3", wed(12, 0), false},
		{"* * * * 0", time.Date(2025, 6, 8, 12, 0, 0, 0, time.UTC), true}, // Sunday
		{"* * 31 12 *", time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"*,5 * * * *", wed(1, 1), true},
		{"  0   12  *  *  *  ", wed(12, 0), true}, // extra spaces
	}
	for _, tt := range tests {
		t.Run(tt.expr+" at "+tt.now.Format(time.DateTime), func(t *testing.T) {
			spec := &cronSpec{now: fixedClock(tt.now), loc: time.UTC}
			p := mustCreate(t, spec, tt.expr)
			if got := p.Match(request("/")); got != tt.want {
				t.Errorf("Cron(%q) at %v got %v, want %v", tt.expr, tt.now, got, tt.want)
			}
		})
	}
}

func TestCronUsesLocation(t *testing.T) {
	// 10:30 UTC is 12:30 in a zone two hours ahead.
	now := time.Date(2025, 6, 4, 10, 30, 0, 0, time.UTC)
	ahead := time.FixedZone("UTC+2", 2*3600)
	tests := []struct {
		name string
		loc  *time.Location
		expr string
		want bool
	}{
		{"hour in UTC", time.UTC, "* 10 * * *", true},
		{"hour in zone ahead", ahead, "* 12 * * *", true},
		{"UTC hour not in zone ahead", ahead, "* 10 * * *", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, &cronSpec{now: fixedClock(now), loc: tt.loc}, tt.expr)
			if got := p.Match(request("/")); got != tt.want {
				t.Errorf("Cron(%q) in %v got %v, want %v", tt.expr, tt.loc, got, tt.want)
			}
		})
	}
	// Without a location the process's local zone applies.
	local := now.Local()
	p := mustCreate(t, &cronSpec{now: fixedClock(now)}, "* "+strconv.Itoa(local.Hour())+" * * *")
	if !p.Match(request("/")) {
		t.Errorf("Cron with local hour %d got false, want true", local.Hour())
	}
}

func TestBitRange(t *testing.T) {
	tests := []struct {
		lo, hi int
		want   uint64
	}{
		{0, 0, 1},
		{0, 63, ^uint64(0)},
		{1, 3, 0b1110},
		{59, 59, 1 << 59},
	}
	for _, tt := range tests {
		if got := bitRange(tt.lo, tt.hi); got != tt.want {
			t.Errorf("bitRange(%d, %d) got %b, want %b", tt.lo, tt.hi, got, tt.want)
		}
	}
}
