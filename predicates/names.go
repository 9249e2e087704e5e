package predicates

import "errors"

// ErrInvalidPredicateParameters is wrapped by every error a spec of this
// package returns from Create; test for it with errors.Is.
var ErrInvalidPredicateParameters = errors.New("invalid predicate parameters")

// The names of skipper's predicates, as written in eskip. Path,
// PathSubtree, PathRegexp, Host, Method, Header, HeaderRegexp and Weight are
// handled by the routing itself and have no spec in this package.
const (
	PathName                  = "Path"
	PathSubtreeName           = "PathSubtree"
	PathRegexpName            = "PathRegexp"
	HostName                  = "Host"
	HostAnyName               = "HostAny"
	ForwardedHostName         = "ForwardedHost"
	ForwardedProtocolName     = "ForwardedProtocol"
	WeightName                = "Weight"
	TrueName                  = "True"
	FalseName                 = "False"
	ShutdownName              = "Shutdown"
	MethodName                = "Method"
	MethodsName               = "Methods"
	HeaderName                = "Header"
	HeaderRegexpName          = "HeaderRegexp"
	CookieName                = "Cookie"
	JWTPayloadAnyKVName       = "JWTPayloadAnyKV"
	JWTPayloadAllKVName       = "JWTPayloadAllKV"
	JWTPayloadAnyKVRegexpName = "JWTPayloadAnyKVRegexp"
	JWTPayloadAllKVRegexpName = "JWTPayloadAllKVRegexp"
	HeaderSHA256Name          = "HeaderSHA256"
	AfterName                 = "After"
	BeforeName                = "Before"
	BetweenName               = "Between"
	CronName                  = "Cron"
	QueryParamName            = "QueryParam"
	SourceName                = "Source"
	SourceFromLastName        = "SourceFromLast"
	ClientIPName              = "ClientIP"
	TeeName                   = "Tee"
	TrafficName               = "Traffic"
	TrafficSegmentName        = "TrafficSegment"
	ContentLengthBetweenName  = "ContentLengthBetween"
)
