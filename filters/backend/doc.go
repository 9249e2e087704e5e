// Package backend holds the filters that choose where and with which Host
// a request goes: preserveHost, and the setDynamicBackend... filters that
// give a <dynamic> route its target through the state bag keys
// filters.DynamicBackendURLKey, DynamicBackendHostKey and
// DynamicBackendSchemeKey.
package backend
