package skipper

import (
	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/builtin"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/routing"
)

// filterRegistry returns the built-in filters without DisabledFilters,
// with CustomFilters added, replacing built-in ones of the same name.
func (o *Options) filterRegistry() filters.Registry {
	r := builtin.MakeRegistry()
	for _, name := range o.DisabledFilters {
		delete(r, name)
	}
	for _, s := range o.CustomFilters {
		if s != nil {
			r.Register(s)
		}
	}
	return r
}

// predicateSpecs returns the built-in predicates followed by
// CustomPredicates, and the Shutdown spec that run triggers. The built-in
// Shutdown spec, which watches SIGTERM itself, is replaced by one that only
// run triggers: Run owns the signals, so that a second one can end the
// process.
func (o *Options) predicateSpecs() ([]routing.PredicateSpec, *predicates.ShutdownSpec) {
	specs := predicates.Builtin()
	shutdown := predicates.NewShutdown()
	for i, s := range specs {
		if _, ok := s.(*predicates.ShutdownSpec); ok {
			specs[i] = shutdown
		}
	}
	return append(specs, o.CustomPredicates...), shutdown
}

// preProcessors returns the route pre-processors in their fixed order:
// default filters, clones, edits, the custom ones, and the <forward>
// rewrite last.
func (o *Options) preProcessors() []routing.PreProcessor {
	var pp []routing.PreProcessor
	if o.DefaultFilters != nil {
		pp = append(pp, o.DefaultFilters)
	}
	for _, c := range o.CloneRoute {
		if c != nil {
			pp = append(pp, c)
		}
	}
	for _, e := range o.EditRoute {
		if e != nil {
			pp = append(pp, e)
		}
	}
	for _, p := range o.CustomRoutingPreProcessors {
		if p != nil {
			pp = append(pp, p)
		}
	}
	if o.ForwardBackendURL != "" {
		pp = append(pp, eskip.ForwardPreProcessor(o.ForwardBackendURL))
	}
	return pp
}
