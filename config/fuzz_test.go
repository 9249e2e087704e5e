package config

import (
	"strings"
	"testing"
)

// FuzzApplyYAML checks that no config file makes the reader panic.
func FuzzApplyYAML(f *testing.F) {
	for _, seed := range []string{
		"address: :1\nmax-loopbacks: 3\n",
		"routes-file: [a, b]\nedit-route: [/a/b/]\n",
		"a: &x [1, *x]\n",
		"default-filters-append: [status(200), 'comment(\"x\")']\n",
		"? [a]\n: b\n",
		"- - -\n",
		"forwarded-headers: X-Forwarded-Port=auto\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = New().applyYAML("config.yaml", data)
	})
}

// FuzzParse checks that no command line makes Parse panic.
func FuzzParse(f *testing.F) {
	for _, seed := range [][2]string{
		{"-edit-route", "/a/b/"},
		{"-forwarded-headers", "X-Forwarded-For"},
		{"-default-filters-prepend", "status(200)"},
		{"-max-loopbacks", "x"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		if strings.Contains(name, "config-file") {
			t.Skip("reading arbitrary files is not what this fuzzes")
		}
		_ = New().Parse([]string{name, value})
	})
}
