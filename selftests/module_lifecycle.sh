#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# insmod/rmmod cycles with a second network namespace and event listeners
# (cryptoctl monitor) alive in both: unloading must be safe, the listeners
# must learn of it, and a reload starts from clean per-namespace state.
. "$(dirname "$0")/lib.sh"

netns_add lifecycle
tmp=$(mktemp -d)
at_exit rm -rf "$tmp"

for round in 1 2 3; do
	espgw_load
	# Fresh state after every load, in both namespaces.
	check_grep '^acquire-rate 10$' "$("$CRYPTOCTL" settings)"
	check_grep '^acquire-rate 10$' "$(ip netns exec lifecycle "$CRYPTOCTL" settings)"

	bg_start "$CRYPTOCTL" monitor >"$tmp/host" 2>&1
	host_pid=$BGPID
	bg_start ip netns exec lifecycle "$CRYPTOCTL" monitor >"$tmp/ns" 2>&1
	ns_pid=$BGPID

	# Each listener hears a change in its own namespace (this also proves
	# it is subscribed before the module goes).
	wait_for "'$CRYPTOCTL' settings set acquire-rate $((round + 10)) &&
		grep -q 'acquire-rate $((round + 10)) ' '$tmp/host'"
	wait_for "ip netns exec lifecycle '$CRYPTOCTL' settings set acquire-rate $((round + 20)) &&
		grep -q 'acquire-rate $((round + 20)) ' '$tmp/ns'"
	! grep -q "acquire-rate $((round + 20)) " "$tmp/host" ||
		fail "the host listener heard the other namespace's change"

	check rmmod espgw
	wait_for "! kill -0 $host_pid 2>/dev/null && ! kill -0 $ns_pid 2>/dev/null" 10
	check_grep 'espgw module unloaded' "$(cat "$tmp/host")"
	check_grep 'espgw module unloaded' "$(cat "$tmp/ns")"
	check_fail "$CRYPTOCTL" settings 2>/dev/null
done

# Namespaces created and destroyed while loaded, one with changed state.
espgw_load
netns_add lifecycle2
check ip netns exec lifecycle2 "$CRYPTOCTL" settings set acquire-rate 7 session-log off
check_grep '^session-log off$' "$(ip netns exec lifecycle2 "$CRYPTOCTL" settings)"
check ip netns del lifecycle2
check rmmod espgw
check insmod "$ESPGW_KO"
