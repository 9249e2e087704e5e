package filtertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.org/", nil)
	c := NewContext(r)
	rsp := &http.Response{StatusCode: 201}
	c.Serve(rsp)
	if c.Response() != rsp || !c.Served() || !c.FServedWithResponse {
		t.Errorf("got response %v served %v, want the served response", c.Response(), c.Served())
	}
	if rsp.Request != r || rsp.Header == nil || rsp.Body == nil {
		t.Errorf("got request %v header %v body %v, want them filled", rsp.Request, rsp.Header, rsp.Body)
	}
	if body, err := c.ReadBody(); body != "" || err != nil {
		t.Errorf("got body %q, %v, want empty", body, err)
	}
}

func TestMarkServed(t *testing.T) {
	c := &Context{}
	c.MarkServed()
	if !c.Served() || c.FServedWithResponse {
		t.Errorf("got served %v with response %v, want true, false", c.Served(), c.FServedWithResponse)
	}
	if c.ResponseWriter() == nil {
		t.Errorf("got nil response writer")
	}
}

func TestZeroValueDefaults(t *testing.T) {
	c := &Context{}
	c.StateBag()["k"] = "v"
	if c.FStateBag["k"] != "v" {
		t.Errorf("state bag got %v, want k=v", c.FStateBag)
	}
	if c.PathParam("x") != "" {
		t.Errorf("got a path param from an empty context")
	}
	c.Metrics().MeasureSince("k", time.Now())
	c.Metrics().IncCounter("k")
	c.Logger().Infof("%d", 1)
	if c.Tracer() == nil || c.ParentSpan() == nil {
		t.Errorf("got nil tracer or span")
	}
	if _, err := c.Split(); err == nil {
		t.Errorf("Split without request got no error")
	}
}

func TestAccessors(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.org/", nil)
	c := NewContext(r)
	if c.OutgoingHost() != "example.org" {
		t.Errorf("outgoing host got %q, want example.org", c.OutgoingHost())
	}
	c.SetOutgoingHost("b")
	c.FBackendUrl = "http://b"
	c.FRouteId = "r"
	c.FParams["id"] = "1"
	if c.OutgoingHost() != "b" || c.BackendUrl() != "http://b" || c.RouteId() != "r" || c.PathParam("id") != "1" {
		t.Errorf("accessors do not return the fields")
	}
	if c.OriginalRequest() != nil || c.OriginalResponse() != nil {
		t.Errorf("originals got non-nil")
	}
}

func TestSplitAndLoopback(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.org/", nil)
	c := NewContext(r)
	c.StateBag()["k"] = 1
	s, err := c.Split()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.StateBag()) != 0 || s.Request() == r || s.Request().URL.String() != r.URL.String() {
		t.Errorf("split got bag %v and request %v, want a fresh bag and a copy", s.StateBag(), s.Request())
	}
	s.Loopback()
	want := &http.Response{StatusCode: 204}
	c.FLoopbackResponse = want
	c.LoopbackWithResponse()
	if c.FLoopbacks != 1 || c.Response() != want {
		t.Errorf("got %d loopbacks and response %v, want 1 and the loopback response", c.FLoopbacks, c.Response())
	}
}
