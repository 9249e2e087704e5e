// Package query holds the filters that change the request query: setQuery.
package query

import "github.com/openskipper/skipper/filters"

// SetQueryName is the name of the setQuery filter.
const SetQueryName = "setQuery"

type setQuerySpec struct{}

type setQueryFilter struct {
	key   *filters.Template
	value *filters.Template // nil: key replaces the whole query
}

// NewSetQuery returns the spec of setQuery(key, value) and setQuery(query).
// With two arguments it sets the query parameter key to value, replacing
// its values, and re-encodes the query with the keys sorted. With one it
// replaces the whole raw query with the template's result, as it is.
// Placeholders that do not resolve become empty.
func NewSetQuery() filters.Spec { return setQuerySpec{} }

// Name returns "setQuery".
func (setQuerySpec) Name() string { return SetQueryName }

// CreateFilter takes one or two string templates.
func (setQuerySpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(SetQueryName, args)
	f := setQueryFilter{key: a.Template(0, "key")}
	if a.Has(1) {
		f.value = a.Template(1, "value")
	}
	if err := a.DoneRange(1, 2); err != nil {
		return nil, err
	}
	return f, nil
}

// Request changes the query.
func (f setQueryFilter) Request(ctx filters.FilterContext) {
	u := ctx.Request().URL
	key, _ := f.key.Apply(ctx)
	if f.value == nil {
		u.RawQuery = key
		return
	}
	value, _ := f.value.Apply(ctx)
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
}

// Response does nothing.
func (setQueryFilter) Response(filters.FilterContext) {}
