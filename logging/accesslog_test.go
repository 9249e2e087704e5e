package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// testTime is the request time of the test entries.
var testTime = time.Date(2024, time.March, 5, 14, 7, 9, 0, time.FixedZone("", 3600))

// newAccessRequest returns a request as the server would hand it over;
// header holds name, value pairs.
func newAccessRequest(method, uri, remote, host string, header ...string) *http.Request {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	return &http.Request{
		Method:     method,
		RequestURI: uri,
		Proto:      "HTTP/1.1",
		RemoteAddr: remote,
		Host:       host,
		Header:     h,
	}
}

// typicalEntry is a request with every field set.
func typicalEntry() *AccessEntry {
	return &AccessEntry{
		Request: newAccessRequest("GET", "/path/a?q=1&r=2", "192.0.2.1:51234", "example.org",
			"Referer", "https://ref.example/",
			"User-Agent", "curl/8.0",
			"X-Flow-Id", "fl0wId123",
			"X-Unverified-Audit", "audit-data"),
		StatusCode:   200,
		ResponseSize: 1234,
		RequestTime:  testTime,
		Duration:     15*time.Millisecond + 900*time.Microsecond,
	}
}

func logLine(t *testing.T, json, stripQuery bool, e *AccessEntry) string {
	t.Helper()
	var buf bytes.Buffer
	NewAccessLog(&buf, json, stripQuery).Log(e)
	return buf.String()
}

func TestAccessLogText(t *testing.T) {
	const ts = "[05/Mar/2024:14:07:09 +0100]"
	withRequest := func(r *http.Request) *AccessEntry {
		e := typicalEntry()
		e.Request = r
		return e
	}
	tests := []struct {
		name       string
		entry      *AccessEntry
		stripQuery bool
		want       string
	}{{
		name:  "typical",
		entry: typicalEntry(),
		want: `192.0.2.1 - - ` + ts + ` "GET /path/a?q=1&r=2 HTTP/1.1" 200 1234 "https://ref.example/" "curl/8.0" ` +
			"15 example.org fl0wId123 audit-data\n",
	}, {
		name:       "strip query",
		entry:      typicalEntry(),
		stripQuery: true,
		want: `192.0.2.1 - - ` + ts + ` "GET /path/a HTTP/1.1" 200 1234 "https://ref.example/" "curl/8.0" ` +
			"15 example.org fl0wId123 audit-data\n",
	}, {
		name: "auth user, status and size",
		entry: func() *AccessEntry {
			e := typicalEntry()
			e.AuthUser, e.StatusCode, e.ResponseSize, e.Duration = "jdoe", 503, 0, 2*time.Second
			return e
		}(),
		want: `192.0.2.1 - jdoe ` + ts + ` "GET /path/a?q=1&r=2 HTTP/1.1" 503 0 "https://ref.example/" "curl/8.0" ` +
			"2000 example.org fl0wId123 audit-data\n",
	}, {
		name:  "IPv6 remote address",
		entry: withRequest(newAccessRequest("POST", "/", "[2001:db8::1]:443", "h", "User-Agent", "ua")),
		want:  `2001:db8::1 - - ` + ts + ` "POST / HTTP/1.1" 200 1234 "-" "ua" 15 h - -` + "\n",
	}, {
		name:  "remote address without port",
		entry: withRequest(newAccessRequest("GET", "/", "192.0.2.9", "h")),
		want:  `192.0.2.9 - - ` + ts + ` "GET / HTTP/1.1" 200 1234 "-" "-" 15 h - -` + "\n",
	}, {
		name: "forwarded for, ports stripped and invalid entries dropped",
		entry: withRequest(newAccessRequest("GET", "/", "10.0.0.1:80", "h",
			"X-Forwarded-For", "203.0.113.5:8080, not-an-ip, [2001:db8::2]:80, , 198.51.100.7, unknown")),
		want: `203.0.113.5, 2001:db8::2, 198.51.100.7 - - ` + ts + ` "GET / HTTP/1.1" 200 1234 "-" "-" 15 h - -` + "\n",
	}, {
		name: "forwarded for without spaces, bracketed IPv6, zone",
		entry: withRequest(newAccessRequest("GET", "/", "10.0.0.1:80", "h",
			"X-Forwarded-For", "203.0.113.5,[2001:db8::3],fe80::1%eth0")),
		want: `203.0.113.5, 2001:db8::3, fe80::1%eth0 - - ` + ts + ` "GET / HTTP/1.1" 200 1234 "-" "-" 15 h - -` + "\n",
	}, {
		name: "forwarded for in several header lines",
		entry: withRequest(newAccessRequest("GET", "/", "10.0.0.1:80", "h",
			"X-Forwarded-For", "203.0.113.5", "X-Forwarded-For", "198.51.100.7:1")),
		want: `203.0.113.5, 198.51.100.7 - - ` + ts + ` "GET / HTTP/1.1" 200 1234 "-" "-" 15 h - -` + "\n",
	}, {
		name: "forwarded for without valid addresses",
		entry: withRequest(newAccessRequest("GET", "/", "10.0.0.1:80", "h",
			"X-Forwarded-For", "garbage, 300.1.1.1, [::1")),
		want: `10.0.0.1 - - ` + ts + ` "GET / HTTP/1.1" 200 1234 "-" "-" 15 h - -` + "\n",
	}, {
		name:  "empty request",
		entry: &AccessEntry{Request: &http.Request{}, RequestTime: testTime},
		want:  `- - - ` + ts + ` "- - -" 0 0 "-" "-" 0 - - -` + "\n",
	}, {
		name:  "no request",
		entry: &AccessEntry{StatusCode: 400, RequestTime: testTime, Duration: time.Millisecond - 1},
		want:  `- - - ` + ts + ` "- - -" 400 0 "-" "-" 0 - - -` + "\n",
	}, {
		name:  "zero time",
		entry: &AccessEntry{},
		want:  `- - - [01/Jan/0001:00:00:00 +0000] "- - -" 0 0 "-" "-" 0 - - -` + "\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := logLine(t, false, tt.stripQuery, tt.entry); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAccessLogJSON(t *testing.T) {
	const ts = `"timestamp":"05/Mar/2024:14:07:09 +0100"`
	tests := []struct {
		name       string
		entry      *AccessEntry
		stripQuery bool
		want       string
	}{{
		name:  "typical",
		entry: typicalEntry(),
		want: `{"audit":"audit-data","auth-user":"","duration":15,"flow-id":"fl0wId123","host":"192.0.2.1",` +
			`"level":"info","method":"GET","msg":"","proto":"HTTP/1.1","referer":"https://ref.example/",` +
			`"requested-host":"example.org","response-size":1234,"status":200,` + ts + `,` +
			`"uri":"/path/a?q=1\u0026r=2","user-agent":"curl/8.0"}` + "\n",
	}, {
		name:       "strip query and auth user",
		entry:      func() *AccessEntry { e := typicalEntry(); e.AuthUser = "jdoe"; return e }(),
		stripQuery: true,
		want: `{"audit":"audit-data","auth-user":"jdoe","duration":15,"flow-id":"fl0wId123","host":"192.0.2.1",` +
			`"level":"info","method":"GET","msg":"","proto":"HTTP/1.1","referer":"https://ref.example/",` +
			`"requested-host":"example.org","response-size":1234,"status":200,` + ts + `,` +
			`"uri":"/path/a","user-agent":"curl/8.0"}` + "\n",
	}, {
		name:  "no request",
		entry: &AccessEntry{StatusCode: 404, RequestTime: testTime},
		want: `{"audit":"","auth-user":"","duration":0,"flow-id":"","host":"","level":"info","method":"",` +
			`"msg":"","proto":"","referer":"","requested-host":"","response-size":0,"status":404,` + ts + `,` +
			`"uri":"","user-agent":""}` + "\n",
	}, {
		name: "additional data, sorted in, replacing and renamed",
		entry: func() *AccessEntry {
			e := typicalEntry()
			e.Request = newAccessRequest("GET", "/", "[2001:db8::1]:1", "h", "X-Forwarded-For", "1.2.3.4:5, [::1]:6")
			e.AdditionalData = map[string]interface{}{
				"a":      1,
				"method": "OVERRIDE",
				"level":  "debug",
				"msg":    "m",
				"time":   "t",
				"zz":     []string{"x", "<y>"},
				"nil":    nil,
				"err":    errors.New(`bad "thing"`),
				"bool":   true,
				"float":  1.5,
				"chan":   make(chan int),
			}
			return e
		}(),
		want: `{"a":1,"audit":"","auth-user":"","bool":true,"chan":"json: unsupported type: chan int",` +
			`"duration":15,"err":"bad \"thing\"","fields.level":"debug","fields.msg":"m","fields.time":"t",` +
			`"float":1.5,"flow-id":"","host":"1.2.3.4, ::1","level":"info","method":"OVERRIDE","msg":"",` +
			`"nil":null,"proto":"HTTP/1.1","referer":"","requested-host":"h","response-size":1234,"status":200,` +
			ts + `,"uri":"/","user-agent":"","zz":["x","\u003cy\u003e"]}` + "\n",
	}, {
		name: "renamed field replaces the field of its new name",
		entry: &AccessEntry{RequestTime: testTime, AdditionalData: map[string]interface{}{
			"fields.msg": "old", "msg": "new", "fields.a": "kept",
		}},
		want: `{"audit":"","auth-user":"","duration":0,"fields.a":"kept","fields.msg":"new","flow-id":"",` +
			`"host":"","level":"info","method":"","msg":"","proto":"","referer":"","requested-host":"",` +
			`"response-size":0,"status":0,` + ts + `,"uri":"","user-agent":""}` + "\n",
	}, {
		name: "escaping",
		entry: func() *AccessEntry {
			e := typicalEntry()
			e.Request = newAccessRequest("GET", "/", "weird\"host\x01", "h",
				"User-Agent", "a\"b\\c<d>&e\n\t\x7f\u2028\xff☺")
			e.AuthUser = "\u00e9"
			return e
		}(),
		want: `{"audit":"","auth-user":"é","duration":15,"flow-id":"","host":"weird\"host\u0001",` +
			`"level":"info","method":"GET","msg":"","proto":"HTTP/1.1","referer":"","requested-host":"h",` +
			`"response-size":1234,"status":200,` + ts + `,"uri":"/",` +
			`"user-agent":"a\"b\\c\u003cd\u003e\u0026e\n\t` + "\x7f" + `\u2028\ufffd☺"}` + "\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := logLine(t, true, tt.stripQuery, tt.entry)
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			var m map[string]interface{}
			if err := json.Unmarshal([]byte(got), &m); err != nil {
				t.Errorf("line %q is not JSON: %v", got, err)
			}
		})
	}
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	tests := []string{
		"", "plain", `"quoted"`, `back\slash`, "<html>&amp;", "\x00\x01\x1f\x7f",
		"\b\f\n\r\t", "\u2028\u2029", "\xff\xfe", "a\xc3", "☺ é 日本", "\U0001F600", "\xed\xa0\x80",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			want, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if got := appendJSONString(nil, s); string(got) != string(want) {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a<b", "\x00\u2028\xff", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("got %s, want %s", got, want)
		}
		host := escapeJSONTail([]byte("x"+s), 1)
		if string(host) != "x"+string(want[1:len(want)-1]) {
			t.Errorf("escapeJSONTail: got %s, want x%s", host, want[1:len(want)-1])
		}
	})
}

// writeRecorder records each Write call.
type writeRecorder struct {
	mu     sync.Mutex
	writes []string
}

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func TestAccessLogConcurrentWholeLines(t *testing.T) {
	for _, asJSON := range []bool{false, true} {
		t.Run(map[bool]string{false: "text", true: "JSON"}[asJSON], func(t *testing.T) {
			var w writeRecorder
			l := NewAccessLog(&w, asJSON, false)
			const goroutines, each = 8, 50
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						e := typicalEntry()
						e.Request.Header.Set("User-Agent", strings.Repeat("u", g*100+i))
						e.AdditionalData = map[string]interface{}{"g": g, "i": i}
						l.Log(e)
					}
				}()
			}
			wg.Wait()
			if len(w.writes) != goroutines*each {
				t.Fatalf("writes: got %d, want %d", len(w.writes), goroutines*each)
			}
			seen := map[string]bool{}
			for _, line := range w.writes {
				if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") {
					t.Fatalf("write %q is not one line", line)
				}
				if seen[line] && asJSON {
					t.Errorf("line %q written twice", line)
				}
				seen[line] = true
				if asJSON && !json.Valid([]byte(line)) {
					t.Errorf("line %q is not JSON", line)
				}
			}
		})
	}
}

func TestAccessLogNil(t *testing.T) {
	var buf bytes.Buffer
	NewAccessLog(&buf, false, false).Log(nil)
	var l *AccessLog
	l.Log(typicalEntry())
	if buf.Len() != 0 {
		t.Errorf("got %q, want nothing", buf.String())
	}
}

func BenchmarkAccessLogText(b *testing.B) {
	l := NewAccessLog(io.Discard, false, false)
	e := typicalEntry()
	e.Request.Header.Set("X-Forwarded-For", "203.0.113.5, 198.51.100.7:80")
	b.ReportAllocs()
	for b.Loop() {
		l.Log(e)
	}
}

func BenchmarkAccessLogJSON(b *testing.B) {
	l := NewAccessLog(io.Discard, true, false)
	e := typicalEntry()
	e.Request.Header.Set("X-Forwarded-For", "203.0.113.5, 198.51.100.7:80")
	e.AdditionalData = map[string]interface{}{"route-id": "r1", "retries": 2}
	b.ReportAllocs()
	for b.Loop() {
		l.Log(e)
	}
}

func TestStripPort(t *testing.T) {
	tests := []struct{ in, want string }{
		{"192.0.2.1:80", "192.0.2.1"},
		{"192.0.2.1", "192.0.2.1"},
		{"192.0.2.1:", "192.0.2.1"},
		{"192.0.2.1:http", "192.0.2.1:http"},
		{"[2001:db8::1]:443", "2001:db8::1"},
		{"[2001:db8::1]", "2001:db8::1"},
		{"[2001:db8::1]x", "[2001:db8::1]x"},
		{"[2001:db8::1", "[2001:db8::1"},
		{"2001:db8::1", "2001:db8::1"},
		{"host.example:8080", "host.example"},
		{"", ""},
		{"@", "@"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripPort(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
