#!/usr/bin/env bash
# Measures the wall time and the peak resident memory of `eskip check` on a
# generated route file, and compares them with the targets for 800,000
# routes: 1.5 s and 400 MiB.
#
# Usage: bench/eskip-check.sh [-n ROUTES] [-s SEED] [-r RUNS] [-f]
#
#   -n ROUTES  number of routes in the file (default 800000)
#   -s SEED    generator seed (default 1)
#   -r RUNS    number of timed runs (default 3)
#   -f         regenerate the route file even if it exists
#
# The route file goes to bench/out/ (ignored by git) and is reused by later
# runs with the same -n and -s. Needs Go and GNU time (Debian: apt-get
# install time). Works from any directory.
set -euo pipefail

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

n=800000
seed=1
runs=3
force=0
while getopts ':n:s:r:fh' opt; do
	case "$opt" in
	n) n=$OPTARG ;;
	s) seed=$OPTARG ;;
	r) runs=$OPTARG ;;
	f) force=1 ;;
	h)
		usage
		exit 0
		;;
	:)
		echo "eskip-check: -$OPTARG needs a value" >&2
		exit 2
		;;
	*)
		echo "eskip-check: unknown option -$OPTARG" >&2
		usage >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 0 ]; then
	echo "eskip-check: unexpected arguments: $*" >&2
	exit 2
fi
for v in "$n" "$seed" "$runs"; do
	case "$v" in
	'' | *[!0-9]*)
		echo "eskip-check: -n, -s and -r take non-negative integers, got '$v'" >&2
		exit 2
		;;
	esac
done
if [ "$runs" -lt 1 ]; then
	echo "eskip-check: -r must be at least 1" >&2
	exit 2
fi

timecmd=/usr/bin/time
if ! "$timecmd" -f '%e' true >/dev/null 2>&1; then
	echo "eskip-check: GNU time is needed at $timecmd (Debian: apt-get install time)" >&2
	exit 1
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
go=${GO:-go}

echo "building bin/eskip"
mkdir -p bin
"$go" build -o bin/eskip ./cmd/eskip

out=bench/out
mkdir -p "$out"
file=$out/routes-n$n-seed$seed.eskip
if [ "$force" = 1 ] || [ ! -s "$file" ]; then
	echo "generating $n routes (seed $seed) into $file"
	tmp=$(mktemp "$out/routes.XXXXXX")
	trap 'rm -f "$tmp"' EXIT
	"$go" run ./bench/genroutes -n "$n" -seed "$seed" >"$tmp"
	chmod 644 "$tmp"
	mv "$tmp" "$file"
	trap - EXIT
else
	echo "reusing $file"
fi

bytes=$(wc -c <"$file")
awk -v b="$bytes" -v n="$n" 'BEGIN {
	printf "file: %d routes, %.1f MiB (%d bytes, %.0f bytes per route)\n",
		n, b / 1048576, b, n ? b / n : 0
}'

target_s=1.5
target_mib=400
if [ "$n" -ne 800000 ]; then
	echo "note: the targets ($target_s s, $target_mib MiB) are for 800000 routes"
fi

measure=$(mktemp)
trap 'rm -f "$measure"' EXIT
best_s=
peak_kb=0
for i in $(seq 1 "$runs"); do
	"$timecmd" -f '%e %M' -o "$measure" bin/eskip check "$file"
	read -r wall kb <"$measure"
	awk -v i="$i" -v s="$wall" -v kb="$kb" -v ts="$target_s" -v tm="$target_mib" 'BEGIN {
		printf "run %d: %.2f s (%.2f x target), peak RSS %.0f MiB (%.2f x target)\n",
			i, s, s / ts, kb / 1024, kb / 1024 / tm
	}'
	if [ -z "$best_s" ] || awk -v a="$wall" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
		best_s=$wall
	fi
	if [ "$kb" -gt "$peak_kb" ]; then
		peak_kb=$kb
	fi
done
awk -v s="$best_s" -v kb="$peak_kb" -v ts="$target_s" -v tm="$target_mib" 'BEGIN {
	printf "best wall time %.2f s (target %s s, %.2f x); highest peak RSS %.0f MiB (target %s MiB, %.2f x)\n",
		s, ts, s / ts, kb / 1024, tm, kb / 1024 / tm
}'
