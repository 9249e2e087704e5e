// Package tee holds the tee filter, which sends an asynchronous shadow
// copy of each request to a second backend and ignores its response.
//
// The shadow copy never slows the main request: at most MaxInFlight
// shadow requests of one filter run at a time and the copies beyond are
// dropped; the copy of the request body is buffered at most
// MaxShadowBuffer bytes ahead of the shadow backend, and a shadow copy
// that falls further behind is aborted; a shadow request takes at most
// ShadowTimeout. The filter's Close cancels the shadow requests in flight
// and waits for them.
package tee
