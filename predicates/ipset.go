package predicates

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// prefixSet is a set of IP addresses built from addresses and CIDR
// prefixes. It keeps IPv4 and IPv6 as sorted lists of disjoint address
// ranges, so that a lookup is a binary search and allocates nothing.
// IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) count as IPv4, both in the
// set and in lookups.
type prefixSet struct {
	v4 []ipRange[uint32]
	v6 []ipRange[uint128]
}

type ipRange[T any] struct {
	lo, hi T // inclusive
}

// uint128 is an IPv6 address as a number; it compares like the address.
type uint128 struct {
	hi, lo uint64
}

func (u uint128) compare(v uint128) int {
	if c := cmp.Compare(u.hi, v.hi); c != 0 {
		return c
	}
	return cmp.Compare(u.lo, v.lo)
}

// next returns u+1 and whether it did not overflow.
func (u uint128) next() (uint128, bool) {
	if u.lo != ^uint64(0) {
		return uint128{u.hi, u.lo + 1}, true
	}
	if u.hi != ^uint64(0) {
		return uint128{u.hi + 1, 0}, true
	}
	return uint128{}, false
}

func v6Number(a netip.Addr) uint128 {
	b := a.As16()
	return uint128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

func v4Number(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

// errUnspecifiedAddress rejects 0.0.0.0 and :: given without a prefix
// length; they are almost always meant as "everything", which is 0.0.0.0/0.
var errUnspecifiedAddress = errors.New("unspecified address")

// parseIPOrPrefix parses "1.2.3.4", "1.2.3.0/24", "2001:db8::1" or
// "2001:db8::/32". A zone (fe80::1%eth0) is dropped.
func parseIPOrPrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return normalizePrefix(p), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	if a.IsUnspecified() {
		return netip.Prefix{}, fmt.Errorf("%w %q: write 0.0.0.0/0 or ::/0 to match every address", errUnspecifiedAddress, s)
	}
	a = a.WithZone("")
	return normalizePrefix(netip.PrefixFrom(a, a.BitLen())), nil
}

// normalizePrefix turns a prefix of IPv4-mapped IPv6 addresses into the
// IPv4 prefix it stands for.
func normalizePrefix(p netip.Prefix) netip.Prefix {
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	return p
}

// newPrefixSet returns the set of all addresses in prefixes.
func newPrefixSet(prefixes []netip.Prefix) *prefixSet {
	s := &prefixSet{}
	for _, p := range prefixes {
		bits := p.Bits()
		if p.Addr().Is4() {
			mask := ^uint32(0) << (32 - bits)
			lo := v4Number(p.Addr()) & mask
			s.v4 = append(s.v4, ipRange[uint32]{lo, lo | ^mask})
			continue
		}
		var mask uint128
		if bits >= 64 {
			mask = uint128{^uint64(0), ^uint64(0) << (128 - bits)}
		} else {
			mask = uint128{^uint64(0) << (64 - bits), 0}
		}
		n := v6Number(p.Addr())
		lo := uint128{n.hi & mask.hi, n.lo & mask.lo}
		s.v6 = append(s.v6, ipRange[uint128]{lo, uint128{lo.hi | ^mask.hi, lo.lo | ^mask.lo}})
	}
	s.v4 = mergeRanges(s.v4, cmp.Compare[uint32], func(u uint32) (uint32, bool) { return u + 1, u != ^uint32(0) })
	s.v6 = mergeRanges(s.v6, uint128.compare, uint128.next)
	return s
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges[T any](ranges []ipRange[T], compare func(T, T) int, next func(T) (T, bool)) []ipRange[T] {
	if len(ranges) == 0 {
		return nil
	}
	slices.SortFunc(ranges, func(a, b ipRange[T]) int { return compare(a.lo, b.lo) })
	out := ranges[:1]
	for _, r := range ranges[1:] {
		last := &out[len(out)-1]
		after, ok := next(last.hi)
		if !ok || compare(r.lo, after) <= 0 {
			// r starts inside last or right after it.
			if compare(r.hi, last.hi) > 0 {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out)
}

// containsIn tells whether x lies in one of the sorted disjoint ranges.
func containsIn[T any](ranges []ipRange[T], x T, compare func(T, T) int) bool {
	// i is the first range that starts after x; only the one before it
	// can hold x.
	i, _ := slices.BinarySearchFunc(ranges, x, func(r ipRange[T], x T) int {
		if compare(r.lo, x) <= 0 {
			return -1
		}
		return 1
	})
	return i > 0 && compare(x, ranges[i-1].hi) <= 0
}

// contains tells whether a is in the set. The zero Addr is in no set.
func (s *prefixSet) contains(a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	a = a.Unmap()
	if a.Is4() {
		return containsIn(s.v4, v4Number(a), cmp.Compare[uint32])
	}
	return containsIn(s.v6, v6Number(a), uint128.compare)
}
