#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
# Every way a packet is refused, each counted under its own reason and
# nothing delivered: replayed, tampered, unknown SPI, truncated, outside the
# flow's selectors, IKE on the encapsulation port with nobody to read it;
# outbound with no flow, with a flow and no SA (and the rate-limited
# acquire event), too big with DF.  Then lifetimes: soft and hard limits in
# packets and seconds fire their events, the hard one removes the SA and
# the flow goes on with the next one; sequence numbers run out as RFC 4303
# says; replacing an SA or its flow under traffic loses nothing.
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"
. "$SELFTESTS/lib_gw.sh"

espgw_load
work=$(mktemp -d /tmp/drops.XXXXXX)
at_exit rm -rf "$work"
gw_topology
KEY=$(hex 20)
echo "$KEY" >"$work/key"
XFRM_REQID=7 xfrm_tunnel peer 192.0.2.2 192.0.2.1 10.2.0.0/24 10.1.0.0/24 0x2000 0x1000 \
	aead 'rfc4106(gcm(aes))' "0x$KEY" 128
# The SPIs of the lifetime tests below, same key, same policy.
for spi in 0x1100 0x1200 0x1300; do
	ip -n peer xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi $spi reqid 7 \
		mode tunnel replay-window 32 aead 'rfc4106(gcm(aes))' "0x$KEY" 128
done
# IPv6 inside, IPv4 outside, for the ICMPv6 "packet too big" below.
XFRM_REQID=8 xfrm_tunnel peer 192.0.2.2 192.0.2.1 fd02::/64 fd01::/64 0x2006 0x1006 \
	aead 'rfc4106(gcm(aes))' "0x$KEY" 128 flag af-unspec
sa_add() { CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" "$@"; }
check sa_add dir out spi 0x1000 flow 4
check sa_add dir in spi 0x2000 flow 4
check sa_add dir out spi 0x1006 flow 6
check sa_add dir in spi 0x2006 flow 6
ping_ok() { ip netns exec "$1" ping -q -c "${3:-1}" -i 0.1 -W 3 "${@:4}" "$2" >/dev/null; }
check ping_ok peer 10.1.0.1
rx() { ip -n gw -s -j link show Tunnel0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }

# expect_count WHAT EXPECTED CMD...: CMD prints a counter; it must equal EXPECTED.
expect_count() {
	local what=$1 want=$2 got
	shift 2
	got=$("$@")
	[ "$got" = "$want" ] || fail "$what: counted $got, expected $want"
}

# expect_expiries SPI: the monitor has shown SA SPI's soft then hard EXPIRE.
expiries() {
	python3 - "$work/events" "$1" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(" ".join(e["limit"] for e in ev
               if e.get("event") == "expire" and e["sa"]["spi"] == int(sys.argv[2], 0)))
PY
}
expect_expiries() {
	local tries=50
	until [ "$(expiries "$1")" = "soft hard" ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "expire events of SA $1: '$(expiries "$1")', not 'soft hard'"
		sleep 0.1
	done
}

# --- inbound: a genuine packet, captured and sent again, changed or not ---
pcap_capture gw wan "$work/in.pcap"
check ping_ok peer 10.1.0.1
pcap_stop
check python3 "$SELFTESTS/esp_frames.py" pick "$work/in.pcap" 0x2000 "$work/frame"
rx0=$(rx)
inject() { ip netns exec peer python3 "$SELFTESTS/esp_frames.py" send wan "$work/frame" "$@"; sleep 0.3; }

# Delivered once already: a replay, refused before decryption.
inject
expect_count "replayed packet" 1 gw_sa_stat in 0x2000 replay
# The SA anew (a replacement would keep the window): the frame is new to it.
check CRYPTO sa del dir in spi 0x2000 local 192.0.2.1
check sa_add dir in spi 0x2000 flow 4
inject flip-icv
expect_count "tampered packet" 1 gw_sa_stat in 0x2000 integrity
inject truncate=19
expect_count "truncated packet" 1 gw_sa_stat in 0x2000 bad_length
inject spi=0x9999
expect_count "unknown SPI" 1 gw_ns_stat in no_sa
expect_count "packets decrypted after the bad ones" 0 gw_sa_stat in 0x2000 packets
expect_count "packets out of Tunnel0 after the bad ones" "$rx0" rx
# The genuine frame is still good once, and only once.
inject
inject
expect_count "the genuine frame" 1 gw_sa_stat in 0x2000 packets
expect_count "its replay" 1 gw_sa_stat in 0x2000 replay
rx0=$(rx)

# Authentic, but outside the flow: the flow narrowed to 10.2.0.1/32 (a
# replacement: SAs and counters stay), the peer sends from 10.2.0.2.
check CRYPTO flow add id 4 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.1/32 replace
ip -n peer addr add 10.2.0.2/24 dev lan
check_fail ping_ok peer 10.1.0.1 2 -I 10.2.0.2
expect_count "packets outside the selectors" 2 gw_sa_stat in 0x2000 selector
expect_count "packets out of Tunnel0" "$rx0" rx
check CRYPTO flow add id 4 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.0/24 replace
check ping_ok peer 10.1.0.1 1 -I 10.2.0.2

# IKE (non-ESP marker) and a NAT keepalive on espgw's own port 4500.
check sa_add dir in spi 0x3000 flow 4 encap udp
ip netns exec peer python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(b"\0\0\0\0" + b"IKE" * 10, ("192.0.2.1", 4500))
s.sendto(b"\xff", ("192.0.2.1", 4500))'
sleep 0.3
expect_count "IKE with nobody to read it" 1 gw_ns_stat in encap

# --- outbound ---
ip -n gw route add 10.8.0.0/24 dev Tunnel0 src 10.1.0.1
n=$(gw_ns_stat out no_flow)
check_fail ping_ok gw 10.8.0.1 3
expect_count "no flow" $((n + 3)) gw_ns_stat out no_flow

check CRYPTO settings set acquire-rate 1
check CRYPTO flow add id 7 dev Tunnel0 local 10.1.0.0/24 remote 10.7.0.0/24
ip -n gw route add 10.7.0.0/24 dev Tunnel0 src 10.1.0.1
ip netns exec gw timeout 10 "$CRYPTOCTL" -j monitor >"$work/acquire" &
mon=$!
sleep 2
check_fail ping_ok gw 10.7.0.1 5 -i 0.05
wait "$mon" || true
# Rate-limited: at least one, and fewer than the packets (a slow kernel may
# spread 5 packets over two one-second windows).
n=$(grep -c '"acquire"' "$work/acquire" || true)
[ "$n" -ge 1 ] && [ "$n" -lt 5 ] || fail "acquire events at rate 1/s for 5 packets in 0.25 s: $n
$(cat "$work/acquire")"
grep -q '"id": *7' "$work/acquire" || fail "acquire event without flow 7: $(cat "$work/acquire")"
flow7=$(CRYPTO -j -s flow get id 7)
[ "$(gw_json_get "$flow7" '[0]["stats"]["out"]["drops"]["no_out_sa"]')" = 5 ] ||
	fail "flow 7 no-out-sa drops: $flow7"

# The path MTU learnt from ICMP errors about espgw's own ESP packets (as a
# router between the gateways would send them): an inner packet that fitted
# the 1500-byte path before is too big for 1300 bytes.  Errors about SPIs
# espgw did not send with change nothing.  IPv4 outside, then IPv6 (flow 9,
# its SA to 2001:db8::2; the peer has no state for it and drops it).
too_big() { ip netns exec peer python3 "$SELFTESTS/esp_frames.py" too-big "$@"; }
check ping_ok gw 10.2.0.1 1 -M do -s 1250 -I 10.1.0.1
mtu_drops=$(gw_sa_stat out 0x1000 mtu)
check too_big 192.0.2.1 192.0.2.2 0x7777 1300
sleep 0.3
ip -n gw route get 192.0.2.2 | grep -q 'mtu' && fail "PMTU from an ICMP error about SPI 0x7777: $(ip -n gw route get 192.0.2.2)"
check too_big 192.0.2.1 192.0.2.2 0x1000 1300
wait_for "ip -n gw route get 192.0.2.2 | grep -q 'mtu 1300'" 5
check_fail ping_ok gw 10.2.0.1 1 -M do -s 1250 -I 10.1.0.1 -W 2
expect_count "MTU drops once ICMP said 1300" $((mtu_drops + 1)) gw_sa_stat out 0x1000 mtu
# The same about ESP in UDP from espgw's own port 4500 (SA 0x3000 opened
# it): the kernel's UDP error handler finds the socket (as it finds an IKE
# daemon's for xfrm) and lowers the path MTU further.
check too_big 192.0.2.1 192.0.2.2 0x3001 1280 udp
wait_for "ip -n gw route get 192.0.2.2 | grep -q 'mtu 1280'" 5
check CRYPTO flow add id 9 dev Tunnel0 local fd01::/64 remote fd09::/64
ip -n gw route add fd09::/64 dev Tunnel0 src fd01::1
check CRYPTO sa add local 2001:db8::1 remote 2001:db8::2 alg aes128gcm16 key-file "$work/key" \
	dir out spi 0x1009 flow 9
ping_ok gw fd09::1 1 -s 1250 -I fd01::1 -W 1 || true
expect_count "IPv6-outside packets sent before the ICMPv6" 1 gw_sa_stat out 0x1009 packets
check too_big 2001:db8::1 2001:db8::2 0x7777 1300
sleep 0.3
ip -n gw -6 route get 2001:db8::2 | grep -q 'mtu' &&
	fail "PMTU from an ICMPv6 error about SPI 0x7777: $(ip -n gw -6 route get 2001:db8::2)"
check too_big 2001:db8::1 2001:db8::2 0x1009 1300
wait_for "ip -n gw -6 route get 2001:db8::2 | grep -q 'mtu 1300'" 5
ping_ok gw fd09::1 1 -s 1250 -I fd01::1 -W 1 || true
expect_count "IPv6-outside packets sent after the ICMPv6" 1 gw_sa_stat out 0x1009 packets
expect_count "IPv6-outside MTU drops once ICMPv6 said 1300" 1 gw_sa_stat out 0x1009 mtu
check CRYPTO sa add local 2001:db8::1 remote 2001:db8::2 alg aes128gcm16 key-file "$work/key" \
	dir in spi 0x3009 flow 9 encap udp
check too_big 2001:db8::1 2001:db8::2 0x3009 1280 udp
wait_for "ip -n gw -6 route get 2001:db8::2 | grep -q 'mtu 1280'" 5
check CRYPTO sa del dir in spi 0x3009 local 2001:db8::1
check CRYPTO sa del dir out spi 0x1009 remote 2001:db8::2
check CRYPTO flow del id 9

# Too big for the path, DF set: ICMP back, counted; without DF it goes.
ip -n gw link set wan mtu 1280
ip -n peer link set wan mtu 1280
check_fail ip netns exec gw ping -q -c 2 -i 0.2 -W 2 -M do -s 1300 -I 10.1.0.1 10.2.0.1
[ "$(gw_sa_stat out 0x1000 mtu)" -ge 1 ] || fail "no MTU drop counted"
ping_ok gw 10.2.0.1 3 -M dont -s 1300 -I 10.1.0.1 -W 5 || fail "fragmented outer packets did not arrive"
check ping_ok gw fd02::1 1 -I fd01::1
out=$(ip netns exec gw ping -q -c 2 -i 0.2 -W 2 -M do -s 1300 -I fd01::1 fd02::1 2>&1) &&
	fail "IPv6 ping too big for the path went through: $out"
[ "$(gw_sa_stat out 0x1006 mtu)" -ge 1 ] || fail "no IPv6 MTU drop counted: $out"
# IPv6 packets of 1280 bytes get through whatever the path: outer fragments,
# reassembled and decrypted by the peer.  (The reply may not come back: xfrm
# on 6.1 sets DF on the outer header of IPv6 packets and cannot send it.)
xfrm_in_packets() {
	ip -n peer -s xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp spi "$1" |
		awk '/lifetime current:/ { getline; sub(/\(packets\)/, "", $2); print $2 }'
}
before=$(xfrm_in_packets 0x1006)
mtu_drops=$(gw_sa_stat out 0x1006 mtu)
ping_ok gw fd02::1 2 -I fd01::1 -s 1232 -W 2 || true
expect_count "1280-byte IPv6 packets through a 1280-byte path" $((before + 2)) xfrm_in_packets 0x1006
expect_count "MTU drops for 1280-byte IPv6 packets" "$mtu_drops" gw_sa_stat out 0x1006 mtu
ip -n gw link set wan mtu 1500
ip -n peer link set wan mtu 1500

# --- lifetimes ---
ip netns exec gw "$CRYPTOCTL" -j monitor >"$work/events" &
_pids+=("$!")
sleep 0.5
check sa_add dir out spi 0x1100 flow 4 soft packets 3 hard packets 6
check ping_ok gw 10.2.0.1 9 -I 10.1.0.1 -i 0.2
wait_for "! CRYPTO sa get dir out spi 0x1100 remote 192.0.2.2" 10
expect_expiries 0x1100
# Seconds: soft after 1 s, hard after 4 s (whole seconds, checked once a
# second: far enough apart that a stalled emulated CPU keeps them apart).
check sa_add dir out spi 0x1200 flow 4 soft seconds 1 hard seconds 4
wait_for "! CRYPTO sa get dir out spi 0x1200 remote 192.0.2.2" 12
expect_expiries 0x1200
check ping_ok gw 10.2.0.1 1 -I 10.1.0.1

# Sequence numbers run out (no ESN): the SA stops at 2^32-1 and goes.
check sa_add dir out spi 0x1300 flow 4 seq 4294967294
check ping_ok gw 10.2.0.1 3 -I 10.1.0.1 -i 0.3
wait_for "! CRYPTO sa get dir out spi 0x1300 remote 192.0.2.2" 10
flow4=$(CRYPTO -j -s flow get id 4)
[ "$(gw_json_get "$flow4" '[0]["stats"]["out"]["drops"]["seq_overflow"]')" = 1 ] ||
	fail "flow 4 seq-overflow drops: $flow4"

# --- replacing SAs under traffic loses nothing ---
ip netns exec gw ping -q -c 60 -i 0.05 -W 3 -I 10.1.0.1 10.2.0.1 >"$work/ping" &
pinger=$!
for i in 1 2 3 4 5; do
	sleep 0.4
	check sa_add dir out spi 0x1000 flow 4 replace
	check sa_add dir in spi 0x2000 flow 4 replace
done
wait "$pinger" || fail "pings lost while replacing: $(cat "$work/ping")"
grep -q ' 0% packet loss' "$work/ping" || fail "$(cat "$work/ping")"

# --- and replacing the flow: it keeps its SAs and counters throughout ---
no_out_sa() { gw_json_get "$(CRYPTO -j -s flow get id 4)" '[0]["stats"]["out"]["drops"]["no_out_sa"]'; }
before=$(no_out_sa)
ip netns exec gw ping -q -c 200 -i 0.01 -W 3 -I 10.1.0.1 10.2.0.1 >"$work/ping" &
pinger=$!
for i in $(seq 10); do
	sleep 0.1
	check CRYPTO flow add id 4 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.0/24 replace
done
wait "$pinger" || fail "pings lost while replacing the flow: $(cat "$work/ping")"
grep -q ' 0% packet loss' "$work/ping" || fail "$(cat "$work/ping")"
expect_count "no-SA drops while replacing the flow" "$before" no_out_sa
