package eskipfile

import "testing"

func TestMentionedIDs(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
		not  []string
	}{
		{"ids", "a: * -> <shunt>;\n  b_2 : * -> <shunt>", []string{"a", "b_2"}, []string{"shunt"}},
		{"broken route", `a: Path("/a) -> <shunt>; b:`, []string{"a", "b"}, []string{"Path"}},
		{"no digits first", `1a: x`, nil, []string{"1a", "a"}},
		{"colon at the start", `: a`, nil, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionedIDs(tt.doc)
			for _, id := range tt.want {
				if !got[id] {
					t.Errorf("mentionedIDs(%q): got %v, want it to hold %q", tt.doc, got, id)
				}
			}
			for _, id := range tt.not {
				if got[id] {
					t.Errorf("mentionedIDs(%q): got %v, want it not to hold %q", tt.doc, got, id)
				}
			}
		})
	}
}
