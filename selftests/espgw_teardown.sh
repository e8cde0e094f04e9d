#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
# Tearing down under traffic: rmmod while packets are in flight both ways
# (and in the crypto API, asynchronously), then deleting a namespace with
# live tunnels, flows and SAs while traffic runs.  The runner fails the run
# on any splat; here the steps themselves must succeed and the module must
# work again afterwards.
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"
. "$SELFTESTS/lib_gw.sh"

work=$(mktemp -d /tmp/teardown.XXXXXX)
at_exit rm -rf "$work"
espgw_load
at_exit espgw_load

# setup: one SA pair per flow (IPv4 raw, IPv6 in UDP), the peer in xfrm
setup() {
	local key
	key=$(hex 20)
	echo "$key" >"$work/key"
	gw_topology
	xfrm_tunnel peer 192.0.2.2 192.0.2.1 10.2.0.0/24 10.1.0.0/24 0x2000 0x1000 \
		aead 'rfc4106(gcm(aes))' "0x$key" 128
	XFRM_ENCAP="encap espinudp 4500 4500 0.0.0.0" xfrm_tunnel peer 2001:db8::2 2001:db8::1 \
		fd02::/64 fd01::/64 0x2001 0x1001 aead 'rfc4106(gcm(aes))' "0x$key" 128
	udp_encap_socket peer 6 4500
	for spec in "out 0x1000 192.0.2 4" "in 0x2000 192.0.2 4" \
		    "out 0x1001 2001:db8: 6 encap udp" "in 0x2001 2001:db8: 6 encap udp"; do
		set -- $spec
		local dir=$1 spi=$2 pfx=$3 flow=$4
		shift 4
		local sep=.
		[ "$flow" = 6 ] && sep=:
		check CRYPTO sa add dir "$dir" spi "$spi" local "$pfx${sep}1" remote "$pfx${sep}2" \
			alg aes128gcm16 key-file "$work/key" flow "$flow" "$@"
	done
	check ip netns exec gw ping -q -c 1 -W 3 -I 10.1.0.1 10.2.0.1
	check ip netns exec gw ping -q -c 1 -W 3 -I fd01::1 fd02::1
}

# traffic: floods both ways and a bulk TCP stream, until killed
traffic() {
	ip netns exec gw ping -q -f -I 10.1.0.1 10.2.0.1 >/dev/null 2>&1 &
	_pids+=("$!")
	ip netns exec peer ping -q -f -I fd02::1 fd01::1 >/dev/null 2>&1 &
	_pids+=("$!")
	ip netns exec peer socat -u TCP6-LISTEN:5002,reuseaddr,ipv6only=0 - >/dev/null 2>&1 &
	_pids+=("$!")
	sleep 0.5
	ip netns exec gw socat -u /dev/zero TCP:10.2.0.1:5002 >/dev/null 2>&1 &
	_pids+=("$!")
	sleep 2
}

stop_traffic() {
	local pid
	for pid in "${_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	_pids=()
}

# 1. rmmod under traffic, with crypto asynchronous (cryptd) where it works.
async() { ! espgw_async_ok || echo "$1" >/sys/module/espgw/parameters/force_async; }
async 1
setup
traffic
sent=$(CRYPTO -j -s sa get dir out spi 0x1000 remote 192.0.2.2 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats"]["packets"])')
[ "$sent" -gt 10 ] || fail "no traffic before rmmod ($sent packets)"
check rmmod espgw
! ip -n gw link show Tunnel0 2>/dev/null || fail "Tunnel0 outlived the module"
stop_traffic
ip netns del gw
ip netns del peer
_netns=()

# 2. the module works again; then the namespace goes under traffic.
espgw_load
async 1
setup
traffic
check ip netns del gw
stop_traffic
ip netns del peer
_netns=()
async 0

# 3. and once more synchronously, to be sure the module is whole.
setup
check ip netns exec peer ping -q -c 3 -i 0.1 -W 3 -I fd02::1 fd01::1
