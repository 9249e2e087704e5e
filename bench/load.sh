#!/usr/bin/env bash
# Load benchmark of skipper on loopback, with wrk, a small Go backend
# (bench/backend) and nginx as the reference proxy.
#
# Usage: bench/load.sh [proxy|routes] [options]
#
# proxy (the default) measures, in one run, a shunt route, a route proxied
#   to the backend, the backend called directly and nginx (one worker)
#   proxying to the same backend: requests/s, p50 and p99 latency, and
#   requests per CPU-second of the proxy process (utime+stime from
#   /proc/PID/stat). It prints a table and the ratios against the targets.
# routes loads generated route files (bench/genroutes) and reports the load
#   time (process start until HEAD /routes on the support listener shows
#   X-Count: N), the RSS once loaded and requests/s over 1,000 random
#   existing paths; for the -u size also the time from rewriting one route
#   in the file until the change answers, with a wrk load running.
#
# Options:
#   -S FILE   skipper binary (default: build bin/skipper from ./cmd/skipper)
#   -b PORT   first of the four loopback ports used (default 19080)
#   -d SECS   measured duration of each wrk run (default 10)
#   -w SECS   warm-up wrk run before each measurement (default 2)
#   -c CONNS  wrk connections (default 32)
#   -n LIST   routes mode: comma-separated route counts (default
#             10000,100000,800000)
#   -s SEED   routes mode: generator seed (default 1)
#   -u N      routes mode: route count of the update test, 0 for none
#             (default 100000; it runs only when N is in the -n list)
#   -p MS     routes mode: pass -source-poll-timeout MS to skipper
#             (default: skipper's own default)
#   -f LIST   routes mode: filters to drop from the route files before
#             loading: "auto" (those skipper rejects, found by a probe run),
#             "none", or a comma-separated list of names (default auto)
#   -t SECS   routes mode: time limit of one route file load (default 300)
#   -r N      routes mode: alternating rounds (default 3, 0 for none): the
#             smallest and the largest table stay loaded, on ports above
#             the -b range, and are measured in turn N times; the medians
#             compare them under the same machine load and after garbage
#             collections of the large table have run (steady state)
#   -W SECS   routes mode: before the alternating rounds, each of the two
#             tables serves wrk for SECS seconds (default 60, 0 for none),
#             so that the large table's heap has grown to its size: the
#             first minute after a start pays for touching fresh memory
#
# Pinning, on a machine with two cores: the proxy (skipper, or nginx's
# master and its one worker) runs on CPU 0; wrk and the backend share CPU 1.
# The backend runs with GOMAXPROCS=1. Sharing CPU 1 is a compromise: when
# CPU 1 saturates, wrk and the backend limit requests/s, not the proxy, so
# requests/s and latency undervalue a fast proxy. Requests per CPU-second of
# the proxy process does not depend on that and is the number to compare.
#
# Needs Go, curl and taskset; installs wrk and nginx with apt-get when they
# are missing (as root). Generated route files are cached in bench/out/
# (ignored by git); everything else goes to a temporary directory that is
# removed at exit, with every process the script started. Works from any
# directory; only loopback addresses are used.
set -euo pipefail

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

die() {
	printf 'load: %s\n' "$*" >&2
	exit 1
}

log() {
	printf '%s\n' "$*" >&2
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

mode=proxy
skipper_bin=
base_port=19080
duration=10
warmup=2
conns=32
route_counts=10000,100000,800000
seed=1
update_n=100000
poll_ms=
drop_filters=auto
load_timeout=300
rounds=3
settle=60

parse_mode() {
	case "$1" in
	proxy | routes) mode=$1 ;;
	*)
		log "load: unknown mode '$1'"
		usage >&2
		exit 2
		;;
	esac
}

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
	parse_mode "$1"
	shift
fi
while getopts ':S:b:d:w:c:n:s:u:p:f:t:r:W:h' opt; do
	case "$opt" in
	S) skipper_bin=$OPTARG ;;
	b) base_port=$OPTARG ;;
	d) duration=$OPTARG ;;
	w) warmup=$OPTARG ;;
	c) conns=$OPTARG ;;
	n) route_counts=$OPTARG ;;
	s) seed=$OPTARG ;;
	u) update_n=$OPTARG ;;
	p) poll_ms=$OPTARG ;;
	f) drop_filters=$OPTARG ;;
	t) load_timeout=$OPTARG ;;
	r) rounds=$OPTARG ;;
	W) settle=$OPTARG ;;
	h)
		usage
		exit 0
		;;
	:)
		log "load: -$OPTARG needs a value"
		exit 2
		;;
	*)
		log "load: unknown option -$OPTARG"
		usage >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -eq 1 ]; then
	parse_mode "$1"
	shift
fi
if [ $# -ne 0 ]; then
	log "load: unexpected arguments: $*"
	exit 2
fi
for v in "$base_port" "$duration" "$warmup" "$conns" "$seed" "$update_n" "$load_timeout" "$rounds" "$settle" "${poll_ms:-0}"; do
	case "$v" in
	'' | *[!0-9]*) die "numeric options take non-negative integers, got '$v'" ;;
	esac
done
case "$route_counts" in
'' | *[!0-9,]* | ,* | *, | *,,*) die "-n takes a comma-separated list of route counts, got '$route_counts'" ;;
esac
if [ "$duration" -lt 1 ] || [ "$conns" -lt 1 ] || [ "$load_timeout" -lt 1 ]; then
	die "-d, -c and -t must be at least 1"
fi
if [ "$base_port" -lt 1024 ] || [ "$base_port" -gt 65530 ]; then
	die "-b must be between 1024 and 65530, got $base_port"
fi

proxy_port=$base_port
support_port=$((base_port + 1))
backend_port=$((base_port + 2))
nginx_port=$((base_port + 3))

# --- processes and cleanup ---------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/skipper-load.XXXXXX")
pids=()

# stop_pid sends SIGTERM to one process the script started, waits up to
# 5 s for it and kills it after that.
stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 50; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# forget removes a pid from the list of processes to stop at exit.
forget() {
	local pid=$1 keep=() p
	for p in "${pids[@]}"; do
		[ "$p" = "$pid" ] || keep+=("$p")
	done
	pids=("${keep[@]}")
}

cleanup() {
	local p
	trap - EXIT INT TERM
	for p in "${pids[@]}"; do
		stop_pid "$p"
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -------------------------------------------------------------------

install_missing() {
	local missing=() cmd pkg
	for cmd in wrk:wrk nginx:nginx curl:curl taskset:util-linux getconf:libc-bin pgrep:procps; do
		pkg=${cmd#*:}
		cmd=${cmd%%:*}
		command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		[ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]}: install them or run as root"
		command -v apt-get >/dev/null 2>&1 || die "missing packages ${missing[*]} and no apt-get"
		log "installing ${missing[*]} with apt-get"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	command -v go >/dev/null 2>&1 || die "go is not installed"
	[ "$(nproc --all 2>/dev/null || echo 2)" -ge 2 ] || die "needs two CPUs (0 and 1) for the pinning"
}

nginx_cmd() {
	if command -v nginx >/dev/null 2>&1; then
		command -v nginx
	else
		echo /usr/sbin/nginx
	fi
}

build() {
	log "building the backend, the path list helper and skipper"
	mkdir -p "$work/bin"
	(cd "$root" && go build -o "$work/bin/backend" ./bench/backend)
	(cd "$root" && go build -o "$work/bin/pathlist" ./bench/pathlist)
	if [ -z "$skipper_bin" ]; then
		mkdir -p "$root/bin"
		(cd "$root" && go build -o bin/skipper ./cmd/skipper) ||
			die "building ./cmd/skipper failed"
		skipper_bin=$root/bin/skipper
	fi
	[ -x "$skipper_bin" ] || die "skipper binary $skipper_bin is not executable"
}

# --- helpers -------------------------------------------------------------------

now_ns() {
	date +%s%N
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_ports() {
	local p
	for p in "$proxy_port" "$support_port" "$backend_port" "$nginx_port"; do
		port_free "$p" || die "port $p on 127.0.0.1 is in use: choose other ports with -b"
	done
}

# cpu_ticks prints utime+stime of a process, in clock ticks.
cpu_ticks() {
	local stat rest
	stat=$(cat "/proc/$1/stat") || die "process $1 is gone"
	rest=${stat##*) }
	# shellcheck disable=SC2086 # split the fields on purpose
	set -- $rest
	# After pid and comm, field 3 (state) is $1: utime is $12, stime $13.
	echo $((${12} + ${13}))
}

# mem_kb prints a field of /proc/PID/status (VmRSS, VmHWM) in kB.
mem_kb() {
	awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"
}

# fail_start reports a process that exited during start-up, with its output.
fail_start() {
	local name=$1 logfile=$2
	log "load: $name exited during start-up; its output:"
	sed 's/^/    /' "$logfile" >&2 || true
	exit 1
}

# wait_http waits until a URL answers 2xx (or, with a fifth argument, a body
# containing it), while the process pid lives.
wait_http() {
	local name=$1 pid=$2 logfile=$3 url=$4 want=${5:-} i body
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || fail_start "$name" "$logfile"
		if body=$(curl -sf -m 1 "$url" 2>/dev/null); then
			if [ -z "$want" ] || [[ "$body" == *"$want"* ]]; then
				return 0
			fi
		fi
		sleep 0.05
	done
	log "load: $name did not answer $url within 15 s; its output:"
	sed 's/^/    /' "$logfile" >&2 || true
	exit 1
}

start_backend() {
	taskset -c 1 env GOMAXPROCS=1 "$work/bin/backend" -address "127.0.0.1:$backend_port" \
		>"$work/backend.log" 2>&1 &
	backend_pid=$!
	pids+=("$backend_pid")
	wait_http backend "$backend_pid" "$work/backend.log" "http://127.0.0.1:$backend_port/"
}

# start_skipper starts skipper on CPU 0 with a route file and extra flags,
# and sets skipper_pid and skipper_start_ns. It does not wait.
start_skipper() {
	local routes=$1
	shift
	: >"$work/skipper.log"
	skipper_start_ns=$(now_ns)
	taskset -c 0 "$skipper_bin" \
		-address "127.0.0.1:$proxy_port" \
		-support-listener "127.0.0.1:$support_port" \
		-access-log-disabled \
		-application-log-level WARN \
		-routes-file "$routes" "$@" >>"$work/skipper.log" 2>&1 &
	skipper_pid=$!
	pids+=("$skipper_pid")
}

stop_skipper() {
	stop_pid "$skipper_pid"
	forget "$skipper_pid"
}

# to_us converts a wrk duration (e.g. 812.00us, 1.27ms, 2.01s) to
# microseconds.
to_us() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "ms") n *= 1000; else if (u == "s") n *= 1000000
		else if (u == "m") n *= 60000000; else if (u == "h") n *= 3600000000
		printf "%.0f\n", n
	}'
}

# parse_wrk prints, from wrk's output: requests/s, total requests, p50 and
# p99 in microseconds, and the number of failed requests (socket errors,
# status >= 400, and the non-2xx count of the Lua script when present).
parse_wrk() {
	local f=$1 rps total p50 p99 bad
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
	total=$(awk '/ requests in / {print $1; exit}' "$f")
	p50=$(awk '$1 == "50%" {print $2; exit}' "$f")
	p99=$(awk '$1 == "99%" {print $2; exit}' "$f")
	if [ -z "$rps" ] || [ -z "$total" ] || [ -z "$p50" ] || [ -z "$p99" ]; then
		log "load: cannot parse wrk's output:"
		sed 's/^/    /' "$f" >&2
		exit 1
	fi
	bad=$(awk '
		/^  Socket errors:/ { gsub(/,/, ""); s += $4 + $6 + $8 + $10 }
		/^  Non-2xx or 3xx responses:/ { if (lua == "") n += $NF }
		/^Non-2xx responses \(lua\):/ { lua = $NF }
		END { print s + n + lua }' "$f")
	echo "$rps $total $(to_us "$p50") $(to_us "$p99") $bad"
}

# run_wrk NAME URL PROXY_PID [PATHS] warms up, then measures one wrk run
# and the CPU time of PROXY_PID and of the backend during it. With PATHS,
# wrk cycles through that path list with the Lua script. It sets
# r_rps r_total r_p50 r_p99 r_bad r_cpu (proxy CPU-s) r_bcpu (backend
# CPU-s) r_wall (s).
run_wrk() {
	local name=$1 url=$2 ppid=$3 out t0 t1 b0 b1 s0 s1 target=("$2")
	if [ $# -gt 3 ]; then
		target=(-s "$work/paths.lua" "$url" -- "$4")
	fi
	out="$work/wrk-$name.txt"
	if [ "$warmup" -gt 0 ]; then
		taskset -c 1 wrk -t1 -c"$conns" -d"${warmup}s" "${target[@]}" >"$work/wrk-$name-warmup.txt" 2>&1 ||
			{ cat "$work/wrk-$name-warmup.txt" >&2; die "wrk failed on $url"; }
	fi
	t0=$(cpu_ticks "$ppid")
	b0=$(cpu_ticks "$backend_pid")
	s0=$(now_ns)
	taskset -c 1 wrk -t1 -c"$conns" -d"${duration}s" --latency "${target[@]}" >"$out" 2>&1 ||
		{ cat "$out" >&2; die "wrk failed on $url"; }
	s1=$(now_ns)
	t1=$(cpu_ticks "$ppid")
	b1=$(cpu_ticks "$backend_pid")
	read -r r_rps r_total r_p50 r_p99 r_bad < <(parse_wrk "$out")
	r_cpu=$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" 'BEGIN {printf "%.3f", d / hz}')
	r_bcpu=$(awk -v d=$((b1 - b0)) -v hz="$clk_tck" 'BEGIN {printf "%.3f", d / hz}')
	r_wall=$(awk -v d=$((s1 - s0)) 'BEGIN {printf "%.3f", d / 1e9}')
}

# per_cpu prints requests per CPU-second, or "-" without CPU time.
per_cpu() {
	awk -v n="$1" -v c="$2" 'BEGIN { if (c > 0) printf "%.0f", n / c; else printf "-" }'
}

pct() {
	awk -v c="$1" -v w="$2" 'BEGIN { printf "%.0f%%", 100 * c / w }'
}

# verdict NAME VALUE OP TARGET prints one ratio line with PASS or FAIL.
verdict() {
	awk -v name="$1" -v v="$2" -v op="$3" -v t="$4" 'BEGIN {
		ok = (op == ">=") ? (v >= t) : (v <= t)
		printf (v >= 1000) ? "  %-44s %10.0f" : "  %-44s %10.3f", name, v
		printf "   target %s %s   %s\n", op, t, ok ? "PASS" : "FAIL"
	}'
}

# --- proxy mode ----------------------------------------------------------------

write_nginx_conf() {
	local d=$work/nginx
	mkdir -p "$d/tmp"
	cat >"$d/nginx.conf" <<EOF
# One worker on CPU 0 (the master is started with taskset), proxying to the
# benchmark backend over a keep-alive upstream.
worker_processes 1;
daemon off;
pid $d/nginx.pid;
error_log $d/error.log warn;
events {
	worker_connections 4096;
}
http {
	access_log off;
	client_body_temp_path $d/tmp/body;
	proxy_temp_path $d/tmp/proxy;
	fastcgi_temp_path $d/tmp/fastcgi;
	uwsgi_temp_path $d/tmp/uwsgi;
	scgi_temp_path $d/tmp/scgi;
	upstream backend {
		server 127.0.0.1:$backend_port;
		keepalive 64;
	}
	server {
		listen 127.0.0.1:$nginx_port;
		location / {
			proxy_pass http://backend;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
		}
	}
}
EOF
	chmod -R a+rwX "$d/tmp"
}

# nginx_worker prints the pid of the one worker of the nginx master.
nginx_worker() {
	local master=$1 i w
	for ((i = 0; i < 100; i++)); do
		w=$(pgrep -P "$master" | head -n 1 || true)
		if [ -n "$w" ]; then
			echo "$w"
			return 0
		fi
		sleep 0.05
	done
	die "nginx started no worker"
}

declare -a t_name t_rps t_p50 t_p99 t_cpu t_pcpu t_util t_butil t_bad

record() {
	t_name+=("$1")
	t_rps+=("$r_rps")
	t_p50+=("$r_p50")
	t_p99+=("$r_p99")
	t_cpu+=("$r_cpu")
	t_pcpu+=("$(per_cpu "$r_total" "$r_cpu")")
	t_util+=("$(pct "$r_cpu" "$r_wall")")
	t_butil+=("$(pct "$r_bcpu" "$r_wall")")
	t_bad+=("$r_bad")
}

proxy_mode() {
	local routes=$work/proxy.eskip nginx_pid worker i
	cat >"$routes" <<EOF
shunt: Path("/shunt") -> inlineContent("ok") -> <shunt>;
proxied: Path("/proxied") -> "http://127.0.0.1:$backend_port";
EOF
	start_backend
	start_skipper "$routes"
	wait_http skipper "$skipper_pid" "$work/skipper.log" "http://127.0.0.1:$proxy_port/shunt" ok
	wait_http skipper "$skipper_pid" "$work/skipper.log" "http://127.0.0.1:$proxy_port/proxied"

	log "measuring: skipper shunt route"
	run_wrk shunt "http://127.0.0.1:$proxy_port/shunt" "$skipper_pid"
	record "skipper shunt"
	log "measuring: skipper proxied route"
	run_wrk proxied "http://127.0.0.1:$proxy_port/proxied" "$skipper_pid"
	record "skipper proxied"
	stop_skipper

	log "measuring: backend direct"
	run_wrk direct "http://127.0.0.1:$backend_port/proxied" "$backend_pid"
	record "backend direct (CPU: backend)"

	write_nginx_conf
	taskset -c 0 "$(nginx_cmd)" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" \
		>"$work/nginx.log" 2>&1 &
	nginx_pid=$!
	pids+=("$nginx_pid")
	wait_http nginx "$nginx_pid" "$work/nginx.log" "http://127.0.0.1:$nginx_port/proxied"
	worker=$(nginx_worker "$nginx_pid")
	log "measuring: nginx, one worker (pid $worker)"
	run_wrk nginx "http://127.0.0.1:$nginx_port/proxied" "$worker"
	record "nginx proxied (CPU: worker)"
	stop_pid "$nginx_pid"
	forget "$nginx_pid"

	echo
	echo "skipper load benchmark: $(uname -srm), $(nproc --all) CPUs, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "wrk -t1 -c$conns -d${duration}s --latency (after a ${warmup}s warm-up); proxy on CPU 0, wrk and backend on CPU 1"
	echo
	printf '%-30s %10s %9s %9s %8s %12s %7s %8s %7s\n' \
		target "req/s" "p50 us" "p99 us" "CPU-s" "req/CPU-s" "CPU%" "backend" errors
	for i in "${!t_name[@]}"; do
		printf '%-30s %10.0f %9s %9s %8s %12s %7s %8s %7s\n' \
			"${t_name[$i]}" "${t_rps[$i]}" "${t_p50[$i]}" "${t_p99[$i]}" "${t_cpu[$i]}" \
			"${t_pcpu[$i]}" "${t_util[$i]}" "${t_butil[$i]}" "${t_bad[$i]}"
	done
	echo
	echo "CPU-s, req/CPU-s, CPU%: CPU time of the proxy process (utime+stime from /proc/PID/stat),"
	echo "requests per CPU-second of it, and its share of the wall time; backend: the backend's"
	echo "share of the wall time (it shares CPU 1 with wrk). errors: socket errors and status >= 400."
	echo
	echo "ratios:"
	verdict "skipper proxied req/CPU-s / nginx's" \
		"$(awk -v a="${t_pcpu[1]}" -v b="${t_pcpu[3]}" 'BEGIN {print (b > 0) ? a / b : 0}')" ">=" 0.35
	verdict "skipper shunt req/CPU-s" "${t_pcpu[0]}" ">=" 35000
	verdict "skipper proxied p99 / nginx p99" \
		"$(awk -v a="${t_p99[1]}" -v b="${t_p99[3]}" 'BEGIN {print (b > 0) ? a / b : 0}')" "<=" 2
	for i in "${!t_name[@]}"; do
		if [ "${t_bad[$i]}" != 0 ]; then
			echo "warning: ${t_name[$i]} had ${t_bad[$i]} failed requests (see wrk's output)"
		fi
	done
}

# --- routes mode ---------------------------------------------------------------

# route_file N prints the path of the cached generated file with N routes,
# generating it when missing.
route_file() {
	local n=$1 f
	f="$root/bench/out/routes-n$n-seed$seed.eskip"
	if [ ! -s "$f" ]; then
		mkdir -p "$root/bench/out"
		log "generating $n routes into $f"
		(cd "$root" && go run ./bench/genroutes -n "$n" -seed "$seed") >"$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

# loopback_routes points the network backends of the generated routes at
# the local backend (so that only loopback is used) and drops the filters
# in $dropped.
loopback_routes() {
	local in=$1 out=$2 expr
	expr="s#\"http://10\\.[0-9]+\\.[0-9]+\\.[0-9]+:[0-9]+\"#\"http://127.0.0.1:$backend_port\"#g"
	if [ -n "$dropped" ]; then
		expr="$expr; s/ -> (${dropped//,/|})\\([^)]*\\)//g"
	fi
	sed -E "$expr" "$in" >"$out"
}

# probe_filters sets dropped to the filters used in a route file that
# skipper rejects, comma-separated: it loads one shunt route per filter,
# with the arguments of the filter's first use in the file.
probe_filters() {
	local file=$1 names name call probe=$work/probe.eskip body missing=()
	# The first use of each filter name in the first 50,000 lines.
	awk 'NR > 50000 {exit}
		{
			line = $0
			while (match(line, /-> [a-zA-Z][a-zA-Z0-9_]*\([^)]*\)/)) {
				call = substr(line, RSTART + 3, RLENGTH - 3)
				line = substr(line, RSTART + RLENGTH)
				name = call; sub(/\(.*/, "", name)
				if (!(name in seen)) { seen[name] = call; print name "\t" call }
			}
		}' "$file" >"$work/filters.tsv"
	names=$(cut -f 1 "$work/filters.tsv")
	{
		echo 'probe_ready: Path("/probe-ready") -> inlineContent("ready") -> <shunt>;'
		while IFS=$'\t' read -r name call; do
			echo "probe_$name: Path(\"/probe/$name\") -> $call -> <shunt>;"
		done <"$work/filters.tsv"
	} >"$probe"
	start_skipper "$probe"
	wait_http skipper "$skipper_pid" "$work/skipper.log" "http://127.0.0.1:$proxy_port/probe-ready" ready
	body=$(curl -sf -m 5 "http://127.0.0.1:$support_port/routes") || die "GET /routes failed during the filter probe"
	stop_skipper
	for name in $names; do
		grep -qE "(^|[^a-zA-Z0-9_])probe_$name:" <<<"$body" || missing+=("$name")
	done
	dropped=$(
		IFS=,
		echo "${missing[*]}"
	)
}

# x_count prints the X-Count of HEAD /routes, or nothing.
x_count() {
	curl -sI -m 1 "http://127.0.0.1:$support_port/routes" 2>/dev/null |
		tr -d '\r' | awk -F': ' 'tolower($1) == "x-count" {print $2}'
}

# wait_loaded N waits until skipper shows N routes and sets load_ms (or
# load_ms=- and got_count when the count stays below N).
wait_loaded() {
	local n=$1 count last='' same_since deadline t
	deadline=$(($(now_ns) + load_timeout * 1000000000))
	same_since=$(now_ns)
	while :; do
		kill -0 "$skipper_pid" 2>/dev/null || fail_start skipper "$work/skipper.log"
		count=$(x_count)
		t=$(now_ns)
		if [ "$count" = "$n" ]; then
			load_ms=$(((t - skipper_start_ns) / 1000000))
			got_count=$count
			return 0
		fi
		if [ "$count" != "$last" ]; then
			last=$count
			same_since=$t
		fi
		# A count that stays below N for 15 s means rejected routes.
		if [ -n "$count" ] && [ "$count" != 0 ] && [ $((t - same_since)) -gt 15000000000 ]; then
			break
		fi
		[ "$t" -lt "$deadline" ] || break
		sleep 0.05
	done
	load_ms=-
	got_count=${count:-none}
	log "load: skipper shows ${got_count} routes, not $n; the first errors of its log:"
	grep -m 5 -i 'error' "$work/skipper.log" | cut -c 1-300 | sed 's/^/    /' >&2 || true
}

# write_lua writes the wrk script that cycles through a path list (lines:
# id, method, host, path[, header name, header value], tab-separated) and
# counts non-2xx responses.
write_lua() {
	cat >"$work/paths.lua" <<'EOF'
reqs = {}
idx = 0
bad = 0
threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	for line in io.lines(args[1]) do
		local f = {}
		for field in string.gmatch(line, "[^\t]+") do
			f[#f + 1] = field
		end
		local headers = { Host = f[3] }
		if f[5] then
			headers[f[5]] = f[6]
		end
		reqs[#reqs + 1] = wrk.format(f[2], f[4], headers)
	end
	if #reqs == 0 then
		error("empty path list " .. args[1])
	end
end

function request()
	idx = idx % #reqs + 1
	return reqs[idx]
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local total = 0
	for _, t in ipairs(threads) do
		total = total + t:get("bad")
	end
	io.write(string.format("Non-2xx responses (lua): %d\n", total))
end
EOF
}

# update_test rewrites one inlineContent("ok") route of the loaded file
# while wrk runs over the path list, and sets upd_ms and upd_bad.
update_test() {
	local routes=$1 paths=$2 id line method host path hname hvalue new t0 t1 body i max wrk_pid args
	upd_ms=-
	upd_bad=-
	id=$(awk -F'\t' 'NR == FNR {want[$1] = 1; next}
		/inlineContent\("ok"\)/ {id = $0; sub(/:.*/, "", id); if (id in want) {print id; exit}}' "$paths" "$routes")
	if [ -z "$id" ]; then
		log "load: no inlineContent(\"ok\") route among the requested paths: update test skipped"
		return 0
	fi
	line=$(awk -F'\t' -v id="$id" '$1 == id {print; exit}' "$paths")
	IFS=$'\t' read -r _ method host path hname hvalue <<<"$line"
	args=(-s -m 1 -X "$method" -H "Host: $host")
	if [ -n "${hname:-}" ]; then
		args+=(-H "$hname: $hvalue")
	fi
	body=$(curl "${args[@]}" "http://127.0.0.1:$proxy_port$path" || true)
	if [ "$body" != ok ]; then
		log "load: route $id answers '$body', not 'ok': update test skipped"
		return 0
	fi
	max=10
	taskset -c 1 wrk -t1 -c"$conns" -d"$((max + 4))s" --latency -s "$work/paths.lua" \
		"http://127.0.0.1:$proxy_port" -- "$paths" >"$work/wrk-update.txt" 2>&1 &
	wrk_pid=$!
	pids+=("$wrk_pid")
	sleep 2
	new="changed-$(now_ns)"
	sed "/^$id:/ s/inlineContent(\"ok\")/inlineContent(\"$new\")/" "$routes" >"$routes.new"
	t0=$(now_ns)
	mv "$routes.new" "$routes"
	for ((i = 0; i < max * 20; i++)); do
		body=$(curl "${args[@]}" "http://127.0.0.1:$proxy_port$path" || true)
		t1=$(now_ns)
		if [ "$body" = "$new" ]; then
			upd_ms=$(((t1 - t0) / 1000000))
			break
		fi
		sleep 0.05
	done
	wait "$wrk_pid" || { cat "$work/wrk-update.txt" >&2; die "wrk failed during the update test"; }
	forget "$wrk_pid"
	read -r _ _ _ _ upd_bad < <(parse_wrk "$work/wrk-update.txt")
	upd_route=$id
}

routes_mode() {
	local n src routes paths rss hwm i first rps_first='' size=0 r j med0 med1
	local -a rows=() keep_n=() keep_pid=() keep_port=() keep_paths=() round_rps=()
	IFS=, read -r -a counts <<<"$route_counts"
	start_backend
	write_lua

	first=$(route_file "${counts[0]}")
	case "$drop_filters" in
	auto)
		log "probing which filters of the route files skipper rejects"
		probe_filters "$first"
		;;
	none) dropped= ;;
	*) dropped=$drop_filters ;;
	esac
	case "$dropped" in
	*[!a-zA-Z0-9_,]*) die "-f takes filter names separated by commas, got '$dropped'" ;;
	esac
	if [ -n "$dropped" ]; then
		log "dropping filters skipper does not know from the route files: $dropped"
	fi

	local poll_args=()
	if [ -n "$poll_ms" ]; then
		poll_args=(-source-poll-timeout "$poll_ms")
	fi

	upd_ms=
	for n in "${counts[@]}"; do
		[ "$n" -gt 0 ] || die "route counts must be positive"
		src=$(route_file "$n")
		routes=$work/routes-n$n.eskip
		paths=$work/paths-n$n.tsv
		loopback_routes "$src" "$routes"
		"$work/bin/pathlist" -n "$n" -seed "$seed" -k 1000 -routes "$routes" >"$paths"

		# Each table gets its own ports, so that the smallest and the
		# largest can stay loaded for the alternating rounds.
		proxy_port=$((base_port + 10 + 2 * size))
		support_port=$((base_port + 11 + 2 * size))
		size=$((size + 1))

		log "loading $n routes"
		start_skipper "$routes" "${poll_args[@]}"
		wait_loaded "$n"
		rss=$(mem_kb "$skipper_pid" VmRSS)
		hwm=$(mem_kb "$skipper_pid" VmHWM)
		# The memory of the initial build is returned to the system right
		# after the first load: the settled RSS is the one that stays.
		sleep 2
		settled=$(mem_kb "$skipper_pid" VmRSS)

		log "measuring requests/s over $(wc -l <"$paths") paths of $n routes"
		run_wrk "routes-$n" "http://127.0.0.1:$proxy_port" "$skipper_pid" "$paths"
		served=$(mem_kb "$skipper_pid" VmRSS)
		[ -n "$rps_first" ] || rps_first=$r_rps
		rps_ratio=$(awk -v a="$r_rps" -v b="$rps_first" 'BEGIN {print a / b}')
		rows+=("$(printf '%-9s %10s %8s %9s %9s %9s %9s %10.0f %9s %12s %7s' "$n" "$got_count" \
			"$(awk -v m="$load_ms" 'BEGIN { if (m == "-") print "-"; else printf "%.2f", m / 1000 }')" \
			"$((rss / 1024))" "$((hwm / 1024))" "$((settled / 1024))" "$((served / 1024))" \
			"$r_rps" "$r_p99" "$(per_cpu "$r_total" "$r_cpu")" "$r_bad")")

		if [ "$n" -eq "$update_n" ]; then
			log "update test: rewriting one route of $n while wrk runs"
			update_test "$routes" "$paths"
		fi
		if [ "$rounds" -gt 0 ] && [ ${#counts[@]} -gt 1 ] &&
			{ [ "$size" -eq 1 ] || [ "$size" -eq ${#counts[@]} ]; }; then
			keep_n+=("$n")
			keep_pid+=("$skipper_pid")
			keep_port+=("$proxy_port")
			keep_paths+=("$paths")
		else
			stop_skipper
		fi
	done

	if [ ${#keep_n[@]} -eq 2 ]; then
		if [ "$settle" -gt 0 ]; then
			for j in 0 1; do
				log "settling: ${settle}s of requests at ${keep_n[$j]} routes before the rounds"
				taskset -c 1 wrk -t1 -c"$conns" -d"${settle}s" -s "$work/paths.lua" \
					"http://127.0.0.1:${keep_port[$j]}" -- "${keep_paths[$j]}" >"$work/wrk-settle-$j.txt" 2>&1 ||
					{ cat "$work/wrk-settle-$j.txt" >&2; die "wrk failed on the ${keep_n[$j]}-route table"; }
			done
			settled_big=$(mem_kb "${keep_pid[1]}" VmRSS)
		fi
		for ((r = 1; r <= rounds; r++)); do
			for j in 0 1; do
				log "round $r of $rounds: requests/s at ${keep_n[$j]} routes"
				run_wrk "round$r-${keep_n[$j]}" "http://127.0.0.1:${keep_port[$j]}" "${keep_pid[$j]}" "${keep_paths[$j]}"
				round_rps[j]+="$r_rps "
			done
		done
		for j in 0 1; do
			stop_pid "${keep_pid[$j]}"
			forget "${keep_pid[$j]}"
		done
		med0=$(median ${round_rps[0]})
		med1=$(median ${round_rps[1]})
	fi

	echo
	echo "skipper route file benchmark: $(uname -srm), $(nproc --all) CPUs, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
	local poll="skipper's default"
	[ -z "$poll_ms" ] || poll="$poll_ms ms"
	echo "seed $seed; skipper on CPU 0, wrk and backend on CPU 1; source poll: $poll"
	echo "network backends rewritten to the local backend; dropped filters: ${dropped:-none}"
	echo "requests: wrk -t1 -c$conns -d${duration}s over 1000 random paths answering 2xx"
	echo
	printf '%-9s %10s %8s %9s %9s %9s %9s %10s %9s %12s %7s\n' \
		routes X-Count "load s" "RSS MiB" "peak MiB" "settled" "served" "req/s" "p99 us" "req/CPU-s" non-2xx
	echo "(RSS when loaded, its peak, 2 s later, and after the requests, all in MiB)"
	for i in "${!rows[@]}"; do
		echo "${rows[$i]}"
	done
	if [ -n "$upd_ms" ]; then
		echo
		if [ "$upd_ms" = - ]; then
			echo "update test at $update_n routes: the change did not answer within 10 s"
		else
			printf 'update test at %s routes: route %s changed after %.2f s; failed requests during the load: %s\n' \
				"$update_n" "$upd_route" "$(awk -v m="$upd_ms" 'BEGIN {print m / 1000}')" "$upd_bad"
		fi
	fi
	if [ -n "${med0:-}" ]; then
		echo
		if [ "$settle" -gt 0 ]; then
			echo "before the rounds, each table served ${settle}s of requests (RSS of the ${keep_n[1]}-route table then: $((settled_big / 1024)) MiB)"
		fi
		echo "alternating rounds ($rounds × ${duration}s each, after a ${warmup}s warm-up each):"
		printf '  %-9s req/s %s-> median %s\n' "${keep_n[0]}" "${round_rps[0]}" "$med0"
		printf '  %-9s req/s %s-> median %s\n' "${keep_n[1]}" "${round_rps[1]}" "$med1"
	fi
	if [ ${#counts[@]} -gt 1 ]; then
		echo
		verdict "req/s at ${counts[-1]} routes / at ${counts[0]}, first run" "$rps_ratio" ">=" 0.95
		if [ -n "${med0:-}" ]; then
			verdict "the same, medians of the rounds" "$(awk -v a="$med1" -v b="$med0" 'BEGIN {print a / b}')" ">=" 0.95
		fi
	fi
}

# median prints the median of its numeric arguments.
median() {
	printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

# --- main ------------------------------------------------------------------------

install_missing
clk_tck=$(getconf CLK_TCK)
build
check_ports
dropped=
case "$mode" in
proxy) proxy_mode ;;
routes) routes_mode ;;
esac
