package slab

import "testing"

func TestTake(t *testing.T) {
	var s Slab[int]
	a := s.Take(3)
	b := s.Take(2)
	if len(a) != 3 || cap(a) != 3 || len(b) != 2 || cap(b) != 2 {
		t.Fatalf("lengths and capacities: %d/%d and %d/%d", len(a), cap(a), len(b), cap(b))
	}
	for i := range a {
		a[i] = i + 1
	}
	a = append(a, 99) // copies: b stays as it was
	if b[0] != 0 || b[1] != 0 {
		t.Errorf("appending to one slice changed the next: %v", b)
	}
	if &a[0] == &b[0] {
		t.Error("slices share memory")
	}
}

func TestTakeLargerThanAChunk(t *testing.T) {
	var s Slab[[40 << 10]byte] // larger than a whole chunk's bytes
	for _, n := range []int{1, 1, 20, 3} {
		if got := s.Take(n); len(got) != n {
			t.Fatalf("Take(%d): %d elements", n, len(got))
		}
	}
}

func TestChunksGrow(t *testing.T) {
	allocs := testing.AllocsPerRun(1, func() {
		var fresh Slab[int64]
		for i := 0; i < 10_000; i++ {
			fresh.Take(1)
		}
	})
	// Chunks of 4, 8, … up to 4,096 int64s: a handful of arrays.
	if allocs > 12 {
		t.Errorf("10,000 takes allocated %v arrays, want at most 12", allocs)
	}
}
