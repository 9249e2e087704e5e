package predicates

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/openskipper/skipper/routing"
)

type headerSHA256Spec struct{}

type headerSHA256Predicate struct {
	name   string
	hashes [][sha256.Size]byte
}

// NewHeaderSHA256 returns the spec of HeaderSHA256("name", "hex", …): it
// matches when the SHA-256 hash of the request header's value equals one
// of the given hex-encoded hashes. This lets a route check a secret (for
// example an API key) without the secret being written in the routes. A
// missing or empty header never matches.
func NewHeaderSHA256() routing.PredicateSpec { return headerSHA256Spec{} }

// Name returns "HeaderSHA256".
func (headerSHA256Spec) Name() string { return HeaderSHA256Name }

// Create takes a header name and one or more hex-encoded SHA-256 hashes
// (64 hex digits each).
func (headerSHA256Spec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(HeaderSHA256Name, list)
	if err := a.atLeast(2); err != nil {
		return nil, err
	}
	name, err := a.nonEmpty(0)
	if err != nil {
		return nil, err
	}
	p := &headerSHA256Predicate{name: http.CanonicalHeaderKey(name)}
	for i := 1; i < a.len(); i++ {
		s, err := a.str(i)
		if err != nil {
			return nil, err
		}
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, a.argWrap(i, fmt.Errorf("expected %d hex digits: %w", 2*sha256.Size, err))
		}
		if len(b) != sha256.Size {
			return nil, a.argErrorf(i, "expected %d hex digits (a SHA-256 hash), got %d", 2*sha256.Size, len(s))
		}
		p.hashes = append(p.hashes, [sha256.Size]byte(b))
	}
	return p, nil
}

// Match compares in constant time against every hash, so that the time
// taken tells nothing about which hash, if any, was close.
func (p *headerSHA256Predicate) Match(r *http.Request) bool {
	v := r.Header.Get(p.name)
	if v == "" {
		return false
	}
	sum := sha256.Sum256([]byte(v))
	found := 0
	for i := range p.hashes {
		found |= subtle.ConstantTimeCompare(sum[:], p.hashes[i][:])
	}
	return found == 1
}
