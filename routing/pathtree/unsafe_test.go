package pathtree

import (
	"testing"
	"unsafe"
)

// unsafeData returns the address of a string's bytes, to tell whether two
// equal strings share them.
func unsafeData(s string) *byte { return unsafe.StringData(s) }

func TestNodeSize(t *testing.T) {
	if got := unsafe.Sizeof(node[*int]{}); got != 64 {
		t.Errorf("node with a pointer value: got %d bytes, want 64 (one cache line)", got)
	}
	if got := unsafe.Sizeof(edge[*int]{}); got != 32 {
		t.Errorf("edge: got %d bytes, want 32", got)
	}
}
