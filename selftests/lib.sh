# SPDX-License-Identifier: GPL-2.0
# Shared helpers for espgw shell selftests.  Source it, then use:
#   ksft_skip "why"          exit 4 (kselftest "skip")
#   check CMD...             run CMD; on failure print it and fail the test
#   check_fail CMD...        CMD must fail
#   check_output "expected" CMD...   CMD's stdout must equal "expected"
#   netns_add NAME           a network namespace removed on exit
#   espgw_loaded / espgw_load / espgw_unload
# Every test runs with set -eu; cleanup runs on exit.
set -eu

SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$SELFTESTS/.." && pwd)
CRYPTOCTL=${CRYPTOCTL:-$TOP/tools/cryptoctl/cryptoctl}
ESPGW_KO=${ESPGW_KO:-$TOP/kmod/espgw.ko}
KSFT_SKIP=4

_cleanup_cmds=()
_netns=()
_pids=()

at_exit() { _cleanup_cmds+=("$*"); }

_lib_cleanup() {
	local i
	for pid in "${_pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	for ((i = ${#_cleanup_cmds[@]} - 1; i >= 0; i--)); do
		eval "${_cleanup_cmds[$i]}" || true
	done
	for ns in "${_netns[@]}"; do
		ip netns del "$ns" 2>/dev/null || true
	done
}
trap _lib_cleanup EXIT

ksft_skip() { echo "SKIP: $*"; exit $KSFT_SKIP; }

fail() { echo "FAIL: $*" >&2; exit 1; }

check() {
	"$@" || fail "'$*' exited $?"
}

check_fail() {
	if "$@"; then
		fail "'$*' succeeded but should have failed"
	fi
}

# check_output EXPECTED CMD...: stdout of CMD must be exactly EXPECTED.
check_output() {
	local expected=$1 out
	shift
	out=$("$@") || fail "'$*' exited $?"
	[ "$out" = "$expected" ] || fail "'$*' printed:
$out
expected:
$expected"
}

# check_grep PATTERN TEXT: TEXT must contain a line matching PATTERN.
check_grep() {
	grep -qE -- "$1" <<<"$2" || fail "no line matches '$1' in:
$2"
}

netns_add() {
	ip netns add "$1"
	_netns+=("$1")
	ip -n "$1" link set lo up
}

# Start a background job that is killed at exit; its pid is in $BGPID.
bg_start() {
	"$@" &
	BGPID=$!
	_pids+=("$BGPID")
}

espgw_loaded() { [ -d /sys/module/espgw ]; }

espgw_load() {
	espgw_loaded && return 0
	local deps
	deps=$(modinfo -F depends "$ESPGW_KO" | tr , ' ')
	[ -z "$deps" ] || modprobe -a $deps
	insmod "$ESPGW_KO"
}

# Can espgw's force_async run (module parameter: transforms behind cryptd)?
# 6.1's cryptd AEAD wrapper fails the crypto manager's self-test on its
# first use ("alg: aead: changed 'req->base.tfm'"), which WARNs; 6.12's
# passes.
espgw_async_ok() {
	local v
	v=$(uname -r)
	v=${v%%-*}
	[ "$(printf '%s\n6.3\n' "${v%.*}" | sort -V | head -1)" = 6.3 ]
}

espgw_unload() {
	! espgw_loaded || rmmod espgw
}

# Wait up to $2 seconds (default 5) for CMD ($1, a string) to succeed.
wait_for() {
	local cmd=$1 tries=$((${2:-5} * 10))
	while ! eval "$cmd" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "timed out waiting for: $cmd"
		sleep 0.1
	done
}

[ "$(id -u)" = 0 ] || ksft_skip "needs root"
