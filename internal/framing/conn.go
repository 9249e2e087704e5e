package framing

import (
	"errors"
	"io"
	"net"
	"sync"
)

const (
	// bufferSize is the size of a connection's buffer for request heads,
	// as large as the bufio.Reader of Go's server.
	bufferSize = 4096
	// minFree is the least free room in the buffer before a read into it.
	minFree = 1024
	// directRead is the least length of a caller's slice that a head is
	// read into directly: shorter reads, like the server's 1-byte
	// background read, go through the buffer so that a small head still
	// takes one read from the network.
	directRead = 1024
)

// conn is a net.Conn whose reads go through a request framing tracker.
// Its reads are not safe for concurrent use, as those of Go's server are
// not concurrent; every other method goes to the wrapped connection.
type conn struct {
	net.Conn
	t    tracker
	pool *sync.Pool // of *[]byte of bufferSize; nil allocates
	bp   *[]byte    // the pooled holder of buf, if any
	// buf[r:h] is released and waits to be read; buf[h:w] is the start
	// of a request head that is not complete yet.
	buf     []byte
	r, h, w int
	err     error // a read error to return once buf[r:h] is read
}

// newConn wraps c with a tracker that reads heads of up to limit bytes.
func newConn(c net.Conn, limit int, pool *sync.Pool) *conn {
	return &conn{Conn: c, t: tracker{limit: limit}, pool: pool}
}

// Read reads from the wrapped connection. Request heads are held back
// until they are complete, then released, with a conflicting header
// renamed; everything else is passed on as it arrives.
func (c *conn) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if c.r < c.h {
			n := copy(p, c.buf[c.r:c.h])
			c.r += n
			if c.r == c.w {
				c.release()
			}
			return n, nil
		}
		if c.err != nil {
			err := c.err
			c.err = nil
			return 0, err
		}
		if c.h == c.w {
			if c.t.state == stPass {
				return c.Conn.Read(p)
			}
			if c.t.state != stHead || len(p) >= directRead {
				n, err := c.readDirect(p)
				if n > 0 || err != nil || c.w == 0 {
					return n, err
				}
				// the read brought the start of a head only
				continue
			}
		}
		n, err := c.fill()
		if err != nil {
			return 0, err
		}
		if n == 0 && c.r == c.h {
			return 0, nil
		}
	}
}

// readDirect reads into p and returns the bytes of p that can go: body
// bytes and complete heads without a conflict. What follows, the start of
// a head, is moved to the buffer.
func (c *conn) readDirect(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	k := c.advance(p[:n])
	if k == n {
		return n, err
	}
	c.stash(p[k:n])
	c.process()
	if err != nil {
		err = c.readError(err)
	}
	if k > 0 {
		// a timeout recurs on the next read; other errors are kept
		return k, nil
	}
	return 0, err
}

// fill reads into the free room of the buffer and processes what came.
func (c *conn) fill() (int, error) {
	c.makeRoom(minFree)
	n, err := c.Conn.Read(c.buf[c.w:])
	c.w += n
	c.process()
	if err != nil {
		return n, c.readError(err)
	}
	return n, nil
}

// readError decides what a read error means while a head is buffered. A
// timeout, as set by the server to interrupt its background read, leaves
// the buffered start of a head in place: the error is returned unless
// released bytes can be returned instead. Any other error ends the
// tracking: the buffered bytes are released unchanged and the error
// follows them. It returns the error to return now.
func (c *conn) readError(err error) error {
	if isTimeout(err) {
		if c.r < c.h {
			return nil
		}
		return err
	}
	if c.r < c.w {
		c.t.pass()
		c.h = c.w
		c.err = err
		return nil
	}
	return err
}

// advance steps the tracker over b, which it may not change, and returns
// how many bytes of b can be released: it stops at a head that is not
// complete or that must be renamed.
func (c *conn) advance(b []byte) int {
	off := 0
	for off < len(b) {
		switch c.t.state {
		case stPass:
			return len(b)
		case stHead:
			h, st := c.t.parseHead(b[off:])
			switch st {
			case headIncomplete:
				return off
			case headBad:
				c.t.pass()
				return len(b)
			}
			if h.conflict {
				return off
			}
			c.t.commit(h)
			off += h.n
		default:
			off += c.t.body(b[off:])
		}
	}
	return off
}

// process steps the tracker over the buffered bytes that wait, renames a
// conflicting header in a complete head, and releases what it stepped
// over. An incomplete head stays.
func (c *conn) process() {
	for c.h < c.w {
		switch c.t.state {
		case stPass:
			c.h = c.w
		case stHead:
			h, st := c.t.parseHead(c.buf[c.h:c.w])
			switch st {
			case headIncomplete:
				return
			case headBad:
				c.t.pass()
				c.h = c.w
				return
			}
			if h.conflict {
				h.n = c.rename(h)
			}
			c.t.commit(h)
			c.h += h.n
		default:
			c.h += c.t.body(c.buf[c.h:c.w])
		}
	}
}

// rename rewrites the buffered head h with its conflicting header lines
// renamed, and returns its new length.
func (c *conn) rename(h head) int {
	renamed := renameHead(c.buf[c.h:c.h+h.n], h.skip, h.rename)
	grow := len(renamed) - h.n
	c.makeRoom(grow)
	copy(c.buf[c.h+len(renamed):], c.buf[c.h+h.n:c.w])
	copy(c.buf[c.h:], renamed)
	c.w += grow
	return len(renamed)
}

// stash puts b in the empty buffer, as the start of a head.
func (c *conn) stash(b []byte) {
	c.makeRoom(len(b))
	c.w += copy(c.buf[c.w:], b)
}

// makeRoom makes at least n bytes of room after buf[w], moving the
// waiting bytes to the front or growing the buffer.
func (c *conn) makeRoom(n int) {
	if c.buf == nil {
		c.acquire()
	}
	if len(c.buf)-c.w >= n {
		return
	}
	if c.r > 0 {
		copy(c.buf, c.buf[c.r:c.w])
		c.h -= c.r
		c.w -= c.r
		c.r = 0
		if len(c.buf)-c.w >= n {
			return
		}
	}
	size := 2 * len(c.buf)
	for size-c.w < n {
		size *= 2
	}
	buf := make([]byte, size)
	copy(buf, c.buf[:c.w])
	c.dropBuffer()
	c.buf = buf
}

// acquire takes a buffer from the pool.
func (c *conn) acquire() {
	if c.pool != nil {
		if bp, ok := c.pool.Get().(*[]byte); ok && len(*bp) == bufferSize {
			c.bp = bp
			c.buf = *bp
			return
		}
	}
	c.buf = make([]byte, bufferSize)
}

// release gives the empty buffer back.
func (c *conn) release() {
	c.r, c.h, c.w = 0, 0, 0
	c.dropBuffer()
}

// dropBuffer gives a pooled buffer back to the pool and forgets buf.
func (c *conn) dropBuffer() {
	if c.bp != nil && c.pool != nil {
		c.pool.Put(c.bp)
	}
	c.bp = nil
	c.buf = nil
}

// ReadFrom writes what r holds to the wrapped connection, with its
// ReadFrom when it has one, so that Go's server can still send files with
// sendfile.
func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{c.Conn}, r)
}

// CloseWrite shuts down the writing side of the wrapped connection, which
// Go's server does before closing a connection after an error response.
func (c *conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return errors.ErrUnsupported
}

// NetConn returns the wrapped connection.
func (c *conn) NetConn() net.Conn {
	return c.Conn
}

// isTimeout tells whether err is a timeout of a read deadline.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
