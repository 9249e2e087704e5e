package diag

import "github.com/openskipper/skipper/filters"

// StatusName is the name of the status filter.
const StatusName = "status"

type statusSpec struct{}

type statusFilter struct {
	code int
}

// NewStatus returns the spec of status(code): in the response phase it
// sets the response's status code to code, whatever the backend (or a
// serving filter) answered. The code is not range-checked.
func NewStatus() filters.Spec { return statusSpec{} }

// Name returns "status".
func (statusSpec) Name() string { return StatusName }

// CreateFilter takes one number, the status code (truncated to an int).
func (statusSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(StatusName, args)
	code := a.Int(0, "status code")
	if err := a.Done(1); err != nil {
		return nil, err
	}
	return statusFilter{code: code}, nil
}

// Request does nothing.
func (statusFilter) Request(filters.FilterContext) {}

// Response sets the status code.
func (f statusFilter) Response(ctx filters.FilterContext) {
	if rsp := ctx.Response(); rsp != nil {
		rsp.StatusCode = f.code
	}
}
