#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# espgw against the kernel's own xfrm with the same static keys: every
# algorithm x inner IPv4/IPv6 x outer IPv4/IPv6 x raw ESP / ESP in UDP.
# For each: ping both ways, a TCP transfer whose SHA-256 must match, and
# espgw's SA counters must equal xfrm's (less what the kernel dropped on
# the wire for a full backlog).  tshark, given the keys, must
# decode espgw's packets as valid ESP carrying the right inner packet.
#
# ESPGW_INTEROP_MB (default 10): size of each TCP transfer.
# ESPGW_INTEROP_QUICK=1: one combination per algorithm (for slow kernels).
# ESPGW_INTEROP_NO_EXTRAS=1: without the ESN and UDP-port runs.
# timeout: 1200
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"
. "$SELFTESTS/lib_gw.sh"

# The debug kernel (KASAN, lockdep) is ten times slower: a sample there.
case $(uname -r) in
*-espgw-debug) : "${ESPGW_INTEROP_QUICK:=1}" "${ESPGW_INTEROP_MB:=1}" ;;
esac
MB=${ESPGW_INTEROP_MB:-10}
espgw_load
work=$(mktemp -d /tmp/interop.XXXXXX)
at_exit rm -rf "$work"
head -c $((MB * 1024 * 1024)) /dev/urandom >"$work/data"
want_sum=$(sha256sum <"$work/data" | cut -d' ' -f1)

gw_topology
# Under emulation a bulk sender can overrun the receiving CPU's backlog;
# those drops are counted in /proc/net/softnet_stat and allowed for below.
sysctl -qw net.core.netdev_max_backlog=10000
udp_encap_socket peer 4 4500
udp_encap_socket peer 6 4500

# NAME KEY_BYTES XFRM_ARGS (with KEY and KEY2 for the key halves)
ALGS=(
	"rfc4106(gcm(aes))|20|aead rfc4106(gcm(aes)) 0x\$KEY 128"
	"rfc4106(gcm(aes))|36|aead rfc4106(gcm(aes)) 0x\$KEY 128"
	"rfc7539esp(chacha20,poly1305)|36|aead rfc7539esp(chacha20,poly1305) 0x\$KEY 128"
	"authenc(hmac(sha256),cbc(aes))|48|enc cbc(aes) 0x\$KEY1 auth-trunc hmac(sha256) 0x\$KEY2 128"
	"authenc(hmac(sha256),cbc(aes))|64|enc cbc(aes) 0x\$KEY1 auth-trunc hmac(sha256) 0x\$KEY2 128"
)

# xfrm's counters of the SA with SPI $1 in the peer: "BYTES PACKETS REPLAYED",
# the last being packets refused as too old or duplicate.
xfrm_counts() {
	ip -n peer -s xfrm state | awk -v spi="$(printf '0x%08x' "$1")" '
		$1 == "proto" && $3 == "spi" { found = index($4, spi) == 1 }
		found && /lifetime current:/ {
			getline; gsub(/\(bytes\),|\(packets\)/, ""); b = $1; p = $2
		}
		# "replay-window N replay N failed N": too old for the window,
		# duplicates, ICV failures (the last never tolerated).
		found && /^[[:space:]]*replay-window .* replay / { print b, p, $2 + $4; exit }'
}

# espgw's counters of the SA (direction $1, SPI $2): "BYTES PACKETS"
espgw_counts() {
	echo "$(gw_sa_stat "$1" "$2" bytes) $(gw_sa_stat "$1" "$2" packets)" \
	     "$(gw_sa_stat "$1" "$2" replay)"
}

# Packets lost between the two SAs' counters: the kernel's backlog drops
# (all CPUs), Tunnel0's transmit drops after espgw counted them sent (the
# outer route's output failed), the veth pair's drops.
softnet_drops() {
	local sum=0 d
	while read -r _ d _; do sum=$((sum + 0x$d)); done </proc/net/softnet_stat
	for d in "gw Tunnel0 tx" "gw wan tx" "peer wan rx" "gw wan rx" "peer wan tx"; do
		set -- $d
		sum=$((sum + $(ip -n "$1" -s -j link show "$2" | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["stats64"][sys.argv[1]]["dropped"])' "$3")))
	done
	echo "$sum"
}

# compare WHAT SENT_BYTES SENT_PACKETS GOT_BYTES GOT_PACKETS LOST: equal,
# or the receiver short of at most LOST packets: lost on the wire, or
# refused as replays when they came too far out of order (asynchronous
# crypto on several CPUs reorders) and counted so.
compare() {
	local what=$1 sb=$2 sp=$3 gb=$4 gp=$5 lost=$6
	if [ "$sp" = "$gp" ] && [ "$sb" = "$gb" ]; then
		return 0
	fi
	if [ "$sp" -gt "$gp" ] && [ $((sp - gp)) -le "$lost" ]; then
		echo "# $what: $((sp - gp)) packets lost on the wire or out of the window ($lost)"
		return 0
	fi
	echo "# FAIL $name: $what: sent $sb bytes $sp packets, received $gb bytes $gp packets"
	failures=$((failures + 1))
	{
		ip -n peer -s xfrm state | grep -E 'spi|replay-window .* replay'
		ip netns exec peer nstat -az | grep -E '^Xfrm|Reasm|Frag' | grep -v ' 0 '
		ip -n gw -s link show wan
		ip -n peer -s link show wan
		CRYPTO -s sa show
		CRYPTO stats
	} 2>&1 | sed 's/^/#   /'

}

# Capture espgw's pings on the peer's wire; tshark decrypts them with the key.
TSHARK_ALG=
tshark_check() {
	local gw=$1 peer=$2 lgw=$3 lpeer=$4 outer=$5 spi=$6 key=$7 key1=$8 key2=$9 uat out
	pcap_capture peer wan "$work/esp.pcap"
	ip netns exec gw ping -q -c 2 -i 0.2 -W 3 -I "$lgw" "$lpeer" >/dev/null || true
	pcap_stop
	if [ "$TSHARK_ALG" = gcm ]; then
		uat="\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x$key\",\"NULL\",\"\""
	else
		uat="\"AES-CBC [RFC3602]\",\"0x$key1\",\"HMAC-SHA-256-128 [RFC4868]\",\"0x$key2\""
	fi
	uat="uat:esp_sa:\"IPv$outer\",\"$gw\",\"$peer\",\"$(printf '0x%08x' "$spi")\",$uat"
	out=$(tshark -n -r "$work/esp.pcap" -o esp.enable_encryption_decode:TRUE \
		-o esp.enable_authentication_check:TRUE -o "$uat" \
		-Y "esp.spi == $spi && (icmp.type == 8 || icmpv6.type == 128)" \
		-T fields -e esp.sequence -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst \
		-e esp.icv_good 2>&1) || true
	echo "$out" | sed 's/^/# tshark: /'
	if ! grep -q "$lgw" <<<"$out" || ! grep -q "$lpeer" <<<"$out"; then
		echo "# FAIL tshark did not decode espgw's ESP (SPI $spi) to $lgw -> $lpeer"
		failures=$((failures + 1))
	fi
	if [ "$TSHARK_ALG" = cbc ] && ! grep -qE '(^|\s)(1|True)$' <<<"$out"; then
		echo "# FAIL tshark did not find espgw's ICV good (SPI $spi)"
		failures=$((failures + 1))
	fi
}

n=0 failures=0 name=
run_combo() {
	local alg=$1 keylen=$2 xargs=$3 inner=$4 outer=$5 encap=$6 esn=${7:-} esnargs=() inwin=() lost
	local spi_out=$((0x1000 + n)) spi_in=$((0x2000 + n)) flow gw peer lgw lpeer enc=() xenc=""
	local KEY KEY1 KEY2 sum ebytes epk xbytes xpk
	n=$((n + 1))
	KEY=$(hex "$keylen")
	KEY1=${KEY:0:$(((keylen - 32) * 2))}
	KEY2=${KEY:$(((keylen - 32) * 2))}
	if [ "$outer" = 4 ]; then gw=192.0.2.1 peer=192.0.2.2; else gw=2001:db8::1 peer=2001:db8::2; fi
	if [ "$inner" = 4 ]; then lgw=10.1.0.1 lpeer=10.2.0.1 flow=4; else lgw=fd01::1 lpeer=fd02::1 flow=6; fi
	local inenc=()
	if [ "$encap" = udp ]; then enc=(encap udp); xenc="encap espinudp 4500 4500 0.0.0.0"; fi
	if [ "$encap" = udp-ports ]; then
		# Other ports than 4500: we send 4510 -> 4511, the peer 4511 -> 4510.
		enc=(encap udp sport 4510 dport 4511)
		inenc=(encap udp sport 4511 dport 4510)
		xenc="encap espinudp 4511 4510 0.0.0.0"
	fi
	[ ${#inenc[@]} -gt 0 ] || inenc=("${enc[@]}")
	name="$alg ${keylen}B inner IPv$inner outer IPv$outer $encap${esn:+ ESN}"
	if [ -n "$esn" ]; then
		# Start just below 2^32 both ways: the high half must come in.
		esnargs=(esn seq 4294967280)
		inwin=(replay-window 4096)
		xargs="$xargs flag esn replay-seq 0xfffffff0 replay-oseq 0xfffffff0"
	fi

	local plen=24
	[ "$inner" = 4 ] || plen=64
	xargs=${xargs//\$KEY1/$KEY1}
	xargs=${xargs//\$KEY2/$KEY2}
	xargs=${xargs//\$KEY/$KEY}
	# xfrm wants states that carry another family flagged so.
	[ "$inner" = "$outer" ] || xargs="$xargs flag af-unspec"
	# shellcheck disable=SC2086
	XFRM_ENCAP=$xenc xfrm_tunnel peer "$peer" "$gw" "$lpeer/$plen" "$lgw/$plen" \
		"$spi_in" "$spi_out" $xargs
	echo "$KEY" >"$work/key"
	CRYPTO sa add dir out spi "$spi_out" local "$gw" remote "$peer" alg "$alg" \
		key-file "$work/key" flow "$flow" "${enc[@]}" "${esnargs[@]}" &&
	CRYPTO sa add dir in spi "$spi_in" local "$gw" remote "$peer" alg "$alg" \
		key-file - flow "$flow" "${inenc[@]}" "${esnargs[@]}" "${inwin[@]}" <"$work/key" || {
		echo "# FAIL $name: SA setup"; failures=$((failures + 1)); return; }

	lost=$(softnet_drops)
	if ! ip netns exec gw ping -q -c 3 -i 0.1 -W 3 -I "$lgw" "$lpeer" >/dev/null ||
	   ! ip netns exec peer ping -q -c 3 -i 0.1 -W 3 -I "$lpeer" "$lgw" >/dev/null; then
		echo "# FAIL $name: ping"
		failures=$((failures + 1))
	else
		# The transfer goes one way or the other, alternately.
		local from=gw to=peer dst=$lpeer
		if [ $((n % 2)) = 0 ]; then from=peer to=gw dst=$lgw; fi
		ip netns exec "$to" socat -u TCP6-LISTEN:5001,reuseaddr,ipv6only=0 - |
			sha256sum | cut -d' ' -f1 >"$work/sum" &
		local rx=$!
		wait_for "ip netns exec $to ss -Hltn 'sport = :5001' | grep -q LISTEN" 10
		[ "$inner" = 6 ] && dst="[$dst]"
		ip netns exec "$from" socat -u "FILE:$work/data" "TCP:$dst:5001" || true
		wait "$rx" || true
		sum=$(cat "$work/sum")
		if [ "$sum" != "$want_sum" ]; then
			echo "# FAIL $name: TCP transfer of $MB MB: sha256 $sum"
			failures=$((failures + 1))
		fi
		lost=$(($(softnet_drops) - lost))
		local erep xrep
		read -r ebytes epk erep < <(espgw_counts out "$spi_out")
		read -r xbytes xpk xrep < <(xfrm_counts "$spi_out")
		compare "espgw -> xfrm" "$ebytes" "$epk" "$xbytes" "$xpk" $((lost + xrep))
		read -r ebytes epk erep < <(espgw_counts in "$spi_in")
		read -r xbytes xpk xrep < <(xfrm_counts "$spi_in")
		compare "xfrm -> espgw" "$xbytes" "$xpk" "$ebytes" "$epk" $((lost + erep))
		if [ -n "$esn" ]; then
			local s1 s2
			s1=$(CRYPTO -j sa get dir out spi "$spi_out" remote "$peer" |
			     python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["seq"])')
			s2=$(CRYPTO -j sa get dir in spi "$spi_in" local "$gw" |
			     python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["seq"])')
			if [ "$s1" -le $((1 << 32)) ] || [ "$s2" -le $((1 << 32)) ]; then
				echo "# FAIL $name: sequence numbers did not cross 2^32 ($s1, $s2)"
				failures=$((failures + 1))
			fi
		fi
		[ -z "$TSHARK_ALG" ] || tshark_check "$gw" "$peer" "$lgw" "$lpeer" "$outer" \
			"$spi_out" "$KEY" "$KEY1" "$KEY2"
		echo "# ok $name: $epk packets in, $MB MB $from->$to"
	fi
	CRYPTO sa del dir out spi "$spi_out" remote "$peer"
	CRYPTO sa del dir in spi "$spi_in" local "$gw"
	ip -n peer xfrm state flush
	ip -n peer xfrm policy flush
}

i=0
for a in "${ALGS[@]}"; do
	IFS='|' read -r alg keylen xargs <<<"$a"
	j=0
	for inner in 4 6; do
		for outer in 4 6; do
			for encap in raw udp; do
				TSHARK_ALG=
				# tshark 4.0 knows neither ChaCha20-Poly1305 nor ESN.
				[ "$i$j" = 00 ] && TSHARK_ALG=gcm
				[ "$i$j" = 37 ] && TSHARK_ALG=cbc
				if [ -z "${ESPGW_INTEROP_QUICK:-}" ] || [ $(((i * 3) % 8)) = "$j" ] ||
				   [ -n "$TSHARK_ALG" ]; then
					run_combo "$alg" "$keylen" "$xargs" "$inner" "$outer" "$encap"
				fi
				j=$((j + 1))
			done
		done
	done
	i=$((i + 1))
done
[ -z "${ESPGW_INTEROP_NO_EXTRAS:-}" ] || {
	[ "$failures" = 0 ] || fail "$failures failures in $n combinations"
	exit 0
}
# Extended sequence numbers, crossing 2^32, with a 4096-packet window
# inbound (tshark 4.0 cannot decode ESN).
IFS='|' read -r alg keylen xargs <<<"${ALGS[0]}"
run_combo "$alg" "$keylen" "$xargs" 4 4 raw esn
IFS='|' read -r alg keylen xargs <<<"${ALGS[3]}"
run_combo "$alg" "$keylen" "$xargs" 6 6 udp esn
# ESP in UDP on ports of the operator's choosing.
udp_encap_socket peer 4 4511
IFS='|' read -r alg keylen xargs <<<"${ALGS[0]}"
run_combo "$alg" "$keylen" "$xargs" 4 4 udp-ports
[ "$failures" = 0 ] || fail "$failures failures in $n combinations"
