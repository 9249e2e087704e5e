package skipper

import (
	"net/http"
	"net/http/pprof"

	"github.com/openskipper/skipper/routing"
)

// supportHandler returns the handler of the support listener: /routes,
// and /debug/pprof/ with EnableProfile. Other paths get 404.
func (o *Options) supportHandler(rt *routing.Routing) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/routes", rt)
	mux.Handle("/routes/", rt)
	if o.EnableProfile {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	return mux
}
