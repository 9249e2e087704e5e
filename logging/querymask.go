package logging

import (
	"encoding/binary"
	"math/bits"
	"net/url"
	"strconv"
	"strings"
)

// MaskedQueryParamsKey is the key of AccessEntry.AdditionalData that holds
// the query parameters to mask in the logged URI, as a map[string]struct{}
// or a []string (the maskAccessLogQuery filter). The key itself is not
// logged.
const MaskedQueryParamsKey = "maskedQueryParams"

// maskedURI returns the request URI with the first value of each masked
// query parameter replaced by the decimal xxHash64 of that value, and the
// query re-encoded (keys sorted); ok is false when no parameter is to be
// masked, and the URI is then logged as it is.
func maskedURI(requestURI, rawQuery string, masked interface{}) (string, bool) {
	var keys []string
	switch m := masked.(type) {
	case map[string]struct{}:
		if len(m) == 0 {
			return "", false
		}
		keys = make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
	case []string:
		keys = m
	}
	if len(keys) == 0 {
		return "", false
	}
	params, _ := url.ParseQuery(rawQuery)
	for _, k := range keys {
		if v := params.Get(k); v != "" {
			params.Set(k, strconv.FormatUint(xxhash64(v), 10))
		}
	}
	path, _, _ := strings.Cut(requestURI, "?")
	return path + "?" + params.Encode(), true
}

// xxHash64 primes.
const (
	xxPrime1 uint64 = 11400714785074694791
	xxPrime2 uint64 = 14029467366897019727
	xxPrime3 uint64 = 1609587929392839161
	xxPrime4 uint64 = 9650029242287828579
	xxPrime5 uint64 = 2870177450012600261
)

// xxhash64 returns the XXH64 hash of s with seed 0, the hash the original
// access log masks query values with.
func xxhash64(s string) uint64 {
	b := []byte(s)
	n := len(b)
	var h uint64
	if n >= 32 {
		p1 := xxPrime1 // a variable: the sums below wrap around
		v1 := p1 + xxPrime2
		v2 := xxPrime2
		v3 := uint64(0)
		v4 := -p1
		for len(b) >= 32 {
			v1 = xxRound(v1, binary.LittleEndian.Uint64(b[0:8]))
			v2 = xxRound(v2, binary.LittleEndian.Uint64(b[8:16]))
			v3 = xxRound(v3, binary.LittleEndian.Uint64(b[16:24]))
			v4 = xxRound(v4, binary.LittleEndian.Uint64(b[24:32]))
			b = b[32:]
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) +
			bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = xxMerge(h, v1)
		h = xxMerge(h, v2)
		h = xxMerge(h, v3)
		h = xxMerge(h, v4)
	} else {
		h = xxPrime5
	}
	h += uint64(n)
	for ; len(b) >= 8; b = b[8:] {
		h ^= xxRound(0, binary.LittleEndian.Uint64(b[:8]))
		h = bits.RotateLeft64(h, 27)*xxPrime1 + xxPrime4
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b[:4])) * xxPrime1
		h = bits.RotateLeft64(h, 23)*xxPrime2 + xxPrime3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * xxPrime5
		h = bits.RotateLeft64(h, 11) * xxPrime1
	}
	h ^= h >> 33
	h *= xxPrime2
	h ^= h >> 29
	h *= xxPrime3
	h ^= h >> 32
	return h
}

func xxRound(acc, input uint64) uint64 {
	acc += input * xxPrime2
	acc = bits.RotateLeft64(acc, 31)
	return acc * xxPrime1
}

func xxMerge(acc, val uint64) uint64 {
	acc ^= xxRound(0, val)
	return acc*xxPrime1 + xxPrime4
}
