package tee

import (
	"errors"
	"io"
	"sync"
)

var (
	errShadowTooSlow = errors.New("tee: the shadow backend read the body too slowly")
	errShadowClosed  = errors.New("tee: shadow body closed")
)

// shadowBody is the body of a shadow request: a buffer that the main
// request's body fills as it is read, without ever blocking it, and that
// the shadow request drains. When the buffer would grow beyond its limit,
// the shadow body fails instead.
type shadowBody struct {
	mu     sync.Mutex
	cond   sync.Cond
	buf    []byte
	limit  int
	end    error // io.EOF, or why the copy failed; nil while it goes on
	closed bool
}

func newShadowBody(limit int) *shadowBody {
	b := &shadowBody{limit: limit}
	b.cond.L = &b.mu
	return b
}

// write appends p to the buffer; it never blocks.
func (b *shadowBody) write(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.end != nil || b.closed {
		return
	}
	if len(b.buf)+len(p) > b.limit {
		b.buf, b.end = nil, errShadowTooSlow
	} else {
		b.buf = append(b.buf, p...)
	}
	b.cond.Broadcast()
}

// finish ends the body with err: io.EOF after the last write, another
// error to make the shadow request fail. Only the first call counts.
func (b *shadowBody) finish(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.end == nil {
		b.end = err
	}
	b.cond.Broadcast()
}

// Read blocks until there are bytes, the end, or Close.
func (b *shadowBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.buf) == 0 && b.end == nil && !b.closed {
		b.cond.Wait()
	}
	if b.closed {
		return 0, errShadowClosed
	}
	if len(b.buf) > 0 {
		n := copy(p, b.buf)
		b.buf = b.buf[n:]
		if len(b.buf) == 0 {
			b.buf = nil // let the drained array go
		}
		return n, nil
	}
	return 0, b.end
}

// Close drops the buffer and makes the writes no-ops and Read fail.
func (b *shadowBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed, b.buf = true, nil
	b.cond.Broadcast()
	return nil
}

// teeBody is the main request's body: what is read from it is also
// written to the shadow body.
type teeBody struct {
	rc     io.ReadCloser
	shadow *shadowBody
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	if n > 0 {
		t.shadow.write(p[:n])
	}
	if err != nil {
		t.shadow.finish(err)
	}
	return n, err
}

// Close ends the shadow body as truncated unless the main body was read to
// its end, and closes the main body.
func (t *teeBody) Close() error {
	t.shadow.finish(io.ErrUnexpectedEOF)
	return t.rc.Close()
}
