package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/openskipper/skipper"
)

// ParseForwardedHeaders turns the items of -forwarded-headers into
// skipper.ForwardedHeaders. The items, in any case, are X-Forwarded-For,
// X-Forwarded-Host, X-Forwarded-Method, X-Forwarded-Uri,
// X-Forwarded-Port=<port or auto> and X-Forwarded-Proto=<http, https or
// auto>. An unknown item is an error that names it.
func ParseForwardedHeaders(items []string) (skipper.ForwardedHeaders, error) {
	var h skipper.ForwardedHeaders
	for _, it := range items {
		if err := addForwardedHeader(&h, it); err != nil {
			return skipper.ForwardedHeaders{}, err
		}
	}
	return h, nil
}

func checkForwardedHeader(item string) error {
	var h skipper.ForwardedHeaders
	return addForwardedHeader(&h, item)
}

func addForwardedHeader(h *skipper.ForwardedHeaders, item string) error {
	name, val, hasVal := strings.Cut(strings.TrimSpace(item), "=")
	name = strings.ToLower(strings.TrimSpace(name))
	val = strings.TrimSpace(val)
	switch {
	case name == "x-forwarded-for" && !hasVal:
		h.For = true
	case name == "x-forwarded-host" && !hasVal:
		h.Host = true
	case name == "x-forwarded-method" && !hasVal:
		h.Method = true
	case name == "x-forwarded-uri" && !hasVal:
		h.URI = true
	case name == "x-forwarded-port" && validPort(val):
		h.Port = val
	case name == "x-forwarded-proto" && (val == "http" || val == "https" || val == "auto"):
		h.Proto = val
	default:
		return fmt.Errorf("invalid forwarded header %q: expected X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Method, X-Forwarded-Uri, X-Forwarded-Port=<port|auto> or X-Forwarded-Proto=<http|https|auto>", item)
	}
	return nil
}

// validPort tells whether s is "auto" or a TCP port number.
func validPort(s string) bool {
	if s == "auto" {
		return true
	}
	p, err := strconv.Atoi(s)
	return err == nil && p > 0 && p < 1<<16
}
