package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestFixedBody(t *testing.T) {
	tests := []struct {
		name   string
		method string
		target string
		body   string
	}{
		{"get root", http.MethodGet, "/", ""},
		{"get any path", http.MethodGet, "/api/v2/orders/17/items?x=1", ""},
		{"post with body", http.MethodPost, "/upload", "payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			rec := httptest.NewRecorder()
			fixedBody(body).ServeHTTP(rec, req)
			res := rec.Result()
			got, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				t.Errorf("status got %d, want %d", res.StatusCode, http.StatusOK)
			}
			if string(got) != body {
				t.Errorf("body got %q, want %q", got, body)
			}
			if cl, want := res.Header.Get("Content-Length"), strconv.Itoa(len(body)); cl != want {
				t.Errorf("Content-Length got %q, want %q", cl, want)
			}
		})
	}
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"zero procs", []string{"-procs", "0"}},
		{"extra argument", []string{"x"}},
		{"bad address", []string{"-address", "127.0.0.1:notaport"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := run(tt.args, io.Discard); err == nil {
				t.Errorf("run(%q) got no error, want one", tt.args)
			}
		})
	}
}
