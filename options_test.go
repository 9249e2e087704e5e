package skipper

import (
	"reflect"
	"testing"
)

func TestRoutesFiles(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want []string
	}{
		{name: "empty", in: "", want: nil},
		{name: "one", in: "routes.eskip", want: []string{"routes.eskip"}},
		{name: "several with spaces", in: "a.eskip, b.eskip ,c.eskip", want: []string{"a.eskip", "b.eskip", "c.eskip"}},
		{name: "empty items dropped", in: ",a.eskip,,", want: []string{"a.eskip"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := &Options{RoutesFile: tt.in, WatchRoutesFile: tt.in}
			if got := o.RoutesFiles(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("RoutesFiles() got %q, want %q", got, tt.want)
			}
			if got := o.WatchRoutesFiles(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("WatchRoutesFiles() got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestForwardedHeadersEnabled(t *testing.T) {
	for _, tt := range []struct {
		name string
		h    ForwardedHeaders
		want bool
	}{
		{name: "zero", h: ForwardedHeaders{}, want: false},
		{name: "for", h: ForwardedHeaders{For: true}, want: true},
		{name: "proto", h: ForwardedHeaders{Proto: "auto"}, want: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Enabled(); got != tt.want {
				t.Errorf("Enabled() got %v, want %v", got, tt.want)
			}
		})
	}
}
