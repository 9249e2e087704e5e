package routing

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/openskipper/skipper/eskip"
)

// DefaultRoutesLimit is the number of routes the /routes endpoint lists
// when the request has no limit parameter.
const DefaultRoutesLimit = 1024

// Headers of the /routes endpoint.
const (
	// RoutesTimestampHeader carries the creation time of the listed table,
	// in Unix seconds. Passing it back as the timestamp parameter pages
	// consistently across one table.
	RoutesTimestampHeader = "X-Timestamp"
	// RoutesCountHeader carries the number of routes in the selected list
	// (valid or invalid) before paging.
	RoutesCountHeader = "X-Count"
)

// routesQuery is the parsed query of a /routes request.
type routesQuery struct {
	offset, limit int
	invalid       bool
	json          bool
	pretty        eskip.PrettyPrintInfo
}

// ServeHTTP serves the /routes endpoint of the support listener: the
// routes of the current table, as eskip text or, when the Accept header
// contains application/json, as a JSON array of route objects.
//
// Only GET and HEAD are allowed; other methods get 405 with an empty body.
// The query parameters are:
//
//   - offset (default 0) and limit (default DefaultRoutesLimit): the page
//     of the list to show; a value that is not a non-negative integer gives
//     400 "invalid offset" or "invalid limit". They are not checked for
//     HEAD, whose answer does not depend on them.
//   - timestamp: when set and not the table's creation time in Unix
//     seconds (as in the X-Timestamp header), 400 "invalid timestamp".
//   - invalid=true: list the routes that could not be built instead of the
//     valid ones; in JSON each object has an "error" field.
//   - nopretty: when present with any value but "0" or "false", the text
//     shows one route per line instead of the pretty form.
//
// The valid routes are listed sorted by id, the invalid ones in the order
// of the table's InvalidRoutes. Each response carries the X-Timestamp and
// X-Count headers; HEAD sends only the headers. Only the requested page is
// printed, so listing a page of a large table is cheap.
func (rt *Routing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	// A malformed pair of the query is skipped; the others still count.
	_ = r.ParseForm()
	t := rt.Table()
	created := strconv.FormatInt(t.Created().Unix(), 10)
	if ts := r.Form.Get("timestamp"); ts != "" && ts != created {
		http.Error(w, "invalid timestamp", http.StatusBadRequest)
		return
	}
	q := routesQuery{
		offset:  0,
		limit:   DefaultRoutesLimit,
		invalid: r.Form.Get("invalid") == "true",
		json:    strings.Contains(r.Header.Get("Accept"), "application/json"),
		pretty:  prettyInfo(r),
	}
	if r.Method == http.MethodGet {
		var ok bool
		if q.offset, ok = nonNegativeParam(r, "offset", 0); !ok {
			http.Error(w, "invalid offset", http.StatusBadRequest)
			return
		}
		if q.limit, ok = nonNegativeParam(r, "limit", DefaultRoutesLimit); !ok {
			http.Error(w, "invalid limit", http.StatusBadRequest)
			return
		}
	}

	var valid []*Route
	var invalid []InvalidRoute
	count := 0
	switch {
	case q.invalid:
		invalid = t.InvalidRoutes()
		count = len(invalid)
	case r.Method == http.MethodHead:
		// The count needs no listing, which a large table makes once.
		count = t.Len()
	default:
		valid = t.Routes()
		count = len(valid)
	}
	h := w.Header()
	h.Set(RoutesTimestampHeader, created)
	h.Set(RoutesCountHeader, strconv.Itoa(count))
	if q.json {
		h.Set("Content-Type", "application/json")
	} else {
		h.Set("Content-Type", "text/plain")
	}
	if r.Method == http.MethodHead {
		return
	}

	from, to := pageBounds(count, q.offset, q.limit)
	switch {
	case q.invalid && q.json:
		writeInvalidJSON(w, invalid[from:to])
	case q.invalid:
		page := make([]*eskip.Route, 0, to-from)
		for _, ir := range invalid[from:to] {
			page = append(page, ir.Route)
		}
		eskip.Fprint(w, q.pretty, page...)
	default:
		page := make([]*eskip.Route, to-from)
		for i, route := range valid[from:to] {
			page[i] = &route.Route
		}
		if q.json {
			writeJSON(w, page)
		} else {
			eskip.Fprint(w, q.pretty, page...)
		}
	}
}

// pageBounds returns the bounds of the page of a list of n items, clamped
// to the list.
func pageBounds(n, offset, limit int) (from, to int) {
	from = min(offset, n)
	to = from + min(limit, n-from)
	return from, to
}

// nonNegativeParam returns the query parameter key as a non-negative int,
// or def when it is missing or empty; false when it is anything else.
func nonNegativeParam(r *http.Request, key string, def int) (int, bool) {
	s := r.Form.Get(key)
	if s == "" {
		return def, true
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, false
	}
	return v, true
}

// prettyInfo returns the printing mode the nopretty parameter asks for:
// pretty with a two-space indent when the parameter is missing or its
// first value is "0" or "false", one line per route otherwise.
func prettyInfo(r *http.Request) eskip.PrettyPrintInfo {
	vals, ok := r.Form["nopretty"]
	if !ok || len(vals) == 0 || vals[0] == "0" || vals[0] == "false" {
		return eskip.PrettyPrintInfo{Pretty: true, IndentStr: "  "}
	}
	return eskip.PrettyPrintInfo{}
}

// writeJSON writes v as JSON followed by a newline, with HTML escaping, or
// answers 500 when it cannot be encoded. Nothing is written before the
// whole document is encoded.
func writeJSON(w http.ResponseWriter, v interface{}) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// writeInvalidJSON writes the invalid routes as a JSON array of route
// objects, each with an "error" field holding the reason the route could
// not be built.
func writeInvalidJSON(w http.ResponseWriter, page []InvalidRoute) {
	out := make([]json.RawMessage, len(page))
	for i, ir := range page {
		obj, err := invalidRouteJSON(ir)
		if err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		out[i] = obj
	}
	writeJSON(w, out)
}

// invalidRouteJSON returns the JSON object of the route definition with
// an "error" field added last.
func invalidRouteJSON(ir InvalidRoute) (json.RawMessage, error) {
	msg, err := json.Marshal(errorText(ir.Err))
	if err != nil {
		return nil, err
	}
	obj := []byte("{}")
	if ir.Route != nil {
		if obj, err = ir.Route.MarshalJSON(); err != nil {
			return nil, err
		}
	}
	obj = bytes.TrimSpace(obj)
	if len(obj) < 2 || obj[len(obj)-1] != '}' {
		return nil, errors.New("route JSON is not an object")
	}
	out := make([]byte, 0, len(obj)+len(msg)+10)
	out = append(out, obj[:len(obj)-1]...)
	if len(bytes.TrimSpace(obj[1:len(obj)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, `"error":`...)
	out = append(out, msg...)
	out = append(out, '}')
	return out, nil
}
