package pathtree

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// hnodes returns the hnodes of a hashed child set.
func hnodes[V any](h *hnode[V]) []*hnode[V] {
	out := []*hnode[V]{h}
	for _, s := range h.subs {
		out = append(out, hnodes(s)...)
	}
	return out
}

func TestWideChildSets(t *testing.T) {
	const n = 5000
	rng := rand.New(rand.NewPCG(1, 2))
	labels := make([]string, n)
	for i := range labels {
		labels[i] = fmt.Sprintf("s%d", i)
	}
	rng.Shuffle(n, func(i, j int) { labels[i], labels[j] = labels[j], labels[i] })

	for _, tt := range []struct {
		prefix string
		mask   uint64
	}{
		{"", 0},
		{"/deep/er", 0},
		{"/colliding", 0x7},
	} {
		prefix := tt.prefix
		t.Run("prefix "+prefix, func(t *testing.T) {
			b := NewBuilder[int](nil)
			b.hashMask = tt.mask
			for i, l := range labels {
				if err := b.Set(prefix+"/"+l+"/:id", i); err != nil {
					t.Fatal(err)
				}
				if i == flatMax-1 || i == flatMax || i == 64 || i == 64*64+1 {
					if err := checkTree(NewBuilder(b.Tree()).Tree()); err != nil {
						t.Fatalf("after %d inserts: %v", i+1, err)
					}
				}
			}
			full := b.Tree()
			if err := checkTree(full); err != nil {
				t.Fatal(err)
			}
			for i, l := range labels {
				v, captured, ok := lookupFirst(full, prefix+"/"+l+"/7")
				if !ok || v != i || !slices.Equal(captured, []string{"7"}) {
					t.Fatalf("Lookup(%q): got %d %q %v, want %d [7] true", prefix+"/"+l+"/7", v, captured, ok, i)
				}
			}
			if _, _, ok := lookupFirst(full, prefix+"/s-1/7"); ok {
				t.Errorf("Lookup of an absent child: got a match")
			}
			sorted := slices.Clone(labels)
			slices.Sort(sorted)
			var walked []string
			full.Walk(func(p string, _ int) bool {
				walked = append(walked, p)
				return true
			})
			for i, l := range sorted {
				if want := prefix + "/" + l + "/:*"; walked[i] != want {
					t.Fatalf("Walk[%d]: got %q, want %q", i, walked[i], want)
				}
			}

			// One more pattern copies one hnode per level, not the set.
			parent := get(full.root, prefix)
			next, err := full.Set(prefix+"/s2500x", -1)
			if err != nil {
				t.Fatal(err)
			}
			nextParent := get(next.root, prefix)
			oldNodes, newNodes := hnodes(parent.wide), hnodes(nextParent.wide)
			shared := 0
			for _, h := range newNodes {
				if slices.Contains(oldNodes, h) {
					shared++
				}
			}
			if copied := len(newNodes) - shared; tt.mask == 0 && copied > 4 {
				t.Errorf("Set on a wide node copied %d of %d trie nodes, want at most 4", copied, len(newNodes))
			}
			if _, ok := full.Get(prefix + "/s2500x"); ok {
				t.Errorf("Set changed the old tree")
			}

			// Delete everything again, half through Tree.Delete and half
			// through a Builder, keeping old versions intact.
			tr := full
			for i, l := range labels {
				if i%2 == 0 {
					tr = tr.Delete(prefix + "/" + l + "/:x")
				} else {
					b := NewBuilder(tr)
					b.hashMask = tt.mask
					b.Delete(prefix + "/" + l + "/:x")
					tr = b.Tree()
				}
				if left := n - i - 1; left%500 == 0 || left == flatMin || left == flatMin+1 || left < 5 {
					if err := checkTree(tr); err != nil {
						t.Fatalf("with %d left: %v", left, err)
					}
					if tr.Len() != left {
						t.Fatalf("with %d left: Len %d", left, tr.Len())
					}
				}
			}
			if tr.root != nil {
				t.Errorf("tree emptied by deletes keeps a root")
			}
			if err := checkTree(full); err != nil || full.Len() != n {
				t.Errorf("old tree after deletes: Len %d, %v", full.Len(), err)
			}
			if v, _, ok := lookupFirst(full, prefix+"/"+labels[0]+"/1"); !ok || v != 0 {
				t.Errorf("old tree after deletes: Lookup got %d %v, want 0 true", v, ok)
			}
		})
	}
}
