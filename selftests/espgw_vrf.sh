#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Front-door and inside VRFs: the gateway's outer interface lives in VRF
# "fv" (table 10), its inside network and Tunnel0 in VRF "iv" (table 20).
# Without the tunnel's fvrf the outer route is looked up in the main table,
# where there is none (dropped, NO_ROUTE); with "fvrf fv" traffic flows both
# ways, and decrypted packets arrive in the inside VRF; ESP in UDP too.
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"
. "$SELFTESTS/lib_gw.sh"

espgw_load
modprobe -q vrf 2>/dev/null || true
work=$(mktemp -d /tmp/vrf.XXXXXX)
at_exit rm -rf "$work"
gw_topology
ip -n gw link add fv type vrf table 10 || ksft_skip "no VRF support"
ip -n gw link add iv type vrf table 20
ip -n gw link set fv up
ip -n gw link set iv up
ip -n gw link set wan master fv
ip -n gw link set lan master iv
ip -n gw link set Tunnel0 master iv
ip -n gw route add 10.2.0.0/24 dev Tunnel0 src 10.1.0.1 vrf iv
check_fail ip -n gw route get 192.0.2.2 from 192.0.2.1
qping() { ip netns exec "$1" ping -q "${@:2}" >/dev/null 2>&1; }

KEY=$(hex 20)
echo "$KEY" >"$work/key"
XFRM_REQID=5 xfrm_tunnel peer 192.0.2.2 192.0.2.1 10.2.0.0/24 10.1.0.0/24 0x2000 0x1000 \
	aead 'rfc4106(gcm(aes))' "0x$KEY" 128
for spec in "out 0x1000" "in 0x2000"; do
	set -- $spec
	check CRYPTO sa add dir "$1" spi "$2" local 192.0.2.1 remote 192.0.2.2 \
		alg aes128gcm16 key-file "$work/key" flow 4
done

# No fvrf: the main table has no route to the peer.
check_fail qping gw -c 2 -i 0.2 -W 2 -I iv 10.2.0.1
[ "$(gw_sa_stat out 0x1000 no_route)" = 2 ] || fail "no-route drops: $(gw_sa_stat out 0x1000 no_route)"

check CRYPTO tunnel change Tunnel0 fvrf fv
out=$(CRYPTO tunnel show Tunnel0)
check_grep 'fvrf fv' "$out"
check_grep 'ivrf iv' "$out"
check qping gw -c 3 -i 0.2 -W 3 -I iv 10.2.0.1
check qping peer -c 3 -i 0.2 -W 3 -I 10.2.0.1 10.1.0.1
[ "$(gw_sa_stat in 0x2000 packets)" -ge 6 ] || fail "inbound packets: $(gw_sa_stat in 0x2000 packets)"

# The inside VRF is really separate: the main table knows nothing of 10.2.0.0/24.
check_fail qping gw -c 1 -W 1 10.2.0.1

# The route each SA keeps is the fvrf's: taking the tunnel out of the
# fvrf takes it from the outer route at once, putting it back restores it.
check CRYPTO tunnel change Tunnel0 fvrf none
before=$(gw_sa_stat out 0x1000 no_route)
check_fail qping gw -c 2 -i 0.2 -W 2 -I iv 10.2.0.1
[ "$(gw_sa_stat out 0x1000 no_route)" = $((before + 2)) ] ||
	fail "no-route drops once out of the fvrf: $(gw_sa_stat out 0x1000 no_route), were $before"
check CRYPTO tunnel change Tunnel0 fvrf fv
check qping gw -c 2 -i 0.2 -W 3 -I iv 10.2.0.1
# ESP in UDP in the fvrf: espgw's own socket on port 4500 is bound to the
# VRF (an unbound socket does not see what arrives in a VRF).
udp_encap_socket peer 4 4500
ip -n peer xfrm state del src 192.0.2.2 dst 192.0.2.1 proto esp spi 0x2000
ip -n peer xfrm state del src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000
for spec in "192.0.2.2 192.0.2.1 0x2100" "192.0.2.1 192.0.2.2 0x1100"; do
	set -- $spec
	ip -n peer xfrm state add src "$1" dst "$2" proto esp spi "$3" reqid 5 mode tunnel \
		replay-window 32 encap espinudp 4500 4500 0.0.0.0 aead 'rfc4106(gcm(aes))' "0x$KEY" 128
done
check CRYPTO sa del dir out spi 0x1000 remote 192.0.2.2
check CRYPTO sa del dir in spi 0x2000 local 192.0.2.1
for spec in "out 0x1100" "in 0x2100"; do
	set -- $spec
	check CRYPTO sa add dir "$1" spi "$2" local 192.0.2.1 remote 192.0.2.2 \
		alg aes128gcm16 key-file "$work/key" encap udp flow 4
done
check qping gw -c 3 -i 0.2 -W 3 -I iv 10.2.0.1
[ "$(gw_sa_stat in 0x2100 packets)" -ge 3 ] ||
	fail "ESP in UDP received in the fvrf: $(gw_sa_stat in 0x2100 packets) packets"
# Deleting the fvrf device leaves the tunnel without outer routes, not broken.
ip -n gw link del fv
check_fail qping gw -c 1 -W 2 -I iv 10.2.0.1
[ "$(gw_sa_stat out 0x1100 no_route)" -ge 1 ] || fail "no-route drops after the VRF went"
check CRYPTO tunnel change Tunnel0 fvrf none
