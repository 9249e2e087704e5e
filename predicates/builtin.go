package predicates

import "github.com/openskipper/skipper/routing"

// Builtin returns new instances of all built-in predicate specs, for
// routing.Options.Predicates. Each call returns fresh values that share no
// state with those of another call.
//
// Its Shutdown spec is a *ShutdownSpec from NewShutdownOnSIGTERM: find it
// in the list to Trigger it, or to Close it when done.
func Builtin() []routing.PredicateSpec {
	return []routing.PredicateSpec{
		NewHostAny(),
		NewMethods(),
		NewCookie(),
		NewQueryParam(),
		NewTrue(),
		NewFalse(),
		NewTraffic(),
		NewTrafficSegment(),
		NewSource(),
		NewSourceFromLast(),
		NewClientIP(),
		NewAfter(),
		NewBefore(),
		NewBetween(),
		NewCron(),
		NewContentLengthBetween(),
		NewShutdownOnSIGTERM(),
		NewForwardedHost(),
		NewForwardedProtocol(),
		NewTee(),
		NewJWTPayloadAnyKV(),
		NewJWTPayloadAllKV(),
		NewJWTPayloadAnyKVRegexp(),
		NewJWTPayloadAllKVRegexp(),
		NewHeaderSHA256(),
	}
}
