package predicates

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func mustPrefixSet(t testing.TB, entries ...string) *prefixSet {
	t.Helper()
	prefixes := make([]netip.Prefix, len(entries))
	for i, e := range entries {
		p, err := parseIPOrPrefix(e)
		if err != nil {
			t.Fatalf("parseIPOrPrefix(%q) failed: %v", e, err)
		}
		prefixes[i] = p
	}
	return newPrefixSet(prefixes)
}

func TestParseIPOrPrefixErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"garbage", "not-an-ip", `ParseAddr("not-an-ip"): unable to parse IP`},
		{"bad prefix length", "10.0.0.0/33", `netip.ParsePrefix("10.0.0.0/33"): prefix length out of range`},
		{"unspecified v4", "0.0.0.0", `unspecified address "0.0.0.0": write 0.0.0.0/0 or ::/0 to match every address`},
		{"unspecified v6", "::", `unspecified address "::": write 0.0.0.0/0 or ::/0 to match every address`},
		{"empty", "", `ParseAddr(""): unable to parse IP`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseIPOrPrefix(tt.in)
			if err == nil {
				t.Fatalf("parseIPOrPrefix(%q) got no error, want %q", tt.in, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("parseIPOrPrefix(%q) got %q, want %q", tt.in, err.Error(), tt.want)
			}
		})
	}
}

func TestPrefixSetContains(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		addr    string
		want    bool
	}{
		{"single address", []string{"1.2.3.4"}, "1.2.3.4", true},
		{"single address, neighbour", []string{"1.2.3.4"}, "1.2.3.5", false},
		{"v4 prefix start", []string{"10.0.0.0/8"}, "10.0.0.0", true},
		{"v4 prefix end", []string{"10.0.0.0/8"}, "10.255.255.255", true},
		{"v4 prefix after", []string{"10.0.0.0/8"}, "11.0.0.0", false},
		{"v4 prefix before", []string{"10.0.0.0/8"}, "9.255.255.255", false},
		{"unmasked prefix", []string{"10.1.2.3/16"}, "10.1.200.1", true},
		{"all v4", []string{"0.0.0.0/0"}, "255.255.255.255", true},
		{"all v4 excludes v6", []string{"0.0.0.0/0"}, "2001:db8::1", false},
		{"several prefixes, last one", []string{"10.0.0.0/8", "192.168.0.0/16", "1.2.3.4"}, "192.168.3.4", true},
		{"several prefixes, gap", []string{"10.0.0.0/8", "192.168.0.0/16", "1.2.3.4"}, "172.16.0.1", false},
		{"overlapping prefixes", []string{"10.0.0.0/16", "10.0.0.0/8", "10.1.0.0/16"}, "10.200.0.1", true},
		{"adjacent prefixes merge", []string{"10.0.0.0/25", "10.0.0.128/25"}, "10.0.0.200", true},
		{"v6 address", []string{"2001:db8::1"}, "2001:db8::1", true},
		{"v6 prefix", []string{"2001:db8::/32"}, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true},
		{"v6 prefix after", []string{"2001:db8::/32"}, "2001:db9::", false},
		{"v6 prefix over 64 bits", []string{"2001:db8::/96"}, "2001:db8::ffff:ffff", true},
		{"v6 prefix over 64 bits, after", []string{"2001:db8::/96"}, "2001:db8::1:0:0", false},
		{"all v6", []string{"::/0"}, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
		{"all v6 excludes v4", []string{"::/0"}, "1.2.3.4", false},
		{"v4-mapped client matches v4 entry", []string{"1.2.3.0/24"}, "::ffff:1.2.3.9", true},
		{"v4-mapped entry matches v4 client", []string{"::ffff:1.2.3.0/120"}, "1.2.3.9", true},
		{"zone of entry dropped", []string{"fe80::1%eth0"}, "fe80::1", true},
		{"zone of client ignored", []string{"fe80::1"}, "fe80::1%eth0", true},
		{"invalid client", []string{"0.0.0.0/0", "::/0"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustPrefixSet(t, tt.entries...)
			a, _ := netip.ParseAddr(tt.addr) // "" gives the zero Addr
			if got := s.contains(a); got != tt.want {
				t.Errorf("%v contains %q got %v, want %v", tt.entries, tt.addr, got, tt.want)
			}
		})
	}
}

// TestPrefixSetAgainstLinearScan compares the set with netip's own
// Prefix.Contains over random prefixes and addresses.
func TestPrefixSetAgainstLinearScan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	randomV4 := func() netip.Addr {
		// Few distinct leading bytes, so that prefixes overlap.
		return netip.AddrFrom4([4]byte{byte(rnd.IntN(4)), byte(rnd.IntN(256)), byte(rnd.IntN(256)), byte(rnd.IntN(256))})
	}
	randomV6 := func() netip.Addr {
		var b [16]byte
		b[0], b[1] = 0x20, byte(rnd.IntN(3))
		for i := 2; i < 16; i++ {
			b[i] = byte(rnd.IntN(256))
		}
		return netip.AddrFrom16(b)
	}
	for round := range 50 {
		var prefixes []netip.Prefix
		for range 1 + rnd.IntN(20) {
			if rnd.IntN(2) == 0 {
				prefixes = append(prefixes, netip.PrefixFrom(randomV4(), 2+rnd.IntN(31)).Masked())
			} else {
				prefixes = append(prefixes, netip.PrefixFrom(randomV6(), 8+rnd.IntN(121)).Masked())
			}
		}
		s := newPrefixSet(append([]netip.Prefix(nil), prefixes...))
		for range 500 {
			a := randomV4()
			if rnd.IntN(2) == 0 {
				a = randomV6()
			}
			// Bias half the probes into a prefix.
			if rnd.IntN(2) == 0 {
				a = prefixes[rnd.IntN(len(prefixes))].Addr()
			}
			want := false
			for _, p := range prefixes {
				if p.Contains(a) {
					want = true
					break
				}
			}
			if got := s.contains(a); got != want {
				t.Fatalf("round %d: %v contains %v got %v, want %v", round, prefixes, a, got, want)
			}
		}
	}
}

func BenchmarkPrefixSetContains(b *testing.B) {
	entries := make([]string, 0, 1000)
	for i := range 1000 {
		entries = append(entries, netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}).String()+"/24")
	}
	s := mustPrefixSet(b, entries...)
	a := netip.MustParseAddr("10.3.200.7")
	b.ReportAllocs()
	for b.Loop() {
		s.contains(a)
	}
}
