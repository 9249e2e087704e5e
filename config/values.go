package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"gopkg.in/yaml.v3"

	"github.com/openskipper/skipper/eskip"
)

// value is the typed storage behind one option: it parses the command line
// and the YAML form of the option into a field of Config.
type value interface {
	// set parses one occurrence on the command line. A repeatable value
	// adds to what it holds; any other value replaces it.
	set(s string) error
	// setYAML parses the YAML value of the option's key and replaces what
	// the value holds.
	setYAML(n *yaml.Node) error
	// String formats the current value in command line syntax.
	String() string
	// typeName names the kind of value in the usage text.
	typeName() string
}

// resetter is implemented by repeatable values: reset empties them before
// the command line occurrences are applied again over the config file.
type resetter interface {
	reset()
}

// stringValue is a plain string.
type stringValue struct{ p *string }

func (v stringValue) set(s string) error { *v.p = s; return nil }
func (v stringValue) String() string     { return *v.p }
func (v stringValue) typeName() string   { return "string" }

func (v stringValue) setYAML(n *yaml.Node) error {
	s, err := yamlScalar(n, "a string")
	if err != nil {
		return err
	}
	*v.p = s
	return nil
}

// boolValue is true or false; on the command line the flag alone means true.
type boolValue struct{ p *bool }

func (v boolValue) set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("expected true or false, got %q", s)
	}
	*v.p = b
	return nil
}

func (v boolValue) String() string   { return strconv.FormatBool(*v.p) }
func (v boolValue) typeName() string { return "" }

func (v boolValue) setYAML(n *yaml.Node) error {
	s, err := yamlScalar(n, "true or false")
	if err != nil {
		return err
	}
	b, ok := parseYAMLBool(s)
	if !ok {
		return fmt.Errorf("expected true or false, got %s", describe(n))
	}
	*v.p = b
	return nil
}

// parseYAMLBool accepts what strconv.ParseBool accepts, and the YAML 1.1
// words yes, no, on and off in any case.
func parseYAMLBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "yes", "on":
		return true, true
	case "no", "off":
		return false, true
	}
	b, err := strconv.ParseBool(s)
	return b, err == nil
}

// intValue is a decimal integer.
type intValue struct{ p *int }

func (v intValue) set(s string) error {
	i, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("expected an integer, got %q", s)
	}
	*v.p = i
	return nil
}

func (v intValue) String() string   { return strconv.Itoa(*v.p) }
func (v intValue) typeName() string { return "int" }

func (v intValue) setYAML(n *yaml.Node) error {
	s, err := yamlScalar(n, "an integer")
	if err != nil {
		return err
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("expected an integer, got %s", describe(n))
	}
	*v.p = i
	return nil
}

// durationValue is a Go duration such as "2s" or "1m30s".
type durationValue struct{ p *time.Duration }

func (v durationValue) set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("expected a duration such as \"2s\", got %q", s)
	}
	*v.p = d
	return nil
}

func (v durationValue) String() string   { return v.p.String() }
func (v durationValue) typeName() string { return "duration" }

func (v durationValue) setYAML(n *yaml.Node) error {
	s, err := yamlScalar(n, "a duration such as \"2s\"")
	if err != nil {
		return err
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("expected a duration such as \"2s\", got %s", describe(n))
	}
	*v.p = d
	return nil
}

// listValue is a list of strings: comma-separated on the command line, a
// sequence (or a comma-separated string) in YAML. Spaces around the items
// and empty items are dropped. check, when set, validates each item.
type listValue struct {
	p     *[]string
	check func(string) error
}

func (v listValue) set(s string) error {
	return v.store(splitList(s))
}

func (v listValue) String() string   { return strings.Join(*v.p, ",") }
func (v listValue) typeName() string { return "list" }

func (v listValue) setYAML(n *yaml.Node) error {
	items, err := yamlStrings(n, "a list of strings")
	if err != nil {
		return err
	}
	var all []string
	for _, it := range items {
		all = append(all, splitList(it)...)
	}
	return v.store(all)
}

func (v listValue) store(items []string) error {
	if v.check != nil {
		for _, it := range items {
			if err := v.check(it); err != nil {
				return err
			}
		}
	}
	*v.p = items
	return nil
}

// levelValue is a log level: PANIC, FATAL, ERROR, WARN, INFO, DEBUG (or
// TRACE), in any case.
type levelValue struct{ p *logrus.Level }

const levelNames = "PANIC, FATAL, ERROR, WARN, INFO, DEBUG"

func (v levelValue) set(s string) error {
	l, err := logrus.ParseLevel(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("expected one of %s, got %q", levelNames, s)
	}
	*v.p = l
	return nil
}

func (v levelValue) String() string   { return strings.ToUpper(v.p.String()) }
func (v levelValue) typeName() string { return "level" }

func (v levelValue) setYAML(n *yaml.Node) error {
	s, err := yamlScalar(n, "one of "+levelNames)
	if err != nil {
		return err
	}
	l, err := logrus.ParseLevel(s)
	if err != nil {
		return fmt.Errorf("expected one of %s, got %s", levelNames, describe(n))
	}
	*v.p = l
	return nil
}

// filtersValue is a filter chain in eskip syntax, `a() -> b("x")`. In YAML
// it may also be a list of chains, which are joined in order.
type filtersValue struct{ p *[]*eskip.Filter }

func (v filtersValue) set(s string) error {
	fs, err := parseFilters(s)
	if err != nil {
		return err
	}
	*v.p = fs
	return nil
}

func (v filtersValue) String() string {
	parts := make([]string, len(*v.p))
	for i, f := range *v.p {
		parts[i] = f.String()
	}
	return strings.Join(parts, " -> ")
}

func (v filtersValue) typeName() string { return "filters" }

func (v filtersValue) setYAML(n *yaml.Node) error {
	chains, err := yamlStrings(n, "filters in eskip syntax, as a string or a list of strings")
	if err != nil {
		return err
	}
	var all []*eskip.Filter
	for _, c := range chains {
		fs, err := parseFilters(c)
		if err != nil {
			return err
		}
		all = append(all, fs...)
	}
	*v.p = all
	return nil
}

func parseFilters(s string) ([]*eskip.Filter, error) {
	fs, err := eskip.ParseFilters(s)
	if err != nil {
		return nil, fmt.Errorf("expected filters in eskip syntax, got %q: %w", s, err)
	}
	return fs, nil
}

// rewriteValue is a repeatable -edit-route or -clone-route value; in YAML
// a string or a list of strings.
type rewriteValue struct{ p *[]RouteRewrite }

func (v rewriteValue) set(s string) error {
	r, err := ParseRouteRewrite(s)
	if err != nil {
		return err
	}
	*v.p = append(*v.p, r)
	return nil
}

func (v rewriteValue) reset() { *v.p = nil }

func (v rewriteValue) String() string {
	parts := make([]string, len(*v.p))
	for i, r := range *v.p {
		parts[i] = r.String()
	}
	return strings.Join(parts, " ")
}

func (v rewriteValue) typeName() string { return "rewrite" }

func (v rewriteValue) setYAML(n *yaml.Node) error {
	items, err := yamlStrings(n, "<sep>regexp<sep>replacement<sep> as a string or a list of strings")
	if err != nil {
		return err
	}
	var all []RouteRewrite
	for _, it := range items {
		r, err := ParseRouteRewrite(it)
		if err != nil {
			return err
		}
		all = append(all, r)
	}
	*v.p = all
	return nil
}

// splitList splits s at commas, trims the items and drops empty ones.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
