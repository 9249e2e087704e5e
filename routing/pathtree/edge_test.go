package pathtree

import "testing"

func TestEdgeMatches(t *testing.T) {
	tests := []struct {
		label, seg string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"a", "a", true},
		{"a", "a\x00", false},
		{"a\x00", "a", false},
		{"users", "users", true},
		{"users", "user", false},
		{"users", "usert", false},
		{"abcdefgh", "abcdefgh", true},
		{"abcdefgh", "abcdefghi", false},
		{"abcdefghi", "abcdefgh", false},
		{"abcdefgh-1", "abcdefgh-1", true},
		{"abcdefgh-1", "abcdefgh-2", false},
		{"abcdefgh-1", "xbcdefgh-1", false},
		{"ä", "ä", true},
	}
	for _, tt := range tests {
		t.Run(tt.label+"|"+tt.seg, func(t *testing.T) {
			e := newEdge(tt.label, &node[int]{})
			if got := e.matches(tt.seg, prefixWord(tt.seg)); got != tt.want {
				t.Errorf("edge %q matches %q: got %v, want %v", tt.label, tt.seg, got, tt.want)
			}
		})
	}
}
