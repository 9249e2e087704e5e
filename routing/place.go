package routing

import (
	"errors"
	"strings"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing/pathtree"
)

// treePredicates is step 5: at most one Path or PathSubtree, with a string
// argument; its pattern decides the route's place in the tree.
func (b *builder) treePredicates(r *Route, def *eskip.Route) *InvalidRoute {
	name, pattern := "", ""
	var args []interface{}
	count := 0
	if r.Route.Path != "" {
		name, pattern = pathName, r.Route.Path
		count++
	}
	for _, p := range r.Route.Predicates {
		if p.Name == pathName || p.Name == pathSubtreeName {
			if count == 0 {
				name, args = p.Name, p.Args
			}
			count++
		}
	}
	if count > 1 {
		return invalidf(def, ReasonOther, "multiple tree predicates (Path, PathSubtree) in the route: %s: keep one", def.Id)
	}
	if count == 0 {
		return nil
	}
	if args != nil || pattern == "" {
		ok := len(args) == 1
		if ok {
			pattern, ok = args[0].(string)
		}
		if !ok {
			return invalidf(def, ReasonInvalidPredicateParams, "invalid predicate parameters: %s takes one string", name)
		}
	}
	var err error
	if name == pathName {
		err = b.placePath(r, pattern)
	} else {
		err = b.placeSubtree(r, pattern)
	}
	if err != nil {
		return invalidf(def, ReasonInvalidMatcher, "%s: %s(%q): %v", def.Id, name, pattern, err)
	}
	return nil
}

// placePath sets the tree key and parameter names of a Path route. An
// empty pattern makes a root route.
func (b *builder) placePath(r *Route, pattern string) error {
	if pattern == "" {
		return nil
	}
	key, names, err := pathtree.ParsePattern(pattern)
	if err != nil {
		return err
	}
	if b.ignoreTS && len(key) > 1 && key[len(key)-1] == '/' {
		key = key[:len(key)-1]
	}
	r.kind, r.key, r.params = kindPath, key, b.paramList(names)
	return nil
}

// placeSubtree sets the base key and parameter names of a PathSubtree
// route: a trailing /*name and a trailing / are stripped off the base.
func (b *builder) placeSubtree(r *Route, pattern string) error {
	name := "*"
	base := strings.TrimRight(pattern, "/")
	if i := strings.LastIndexByte(base, '/'); i >= 0 && i+1 < len(base) && base[i+1] == '*' {
		if n := base[i+2:]; n != "" && n != "*" {
			name = n
		}
		base = strings.TrimRight(base[:i], "/")
	}
	var names []string
	key := ""
	if base != "" {
		k, ns, err := pathtree.ParsePattern(base)
		if err != nil {
			return err
		}
		if len(ns) > 0 && strings.HasSuffix(k, "**") {
			return errors.New("a free wildcard cannot be followed by the subtree")
		}
		key = strings.TrimRight(k, "/")
		names = ns
	}
	r.kind, r.key = kindSubtree, key
	r.params = b.paramList(append(names[:len(names):len(names)], name))
	return nil
}

// paramList returns the shared copy of a list of parameter names.
func (b *builder) paramList(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	k := strings.Join(names, "/")
	if l, ok := b.paramLists[k]; ok {
		return l
	}
	b.paramLists[k] = names
	return names
}

// subtreeKeys returns the tree keys of a subtree route with base key key.
func subtreeKeys(key string, ignoreTS bool) []string {
	if key == "" {
		return []string{"/", "/**"}
	}
	if ignoreTS {
		return []string{key, key + "/**"}
	}
	return []string{key, key + "/", key + "/**"}
}
