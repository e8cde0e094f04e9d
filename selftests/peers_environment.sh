#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The real peers espgw's interoperability tests use work here, between two
# namespaces and without espgw: Linux xfrm with static keys, then strongSwan
# charon negotiating IKEv2 on both sides.  Traffic crosses the tunnel both
# times and each side counts it.
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"

netns_add left
netns_add right
ip link add wan netns left type veth peer name wan netns right
for side in left:1 right:2; do
	ns=${side%:*} n=${side#*:}
	ip -n "$ns" addr add "192.0.2.$n/24" dev wan
	ip -n "$ns" link set wan up
	ip -n "$ns" link add lan type dummy
	ip -n "$ns" addr add "10.$n.0.1/24" dev lan
	ip -n "$ns" link set lan up
done
ip -n left route add 10.2.0.0/24 via 192.0.2.2 src 10.1.0.1
ip -n right route add 10.1.0.0/24 via 192.0.2.1 src 10.2.0.1

# --- xfrm, static keys ---
key=0x0123456789abcdef0123456789abcdef01020304
xfrm_tunnel left 192.0.2.1 192.0.2.2 10.1.0.0/24 10.2.0.0/24 0x1001 0x2001 \
	aead 'rfc4106(gcm(aes))' $key 128
xfrm_tunnel right 192.0.2.2 192.0.2.1 10.2.0.0/24 10.1.0.0/24 0x2001 0x1001 \
	aead 'rfc4106(gcm(aes))' $key 128
check ip netns exec left ping -q -c 3 -i 0.2 -W 5 -I 10.1.0.1 10.2.0.1 >/dev/null
out=$(ip -n right -s xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1001)
check_grep '^[[:space:]]+[0-9]+\(bytes\), 3\(packets\)' "$out"
ip -n left xfrm state flush
ip -n left xfrm policy flush
ip -n right xfrm state flush
ip -n right xfrm policy flush

# --- strongSwan charon, IKEv2 with a pre-shared key ---
work=$(mktemp -d /tmp/peers.XXXXXX)
at_exit rm -rf "$work"
for side in left:1:2 right:2:1; do
	IFS=: read -r ns me peer <<<"$side"
	mkdir -p "$work/$ns/swanctl"
	cat >"$work/$ns/swanctl/swanctl.conf" <<CONF
connections {
	gw {
		version = 2
		local_addrs = 192.0.2.$me
		remote_addrs = 192.0.2.$peer
		proposals = aes128gcm16-prfsha256-ecp256
		local {
			auth = psk
			id = 192.0.2.$me
		}
		remote {
			auth = psk
			id = 192.0.2.$peer
		}
		children {
			net {
				local_ts = 10.$me.0.0/24
				remote_ts = 10.$peer.0.0/24
				esp_proposals = aes128gcm16
			}
		}
	}
}
secrets {
	ike-gw {
		id-1 = 192.0.2.1
		id-2 = 192.0.2.2
		secret = "espgw test secret, not for production"
	}
}
CONF
	check charon_start "$ns" "$work/$ns"
	check swanctl_in "$ns" "$work/$ns" --load-all --noprompt >/dev/null
done
# Under emulation the first use of the kernel's crypto is slow; give the
# exchange room (charon retransmits within ~24 s).
check swanctl_in left "$work/left" --initiate --child net --timeout 60 >/dev/null
out=$(swanctl_in right "$work/right" --list-sas)
check_grep 'gw: #1, ESTABLISHED, IKEv2' "$out"
check_grep 'net: #1, reqid [0-9]+, INSTALLED, TUNNEL, ESP:AES_GCM_16-128' "$out"
check ip netns exec left ping -q -c 3 -i 0.2 -W 5 -I 10.1.0.1 10.2.0.1 >/dev/null
out=$(swanctl_in right "$work/right" --list-sas)
check_grep 'in .*, +252 bytes, +3 packets' "$out"
echo "$out" | head -n 8
