package predicates

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cronSchedule is a parsed cron expression: for each of its five fields
// the set of values it allows, as a bit set (bit n set: value n allowed).
type cronSchedule struct {
	minute, hour, dayOfMonth, month, dayOfWeek uint64
}

// cronField describes one field of a cron expression.
type cronField struct {
	name     string
	min, max int
}

// parseCron parses a cron expression of five fields separated by spaces:
// minute (0-59), hour (0-23), day of month (1-31), month (1-12) and day of
// week (0-6, Sunday is 0). Each field is "*" or a comma-separated list of
// numbers "n" and ranges "a-b". Steps ("*/5") and names ("MON", "JAN") are
// not supported.
func parseCron(expr string) (cronSchedule, error) {
	fields := [5]cronField{
		{"minute", 0, 59}, {"hour", 0, 23}, {"day-of-month", 1, 31},
		{"month", 1, 12}, {"day-of-week", 0, 6},
	}
	parts := strings.Fields(expr)
	if len(parts) != len(fields) {
		return cronSchedule{}, fmt.Errorf("cron: expected 5 fields (minute hour day-of-month month day-of-week), got %d in %q", len(parts), expr)
	}
	var sets [5]uint64
	for i, f := range fields {
		set, err := parseCronField(parts[i], f)
		if err != nil {
			return cronSchedule{}, fmt.Errorf("cron: field %s: %w", f.name, err)
		}
		sets[i] = set
	}
	return cronSchedule{sets[0], sets[1], sets[2], sets[3], sets[4]}, nil
}

// parseCronField parses one field into a bit set.
func parseCronField(s string, f cronField) (uint64, error) {
	if strings.Contains(s, "/") {
		return 0, fmt.Errorf("steps are not supported, got %q", s)
	}
	var set uint64
	for elem := range strings.SplitSeq(s, ",") {
		if elem == "" {
			return 0, fmt.Errorf("empty list element in %q", s)
		}
		if elem == "*" {
			set |= bitRange(f.min, f.max)
			continue
		}
		first, last, isRange := strings.Cut(elem, "-")
		lo, err := parseCronValue(first, f)
		if err != nil {
			return 0, err
		}
		hi := lo
		if isRange {
			if hi, err = parseCronValue(last, f); err != nil {
				return 0, err
			}
			if lo > hi {
				return 0, fmt.Errorf("invalid range %s: start is after end", elem)
			}
		}
		set |= bitRange(lo, hi)
	}
	return set, nil
}

var errCronNotANumber = errors.New("expected a number (names are not supported)")

// parseCronValue parses one decimal number of a field and checks its
// range.
func parseCronValue(s string, f cronField) (int, error) {
	if s == "" || len(s) > 4 {
		return 0, fmt.Errorf("invalid value %q: %w", s, errCronNotANumber)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("invalid value %q: %w", s, errCronNotANumber)
		}
	}
	n, _ := strconv.Atoi(s) // at most 4 digits: cannot fail
	if n < f.min || n > f.max {
		return 0, fmt.Errorf("value %d out of range [%d,%d]", n, f.min, f.max)
	}
	return n, nil
}

// bitRange returns a set with the bits lo to hi (inclusive) set; both are
// in [0, 63].
func bitRange(lo, hi int) uint64 {
	return (^uint64(0) >> (63 - hi)) &^ (1<<lo - 1)
}

// matches tells whether t, in its own location, is within the schedule.
// All five fields must match, including both day fields (classic cron
// would OR day of month and day of week when both are restricted).
func (c cronSchedule) matches(t time.Time) bool {
	return c.minute&(1<<t.Minute()) != 0 &&
		c.hour&(1<<t.Hour()) != 0 &&
		c.dayOfMonth&(1<<t.Day()) != 0 &&
		c.month&(1<<int(t.Month())) != 0 &&
		c.dayOfWeek&(1<<int(t.Weekday())) != 0
}
