package proxy

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/openskipper/skipper/internal/framing"
)

var errFramingConflict = errors.New("request with both Content-Length and Transfer-Encoding")

// framingConflictBody is the body of the answer to a request with both
// Content-Length and Transfer-Encoding.
const framingConflictBody = "Bad Request: both Content-Length and Transfer-Encoding\n"

// refuseFramingConflict answers 400 and closes the connection when the
// request carries framing.ConflictHeader: the framing guard of the
// listener found both Content-Length and Transfer-Encoding in it, of which
// Go's server would silently drop one. It tells whether it answered; such
// a request is never routed.
func (px *Proxy) refuseFramingConflict(c *filterContext) bool {
	if _, ok := c.request.Header[framing.ConflictHeader]; !ok {
		return false
	}
	px.fail(c, &proxyError{code: http.StatusBadRequest, err: errFramingConflict, header: closeHeader})
	c.response.Body = io.NopCloser(strings.NewReader(framingConflictBody))
	c.response.ContentLength = int64(len(framingConflictBody))
	c.response.Header["Content-Length"] = []string{strconv.Itoa(len(framingConflictBody))}
	return true
}
