// Package routegen writes eskip documents that look like the routes of a
// large Kubernetes ingress, and requests that match them, for benchmarks of
// the parser, the table build and the route lookup.
//
// The routes come in groups of Options.RoutesPerHost that belong to one
// application: a namespace, a name, a host and a set of backend addresses.
// Most applications are routed by host: their routes have an anchored Host
// regexp and paths from a shared vocabulary ("/api/v2/orders/:id/items"),
// so many hosts share one path. The others are routed by path alone, under
// a prefix of their own ("/checkout-4711/..."). Every route has one to three
// filters and a network, load-balanced or shunt backend. A comment line
// starts each application.
//
// The output depends only on the Options: the same options give the same
// bytes, on every platform and Go version that keeps math/rand/v2's PCG.
// Route i is derived from the seed and i alone, so Requests can describe a
// route without generating the whole document.
//
// The package produces text only; it does not import the eskip package.
package routegen

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
)

// DefaultRoutesPerHost is the size of an application's route group when
// Options.RoutesPerHost is zero.
const DefaultRoutesPerHost = 8

// Options select a generated document.
type Options struct {
	// N is the number of routes.
	N int
	// Seed selects the document. Every value, zero included, is valid.
	Seed uint64
	// RoutesPerHost is the number of routes of one application, which
	// share a host, a namespace and the backend addresses. Zero means
	// DefaultRoutesPerHost. The last application may have fewer routes.
	RoutesPerHost int
}

func (o Options) perHost() int {
	if o.RoutesPerHost <= 0 {
		return DefaultRoutesPerHost
	}
	return o.RoutesPerHost
}

// Request describes an HTTP request that matches one generated route.
type Request struct {
	// RouteID is the id of the route the request was made for. Within the
	// document, no other route that matches the request has a higher
	// priority, so a correct router returns this route.
	RouteID string
	// Method is the request method, GET unless the route requires another.
	Method string
	// Host is the request's host, without a port.
	Host string
	// Path is the request path, with the route's parameters filled in.
	Path string
	// Header holds the headers the route requires, or is nil.
	Header http.Header
}

// Write writes the document selected by o to w, one route per line, in the
// form `id: predicates -> filters -> backend;`. It returns the first error
// of w.
func Write(w io.Writer, o Options) error {
	if o.N < 0 {
		return fmt.Errorf("routegen: negative number of routes %d", o.N)
	}
	g := newGenerator(o)
	const flushAt = 64 << 10
	buf := make([]byte, 0, flushAt+4096)
	var a app
	for i := 0; i < o.N; i++ {
		if i%g.perHost == 0 {
			g.app(&a, i/g.perHost)
			buf = g.appendComment(buf, &a)
		}
		buf = g.appendRoute(buf, &a, i)
		if len(buf) >= flushAt {
			if _, err := w.Write(buf); err != nil {
				return fmt.Errorf("routegen: writing routes: %w", err)
			}
			buf = buf[:0]
		}
	}
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("routegen: writing routes: %w", err)
	}
	return nil
}

// Generate returns the document selected by o as a string. A negative N
// gives an empty document.
func Generate(o Options) string {
	if o.N < 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(o.N * 200) // about 190 bytes per route, comments included
	_ = Write(&b, o)  // a strings.Builder never fails
	return b.String()
}

// Requests returns k requests, each matching one route of the document
// selected by o. The routes are drawn at random (with repetition) from the
// whole document, deterministically for a given o and k. Routes with a
// Traffic predicate match only by chance and are never drawn. It returns
// nil when the document has no such route or k is not positive.
func Requests(o Options, k int) []Request {
	if o.N <= 0 || k <= 0 {
		return nil
	}
	g := newGenerator(o)
	pick := rand.New(rand.NewPCG(o.Seed, 0x7265717565737473)) // "requests"
	out := make([]Request, 0, k)
	var a app
	for len(out) < k {
		start := pick.IntN(o.N)
		found := false
		for step := 0; step < o.N; step++ {
			i := (start + step) % o.N
			g.app(&a, i/g.perHost)
			s := g.preds(&a, i)
			if s.traffic != 0 {
				continue
			}
			out = append(out, g.request(&a, &s, i))
			found = true
			break
		}
		if !found {
			return nil
		}
	}
	return out
}

// FilterNames returns the names of all filters the generator uses, for
// benchmarks that build routing tables with a registry of stand-ins.
func FilterNames() []string {
	return strings.Fields(filterNameWords)
}

// PredicateNames returns the names of all predicates the generator uses,
// including those the parser moves into the Route fields (Host, Path,
// Method, Header).
func PredicateNames() []string {
	return strings.Fields(predicateNameWords)
}

const (
	filterNameWords = "setRequestHeader setResponseHeader appendResponseHeader dropRequestHeader " +
		"setPath modPath status inlineContent redirectTo clusterRatelimit ratelimit compress flowId"
	predicateNameWords = "Host Path PathSubtree Method Header Weight Traffic"

	teamWords = "pay shop search fulfil brand media auth catalog pricing checkout growth data infra " +
		"mobile partner returns stock sizing content ads"
	nameWords = "cart checkout api web shop search img auth user order price stock review feed " +
		"gateway promo wish ship track report admin cms"
	domainWords = "example.org example.com example.net"
	// prefixWords are the path prefixes of host-routed applications; "-"
	// stands for none.
	prefixWords = "/api /api/v1 /api/v2 /api/v3 /v1 /v2 /rest /public /internal /m/v1 /b2b - - -"
	// resourceWords has a prime number (61) of entries, so that any stride
	// walks all of them.
	resourceWords = "users orders items carts payments products reviews sessions tokens images " +
		"reports events customers invoices shipments returns stores brands offers prices " +
		"stocks tags notes files teams roles groups accounts addresses wishlists coupons " +
		"campaigns banners pages articles videos comments ratings queries suggest " +
		"categories sizes colors vouchers refunds orgs members plans quotas jobs tasks " +
		"alerts logs metrics feeds health config flags labels zones routes"
	subWords = "items lines history status details photos prices events notes links settings " +
		"members owners children variants"
	methodWords = "GET POST PUT DELETE PATCH"
	lbAlgoWords = "roundRobin random consistentHash powerOfRandomNChoices"
)

// vocabulary holds the word lists, split once per generator.
type vocabulary struct {
	teams, names, domains, prefixes, resources, subs, methods, lbAlgos []string
}

func newVocabulary() vocabulary {
	return vocabulary{
		teams:     strings.Fields(teamWords),
		names:     strings.Fields(nameWords),
		domains:   strings.Fields(domainWords),
		prefixes:  strings.Fields(prefixWords),
		resources: strings.Fields(resourceWords),
		subs:      strings.Fields(subWords),
		methods:   strings.Fields(methodWords),
		lbAlgos:   strings.Fields(lbAlgoWords),
	}
}

// generator derives applications and routes from the seed. Each app and
// each route reseeds the one PCG, so none depends on the ones before it.
type generator struct {
	seed    uint64
	perHost int
	v       vocabulary
	pcg     *rand.PCG
	r       *rand.Rand
}

func newGenerator(o Options) *generator {
	pcg := rand.NewPCG(0, 0)
	return &generator{
		seed:    o.Seed,
		perHost: o.perHost(),
		v:       newVocabulary(),
		pcg:     pcg,
		r:       rand.New(pcg),
	}
}

// mix spreads consecutive integers over the 64-bit space (SplitMix64's
// finaliser), so that neighbouring routes get unrelated PCG streams.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Stream tags keep the app, route and request streams apart.
const (
	streamApp     = 1
	streamRoute   = 2
	streamRequest = 3
)

func (g *generator) reseed(stream, n uint64) {
	g.pcg.Seed(g.seed^mix(stream), mix(n))
}

// app is what the routes of one application share.
type app struct {
	index    int
	team     string
	name     string // e.g. "checkout_4711", as used in route ids
	host     string // e.g. "checkout-4711.example.org"
	hostRx   string // e.g. "^checkout-4711[.]example[.]org$"
	hosted   bool   // routed by Host; otherwise by a path prefix of its own
	prefix   string // path prefix, "" or e.g. "/api/v2" or "/checkout-4711"
	rootTree bool   // the first route is PathSubtree("/")
	resStart int
	resStep  int
	ipA      int
	ipB      int
	port     int
}

func (g *generator) app(a *app, index int) {
	if a.host != "" && a.index == index {
		return
	}
	g.reseed(streamApp, uint64(index))
	r := g.r
	name := g.v.names[r.IntN(len(g.v.names))]
	num := strconv.Itoa(index)
	domain := g.v.domains[r.IntN(len(g.v.domains))]
	*a = app{
		index:    index,
		team:     g.v.teams[r.IntN(len(g.v.teams))],
		name:     name + "_" + num,
		host:     name + "-" + num + "." + domain,
		hosted:   r.IntN(100) < 70,
		resStart: r.IntN(len(g.v.resources)),
		resStep:  coprimeStep(r, len(g.v.resources)),
		ipA:      r.IntN(256),
		ipB:      r.IntN(256),
		port:     [...]int{8080, 8080, 8080, 9090, 80, 3000}[r.IntN(6)],
	}
	a.hostRx = "^" + strings.ReplaceAll(a.host, ".", "[.]") + "$"
	if a.hosted {
		p := g.v.prefixes[r.IntN(len(g.v.prefixes))]
		if p != "-" {
			a.prefix = p
		}
		a.rootTree = r.IntN(100) < 3
	} else {
		a.prefix = "/" + name + "-" + num
		if r.IntN(2) == 0 {
			a.prefix += "/api"
		}
	}
}

// coprimeStep returns a step in [1, n) that shares no factor with n, so
// that n steps visit n distinct positions (1 when n < 2).
func coprimeStep(r *rand.Rand, n int) int {
	if n < 3 {
		return 1
	}
	for {
		step := 1 + r.IntN(n-1)
		a, b := step, n
		for b != 0 {
			a, b = b, a%b
		}
		if a == 1 {
			return step
		}
	}
}

// Path shapes.
const (
	shapeList    = iota // Path("/p/res")
	shapeItem           // Path("/p/res/:id")
	shapeSub            // Path("/p/res/:id/sub")
	shapeSubItem        // Path("/p/res/:id/sub/:subId")
	shapeRest           // Path("/p/res/*rest")
	shapeSubtree        // PathSubtree("/p/res")
	shapeRoot           // PathSubtree("/")
)

// spec holds a route's predicates: what Requests needs to know.
type spec struct {
	res     string
	sub     string
	shape   int
	method  string
	header  [2]string
	weight  int
	traffic float64
}

// resource returns the slot's resource; the slots of one app get distinct
// resources (a suffix tells them apart beyond the vocabulary's size).
func (g *generator) resource(a *app, slot int) string {
	n := len(g.v.resources)
	res := g.v.resources[(a.resStart+slot*a.resStep)%n]
	if slot >= n {
		res += strconv.Itoa(slot / n)
	}
	return res
}

// preds reseeds the route stream for route i and draws its predicates. The
// caller may go on drawing the route's filters and backend from g.r.
func (g *generator) preds(a *app, i int) spec {
	g.reseed(streamRoute, uint64(i))
	r := g.r
	slot := i % g.perHost
	s := spec{res: g.resource(a, slot)}
	switch p := r.IntN(100); {
	case slot == 0 && a.rootTree:
		s.shape = shapeRoot
	case p < 15:
		s.shape = shapeList
	case p < 45:
		s.shape = shapeItem
	case p < 70:
		s.shape = shapeSub
	case p < 82:
		s.shape = shapeSubItem
	case p < 85:
		s.shape = shapeRest
	default:
		s.shape = shapeSubtree
	}
	s.sub = g.v.subs[r.IntN(len(g.v.subs))]
	if r.IntN(100) < 20 {
		s.method = g.v.methods[r.IntN(len(g.v.methods))]
	}
	if r.IntN(100) < 6 {
		if r.IntN(2) == 0 {
			s.header = [2]string{"X-Canary", "true"}
		} else {
			s.header = [2]string{"Accept", "application/json"}
		}
	}
	if r.IntN(100) < 5 {
		s.weight = 2 + r.IntN(4)
	}
	if r.IntN(100) < 3 {
		s.traffic = [...]float64{0.1, 0.3, 0.5}[r.IntN(3)]
	}
	return s
}

// appendComment appends the comment line that starts app a's routes.
func (g *generator) appendComment(b []byte, a *app) []byte {
	b = append(b, "// "...)
	b = append(b, a.team...)
	b = append(b, '/')
	b = append(b, a.name...)
	if a.hosted {
		b = append(b, ' ')
		b = append(b, a.host...)
	}
	return append(b, '\n')
}

// appendRoute appends route i of app a as one line.
func (g *generator) appendRoute(b []byte, a *app, i int) []byte {
	s := g.preds(a, i)
	r := g.r

	b = g.appendID(b, a, &s, i)
	b = append(b, ": "...)

	if a.hosted {
		b = append(b, "Host(/"...)
		b = append(b, a.hostRx...)
		b = append(b, "/) && "...)
	}
	if s.shape == shapeSubtree || s.shape == shapeRoot {
		b = append(b, "PathSubtree(\""...)
	} else {
		b = append(b, "Path(\""...)
	}
	b = appendPathPattern(b, a, &s)
	b = append(b, "\")"...)
	if s.method != "" {
		b = append(b, ` && Method("`...)
		b = append(b, s.method...)
		b = append(b, `")`...)
	}
	if s.header[0] != "" {
		b = append(b, ` && Header("`...)
		b = append(b, s.header[0]...)
		b = append(b, `", "`...)
		b = append(b, s.header[1]...)
		b = append(b, `")`...)
	}
	if s.weight != 0 {
		b = append(b, " && Weight("...)
		b = strconv.AppendInt(b, int64(s.weight), 10)
		b = append(b, ')')
	}
	if s.traffic != 0 {
		b = append(b, " && Traffic("...)
		b = strconv.AppendFloat(b, s.traffic, 'f', -1, 64)
		b = append(b, ')')
	}

	backend := r.IntN(100)
	shunt := backend < 7
	nf := 1
	if p := r.IntN(100); p < 25 {
		nf = 2
	} else if p < 30 {
		nf = 3
	}
	var used uint32 // filter kinds already in this route
	for f := 0; f < nf; f++ {
		b = append(b, " -> "...)
		if shunt && f == nf-1 {
			b = g.appendShuntFilter(b, a)
			continue
		}
		kind := g.filterKind()
		for used&(1<<kind) != 0 {
			kind = g.filterKind()
		}
		used |= 1 << kind
		b = g.appendFilter(b, kind, a, &s)
	}

	b = append(b, " -> "...)
	switch {
	case shunt:
		b = append(b, "<shunt>"...)
	case backend < 85:
		b = append(b, '"')
		b = appendEndpoint(b, a, r.IntN(256))
		b = append(b, '"')
	default:
		b = append(b, '<')
		if r.IntN(10) != 0 {
			b = append(b, g.v.lbAlgos[r.IntN(len(g.v.lbAlgos))]...)
			b = append(b, ", "...)
		}
		n := 2 + r.IntN(2)
		first := r.IntN(250)
		for e := 0; e < n; e++ {
			if e > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '"')
			b = appendEndpoint(b, a, first+e)
			b = append(b, '"')
		}
		b = append(b, '>')
	}
	return append(b, ";\n"...)
}

// appendPathPattern appends the argument of the route's Path or
// PathSubtree predicate.
func appendPathPattern(b []byte, a *app, s *spec) []byte {
	if s.shape == shapeRoot {
		return append(b, '/')
	}
	b = append(b, a.prefix...)
	b = append(b, '/')
	b = append(b, s.res...)
	switch s.shape {
	case shapeItem:
		b = append(b, "/:id"...)
	case shapeSub:
		b = append(b, "/:id/"...)
		b = append(b, s.sub...)
	case shapeSubItem:
		b = append(b, "/:id/"...)
		b = append(b, s.sub...)
		b = append(b, "/:subId"...)
	case shapeRest:
		b = append(b, "/*rest"...)
	}
	return b
}

func appendEndpoint(b []byte, a *app, last int) []byte {
	b = append(b, "http://10."...)
	b = strconv.AppendInt(b, int64(a.ipA), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(a.ipB), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(last%256), 10)
	b = append(b, ':')
	return strconv.AppendInt(b, int64(a.port), 10)
}

// Filter kinds, drawn with the weights in filterWeights.
const (
	filterTeamHeader = iota
	filterCacheControl
	filterDropCookie
	filterSetPath
	filterModPath
	filterClusterRatelimit
	filterRatelimit
	filterCompress
	filterFlowID
	filterFrameOptions
	numFilterKinds
)

// filterKind draws a filter kind: cumulative weights out of 100.
func (g *generator) filterKind() int {
	cum := [numFilterKinds]int{28, 36, 42, 50, 62, 72, 78, 88, 95, 100}
	p := g.r.IntN(100)
	for k, c := range cum {
		if p < c {
			return k
		}
	}
	return numFilterKinds - 1
}

// appendFilter appends one filter call of the given kind, drawing its
// numbers from g.r.
func (g *generator) appendFilter(b []byte, kind int, a *app, s *spec) []byte {
	r := g.r
	switch kind {
	case filterTeamHeader:
		b = append(b, `setRequestHeader("X-Team", "`...)
		b = append(b, a.team...)
		b = append(b, `")`...)
	case filterCacheControl:
		b = append(b, `setResponseHeader("Cache-Control", "no-store")`...)
	case filterDropCookie:
		b = append(b, `dropRequestHeader("Cookie")`...)
	case filterSetPath:
		b = append(b, `setPath("/`...)
		b = append(b, s.res...)
		b = append(b, `")`...)
	case filterModPath:
		b = append(b, `modPath("^`...)
		b = append(b, a.prefix...)
		b = append(b, `/", "/v`...)
		b = strconv.AppendInt(b, int64(1+r.IntN(3)), 10)
		b = append(b, `/")`...)
	case filterClusterRatelimit:
		b = append(b, `clusterRatelimit("`...)
		b = append(b, a.name...)
		b = append(b, `", `...)
		b = strconv.AppendInt(b, int64(10*(1+r.IntN(50))), 10)
		b = append(b, `, "1m")`...)
	case filterRatelimit:
		b = append(b, `ratelimit(`...)
		b = strconv.AppendInt(b, int64(100*(1+r.IntN(10))), 10)
		b = append(b, `, "1s")`...)
	case filterCompress:
		b = append(b, `compress()`...)
	case filterFlowID:
		b = append(b, `flowId("reuse")`...)
	default:
		b = append(b, `appendResponseHeader("X-Frame-Options", "DENY")`...)
	}
	return b
}

// appendShuntFilter appends the filter that answers a shunt route.
func (g *generator) appendShuntFilter(b []byte, a *app) []byte {
	switch g.r.IntN(3) {
	case 0:
		b = append(b, `status(`...)
		b = strconv.AppendInt(b, int64([...]int{200, 201, 204, 404, 410, 503}[g.r.IntN(6)]), 10)
		b = append(b, ')')
	case 1:
		b = append(b, `inlineContent("ok")`...)
	default:
		b = append(b, `redirectTo(308, "https://`...)
		b = append(b, a.host...)
		b = append(b, `")`...)
	}
	return b
}

// request builds a request for route i of app a with predicates s.
func (g *generator) request(a *app, s *spec, i int) Request {
	g.reseed(streamRequest, uint64(i))
	r := g.r
	id := string(g.appendID(nil, a, s, i))
	host := a.host
	if !a.hosted {
		host = "gateway.example.org"
	}
	var p strings.Builder
	switch s.shape {
	case shapeRoot:
		p.WriteString("/")
		if r.IntN(2) == 0 {
			p.WriteString("index.html")
		}
	default:
		p.WriteString(a.prefix)
		p.WriteByte('/')
		p.WriteString(s.res)
		switch s.shape {
		case shapeItem, shapeSub, shapeSubItem:
			p.WriteByte('/')
			p.WriteString(strconv.Itoa(1 + r.IntN(1_000_000)))
			if s.shape != shapeItem {
				p.WriteByte('/')
				p.WriteString(s.sub)
			}
			if s.shape == shapeSubItem {
				p.WriteByte('/')
				p.WriteString(strconv.Itoa(1 + r.IntN(1000)))
			}
		case shapeRest:
			p.WriteString("/static/app.")
			p.WriteString(strconv.Itoa(r.IntN(100)))
			p.WriteString(".js")
		case shapeSubtree:
			if r.IntN(3) != 0 {
				p.WriteString("/x/")
				p.WriteString(strconv.Itoa(r.IntN(1000)))
			}
		}
	}
	req := Request{RouteID: id, Method: "GET", Host: host, Path: p.String()}
	if s.method != "" {
		req.Method = s.method
	}
	if s.header[0] != "" {
		req.Header = http.Header{}
		req.Header.Set(s.header[0], s.header[1])
	}
	return req
}

// appendID appends route i's id, kube_<team>__<name>_<app>__<resource>_<slot>,
// which is unique because the app number and the slot are.
func (g *generator) appendID(b []byte, a *app, s *spec, i int) []byte {
	b = append(b, "kube_"...)
	b = append(b, a.team...)
	b = append(b, "__"...)
	b = append(b, a.name...)
	b = append(b, "__"...)
	b = append(b, s.res...)
	b = append(b, '_')
	return strconv.AppendInt(b, int64(i%g.perHost), 10)
}
