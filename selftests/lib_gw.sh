# SPDX-License-Identifier: GPL-2.0
# Two gateways for espgw's data-path tests.  Source after lib.sh and
# lib_peers.sh.
#
#   gw_topology       namespaces "gw" (espgw, tunnel interface Tunnel0) and
#                     "peer" (the kernel's xfrm), joined by veth "wan":
#                     192.0.2.1/24, 2001:db8::1/64 <-> 192.0.2.2, 2001:db8::2;
#                     inside networks on dummy "lan": 10.1.0.1/24, fd01::1/64
#                     (gw) and 10.2.0.1/24, fd02::1/64 (peer), routed
#                     through the tunnel; flows 4 (IPv4) and 6 (IPv6).
#   CRYPTO ARGS...    cryptoctl in gw
#   hex N             N random bytes in hex

CRYPTO() { ip netns exec gw "$CRYPTOCTL" "$@"; }

hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

gw_topology() {
	local side ns n
	netns_add gw
	netns_add peer
	ip link add wan netns gw type veth peer name wan netns peer
	for side in gw:1 peer:2; do
		ns=${side%:*} n=${side#*:}
		ip -n "$ns" addr add "192.0.2.$n/24" dev wan
		ip -n "$ns" addr add "2001:db8::$n/64" dev wan nodad
		ip -n "$ns" link set wan up
		ip -n "$ns" link add lan type dummy
		ip -n "$ns" addr add "10.$n.0.1/24" dev lan
		ip -n "$ns" addr add "fd0$n::1/64" dev lan nodad
		ip -n "$ns" link set lan up
	done
	check CRYPTO tunnel add Tunnel0
	ip -n gw link set Tunnel0 up
	ip -n gw route add 10.2.0.0/24 dev Tunnel0 src 10.1.0.1
	ip -n gw route add fd02::/64 dev Tunnel0 src fd01::1
	ip -n peer route add 10.1.0.0/24 via 192.0.2.1 src 10.2.0.1
	ip -n peer route add fd01::/64 via 2001:db8::1 src fd02::1
	check CRYPTO flow add id 4 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.0/24
	check CRYPTO flow add id 6 dev Tunnel0 local fd01::/64 remote fd02::/64
}

# gw_json_get JSON PYEXPR: a value out of cryptoctl's JSON, e.g.
#   gw_json_get "$(CRYPTO -j -s sa show)" '[0]["stats"]["packets"]'
gw_json_get() {
	python3 -c "import json, sys; print(json.load(sys.stdin)$2)" <<<"$1"
}

# gw_sa_stat DIR SPI FIELD: an SA's counter: packets, bytes, or a drop
# reason as in the JSON (replay, integrity, ...).
gw_sa_stat() {
	CRYPTO -j -s sa show | python3 -c '
import json, sys
d, spi, field = sys.argv[1], int(sys.argv[2], 0), sys.argv[3]
for sa in json.load(sys.stdin):
    if sa["dir"] == d and sa["spi"] == spi:
        st = sa["stats"]
        print(st[field] if field in st else st["drops"][field])
        break
else:
    print("none")
' "$1" "$2" "$3"
}

# gw_ns_stat in|out REASON: the namespace's own drop counter.
gw_ns_stat() {
	CRYPTO -j stats | python3 -c '
import json, sys
print(json.load(sys.stdin)[sys.argv[1]]["drops"][sys.argv[2]])' "$1" "$2"
}
