package proxy

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

// upgradeAuditLog writes one JSON line per upgraded connection
// (-experimental-upgrade-audit). A nil *upgradeAuditLog logs nothing.
type upgradeAuditLog struct {
	mu  sync.Mutex
	enc *json.Encoder
}

// upgradeAuditEntry is the line written for one upgraded connection: the
// request as sent to the backend.
type upgradeAuditEntry struct {
	Method   string `json:"method"`
	Path     string `json:"path"`
	Query    string `json:"query"`
	Fragment string `json:"fragment"`
}

// newUpgradeAuditLog returns an audit log writing to w, or nil when w is
// nil.
func newUpgradeAuditLog(w io.Writer) *upgradeAuditLog {
	if w == nil {
		return nil
	}
	return &upgradeAuditLog{enc: json.NewEncoder(w)}
}

// log writes the line of the upgrade request r. Lines of concurrent
// upgrades do not interleave; a write error is ignored, as for the access
// log.
func (l *upgradeAuditLog) log(r *http.Request) {
	if l == nil {
		return
	}
	e := upgradeAuditEntry{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Fragment: r.URL.Fragment}
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.enc.Encode(&e)
}
