// Package static holds the filters that serve a response themselves,
// without calling the backend: inlineContent.
package static

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/openskipper/skipper/filters"
)

// InlineContentName is the name of the inlineContent filter.
const InlineContentName = "inlineContent"

type inlineContentSpec struct{}

type inlineContentFilter struct {
	text          string
	contentType   string
	contentLength string
}

// NewInlineContent returns the spec of inlineContent(text[, mime]): in the
// request phase it serves a 200 response with body text, Content-Type
// mime, or the type http.DetectContentType sniffs from text when there is
// no mime, and Content-Length.
func NewInlineContent() filters.Spec { return inlineContentSpec{} }

// Name returns "inlineContent".
func (inlineContentSpec) Name() string { return InlineContentName }

// CreateFilter takes the text and an optional content type, both strings.
func (inlineContentSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(InlineContentName, args)
	f := inlineContentFilter{text: a.String(0, "content")}
	if a.Has(1) {
		f.contentType = a.String(1, "content type")
	}
	if err := a.DoneRange(1, 2); err != nil {
		return nil, err
	}
	if f.contentType == "" {
		f.contentType = http.DetectContentType([]byte(f.text))
	}
	f.contentLength = strconv.Itoa(len(f.text))
	return f, nil
}

// Request serves the content.
func (f inlineContentFilter) Request(ctx filters.FilterContext) {
	ctx.Serve(&http.Response{
		StatusCode: http.StatusOK,
		Header: http.Header{
			"Content-Type":   []string{f.contentType},
			"Content-Length": []string{f.contentLength},
		},
		ContentLength: int64(len(f.text)),
		Body:          nopCloser{strings.NewReader(f.text)},
	})
}

// Response does nothing.
func (inlineContentFilter) Response(filters.FilterContext) {}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }
