package pathtree

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentReadersAndWriter runs readers on old and new versions while
// a writer makes new ones. Under -race, any write to a node shared with a
// published tree is reported; without it, the readers check that every
// version they hold keeps answering the same.
func TestConcurrentReadersAndWriter(t *testing.T) {
	const (
		versions = 100
		slots    = 40
		wideBase = 2000
		readers  = 4
	)
	b := NewBuilder[int](nil)
	for i := range wideBase {
		if err := b.Set(fmt.Sprintf("/w%d/:id", i), 0); err != nil {
			t.Fatal(err)
		}
	}
	for s := range slots {
		if err := b.Set(fmt.Sprintf("/slot/%d", s), 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Set("/version", 0); err != nil {
		t.Fatal(err)
	}
	first := b.Tree()
	var current atomic.Pointer[Tree[int]]
	current.Store(first)

	// Version k sets /version, /slot/<k%slots> and /w<k%wideBase>/:id to k
	// and adds /new/k; every other value it holds comes from older versions.
	var done atomic.Bool
	var reads atomic.Int64
	var broken atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer done.Store(true)
		for k := 1; k <= versions; k++ {
			prev := current.Load()
			var next *Tree[int]
			var err error
			if k%3 == 0 {
				next, err = prev.Set("/version", k)
				if err == nil {
					next, err = next.Set(fmt.Sprintf("/slot/%d", k%slots), k)
				}
				if err == nil {
					next, err = next.Set(fmt.Sprintf("/w%d/:x", k%wideBase), k)
				}
				if err == nil {
					next, err = next.Set(fmt.Sprintf("/new/%d", k), k)
				}
				next = next.Delete(fmt.Sprintf("/new/%d", k-10))
			} else {
				nb := NewBuilder(prev)
				for _, p := range []string{"/version", fmt.Sprintf("/slot/%d", k%slots), fmt.Sprintf("/w%d/:y", k%wideBase), fmt.Sprintf("/new/%d", k)} {
					if err = nb.Set(p, k); err != nil {
						break
					}
				}
				nb.Delete(fmt.Sprintf("/new/%d", k-10))
				next = nb.Tree()
			}
			if err != nil {
				t.Error(err)
				return
			}
			current.Store(next)
			// Let the readers read each version, old ones included.
			for start := reads.Load(); reads.Load() < start+readers && !broken.Load(); {
				runtime.Gosched()
			}
		}
	}()

	var paths []string
	for s := range slots {
		paths = append(paths, fmt.Sprintf("/slot/%d", s))
	}
	for i := 0; i < wideBase; i += 97 {
		paths = append(paths, fmt.Sprintf("/w%d/1", i))
	}
	read := func(tr *Tree[int]) (version int, sum int) {
		buf := make([]string, 0, 4)
		tr.Lookup("/version", buf, func(v int, _ []string) bool {
			version = v
			return true
		})
		for _, p := range paths {
			tr.Lookup(p, buf, func(v int, _ []string) bool {
				sum += v
				return true
			})
		}
		return version, sum
	}

	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			held := map[*Tree[int]][2]int{}
			for {
				stop := done.Load()
				tr := current.Load()
				v, s := read(tr)
				if old, ok := held[tr]; ok && old != [2]int{v, s} {
					t.Errorf("version %d changed: read %v, then %v", v, old, [2]int{v, s})
					broken.Store(true)
					return
				}
				held[tr] = [2]int{v, s}
				if v0, s0 := read(first); v0 != 0 || s0 != 0 {
					t.Errorf("first version changed: version %d, sum %d", v0, s0)
					broken.Store(true)
					return
				}
				reads.Add(1)
				if stop {
					break
				}
			}
			for tr, want := range held {
				if v, s := read(tr); [2]int{v, s} != want {
					t.Errorf("version %d changed: read %v, now %v", want[0], want, [2]int{v, s})
				}
			}
		}()
	}
	wg.Wait()
	last := current.Load()
	if v, _ := last.Get("/version"); v != versions {
		t.Errorf("last version: got %d, want %d", v, versions)
	}
	if err := checkTree(last); err != nil {
		t.Error(err)
	}
	if got, want := last.Len(), wideBase+slots+1+10; got != want {
		t.Errorf("last Len: got %d, want %d", got, want)
	}
}
