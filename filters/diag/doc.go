// Package diag holds route-level filters that do not touch the backend
// call: status, which overwrites the response status, and comment, which
// does nothing.
package diag
