package diag

import "github.com/openskipper/skipper/filters"

// CommentName is the name of the comment filter.
const CommentName = "comment"

type commentSpec struct{}

type commentFilter struct{}

// NewComment returns the spec of comment(...): it takes any arguments and
// does nothing; it documents a route.
func NewComment() filters.Spec { return commentSpec{} }

// Name returns "comment".
func (commentSpec) Name() string { return CommentName }

// CreateFilter accepts any arguments.
func (commentSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	return commentFilter{}, nil
}

// Request does nothing.
func (commentFilter) Request(filters.FilterContext) {}

// Response does nothing.
func (commentFilter) Response(filters.FilterContext) {}
