package pathtree

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refMatch is a reference matcher: it reports whether a canonical key,
// matches a clean path, both split into segments, and the captured values.
func refMatch(ks, ps []string) ([]string, bool) {
	captured := []string{}
	for i, k := range ks {
		if k == wildKey {
			rest := "/" + strings.Join(ps[i:], "/")
			if i >= len(ps) || len(rest) < 2 {
				return nil, false
			}
			return append(captured, rest), true
		}
		if i >= len(ps) {
			return nil, false
		}
		switch {
		case k == paramKey && ps[i] != "":
			captured = append(captured, ps[i])
		case k != ps[i]:
			return nil, false
		}
	}
	return captured, len(ks) == len(ps)
}

// segmentRank orders the segments of one position: static ones by text,
// then the parameter, then the free wildcard.
func segmentRank(s string) int {
	switch s {
	case paramKey:
		return 1
	case wildKey:
		return 2
	}
	return 0
}

// compareKeys orders keys as Walk and Lookup visit them.
func compareKeys(a, b string) int {
	as, bs := strings.Split(a[1:], "/"), strings.Split(b[1:], "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := cmp.Compare(segmentRank(as[i]), segmentRank(bs[i])); c != 0 {
			return c
		}
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

type randomGen struct {
	rng   *rand.Rand
	first int // number of distinct first segments
}

func (g randomGen) segment(i int) string {
	if i == 0 && g.first > 4 {
		return fmt.Sprintf("r%d", g.rng.IntN(g.first))
	}
	// Labels of 8 bytes and more share their prefix word.
	return []string{"a", "b", "c", "abcdefgh", "abcdefghX", "abcdefghY"}[g.rng.IntN(6)]
}

// pattern returns a random pattern, with wildcard names.
func (g randomGen) pattern() string {
	if g.rng.IntN(30) == 0 {
		return "/"
	}
	n := 1 + g.rng.IntN(4)
	var b strings.Builder
	for i := range n {
		b.WriteByte('/')
		switch r := g.rng.IntN(100); {
		case i == n-1 && r < 15:
			b.WriteString([]string{"*", "*rest", "**"}[g.rng.IntN(3)])
			return b.String()
		case r < 40:
			b.WriteString(":p" + fmt.Sprint(i))
		default:
			b.WriteString(g.segment(i))
		}
	}
	if g.rng.IntN(5) == 0 {
		b.WriteByte('/')
	}
	return b.String()
}

// path returns a random clean request path.
func (g randomGen) path() string {
	n := g.rng.IntN(6)
	var b strings.Builder
	for i := range n {
		b.WriteByte('/')
		if g.rng.IntN(8) == 0 {
			b.WriteString("d")
		} else {
			b.WriteString(g.segment(i))
		}
	}
	if n == 0 || g.rng.IntN(5) == 0 {
		b.WriteByte('/')
	}
	return b.String()
}

// checkAgainst compares every observable of tr with the reference map of
// keys to values.
func checkAgainst(t *testing.T, tr *Tree[int], ref map[string]int, g randomGen, paths int) {
	t.Helper()
	if err := checkTree(tr); err != nil {
		t.Fatal(err)
	}
	if tr.Len() != len(ref) {
		t.Fatalf("Len: got %d, want %d", tr.Len(), len(ref))
	}
	keys := slices.SortedFunc(maps.Keys(ref), compareKeys)
	var walked []string
	tr.Walk(func(p string, v int) bool {
		walked = append(walked, p)
		if v != ref[p] {
			t.Errorf("Walk: %q holds %d, want %d", p, v, ref[p])
		}
		return true
	})
	if !slices.Equal(walked, keys) {
		t.Fatalf("Walk order:\n got %q\nwant %q", walked, keys)
	}
	for _, k := range keys {
		if v, ok := tr.Get(k); !ok || v != ref[k] {
			t.Fatalf("Get(%q): got %d %v, want %d", k, v, ok, ref[k])
		}
	}
	split := make([][]string, len(keys))
	for i, k := range keys {
		split[i] = strings.Split(k[1:], "/")
	}
	buf := make([]string, 0, 8)
	for range paths {
		path := g.path()
		type match struct {
			v        int
			captured string
		}
		var want []match
		ps := strings.Split(path[1:], "/")
		for i, k := range keys {
			if c, ok := refMatch(split[i], ps); ok {
				want = append(want, match{ref[k], fmt.Sprintf("%q", c)})
			}
		}
		// Reject a random subset of the matches; the first one not
		// rejected must win, after all the rejected ones were offered.
		rejected := map[int]bool{}
		for _, m := range want {
			if g.rng.IntN(2) == 0 {
				rejected[m.v] = true
			}
		}
		var offered []match
		found := tr.Lookup(path, buf, func(v int, captured []string) bool {
			offered = append(offered, match{v, fmt.Sprintf("%q", captured)})
			return !rejected[v]
		})
		wantOffered := want
		for i, m := range want {
			if !rejected[m.v] {
				wantOffered = want[:i+1]
				break
			}
		}
		if !slices.Equal(offered, wantOffered) {
			t.Fatalf("Lookup(%q) rejecting %v:\n offered %v\n    want %v", path, rejected, offered, wantOffered)
		}
		if wantFound := len(wantOffered) > 0 && !rejected[wantOffered[len(wantOffered)-1].v]; found != wantFound {
			t.Fatalf("Lookup(%q): got %v, want %v", path, found, wantFound)
		}
	}
}

func TestRandomAgainstReference(t *testing.T) {
	for _, tt := range []struct {
		name            string
		first, patterns int
		// mask is the hash mask of new hashed child sets; small masks
		// force hash collisions.
		mask uint64
	}{
		{"narrow", 3, 300, 0},
		{"wide", 400, 2000, 0},
		{"wide with colliding hashes", 400, 1500, 0x3},
		{"wide with a common first slot", 100, 1000, 0xffc0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := randomGen{rng: rand.New(rand.NewPCG(7, uint64(tt.first))), first: tt.first}
			builder := func(tr *Tree[int]) *Builder[int] {
				b := NewBuilder(tr)
				b.hashMask = tt.mask
				return b
			}
			ref := map[string]int{}
			tr := &Tree[int]{}
			type snapshot struct {
				tree *Tree[int]
				ref  map[string]int
			}
			var snaps []snapshot
			for round := range 12 {
				b := builder(tr)
				for i := range tt.patterns {
					p := g.pattern()
					key, _, err := ParsePattern(p)
					if err != nil {
						t.Fatalf("ParsePattern(%q): %v", p, err)
					}
					if k2, _, err := ParsePattern(key); err != nil || k2 != key {
						t.Fatalf("ParsePattern(%q) of a key: got %q %v, want it back", key, k2, err)
					}
					v := round*100000 + i
					// Deletes win in the later rounds, so the tree
					// grows and then shrinks.
					del := g.rng.IntN(12) < round
					switch {
					case del && i%2 == 0:
						b.Delete(p)
						delete(ref, key)
					case del:
						tr = b.Tree()
						tr = tr.Delete(p)
						b = builder(tr)
						delete(ref, key)
					case i%3 == 0:
						tr = b.Tree()
						if tr, err = tr.Set(p, v); err != nil {
							t.Fatal(err)
						}
						b = builder(tr)
						ref[key] = v
					default:
						if err := b.Set(p, v); err != nil {
							t.Fatal(err)
						}
						ref[key] = v
					}
				}
				tr = b.Tree()
				checkAgainst(t, tr, ref, g, 200)
				snaps = append(snaps, snapshot{tr, maps.Clone(ref)})
			}
			for i, s := range snaps {
				t.Run(fmt.Sprintf("snapshot %d", i), func(t *testing.T) {
					checkAgainst(t, s.tree, s.ref, g, 50)
				})
			}
		})
	}
}
