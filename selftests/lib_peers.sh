# SPDX-License-Identifier: GPL-2.0
# Real IPsec peers for espgw's interoperability tests, in network namespaces:
# Linux xfrm with static keys, and strongSwan's charon (IKEv2).  Source it
# after lib.sh.  See Documentation/testing.md.

# xfrm_tunnel NS LOCAL REMOTE LOCAL_NET REMOTE_NET SPI_OUT SPI_IN ALGO...
# A tunnel-mode SA pair with policies (out, in, fwd) in NS.  ALGO is what
# `ip xfrm state add` takes after the addresses, e.g.
#   aead 'rfc4106(gcm(aes))' 0x<key+salt> 128
# Optional: XFRM_ENCAP="encap espinudp 4500 4500 0.0.0.0", XFRM_REQID=N.
xfrm_tunnel() {
	local ns=$1 local=$2 remote=$3 lnet=$4 rnet=$5 spi_out=$6 spi_in=$7 reqid=${XFRM_REQID:-$RANDOM}
	shift 7
	# shellcheck disable=SC2086
	ip -n "$ns" xfrm state add src "$local" dst "$remote" proto esp spi "$spi_out" \
		reqid "$reqid" mode tunnel replay-window "${XFRM_REPLAY_WINDOW:-32}" ${XFRM_ENCAP:-} "$@"
	# shellcheck disable=SC2086
	ip -n "$ns" xfrm state add src "$remote" dst "$local" proto esp spi "$spi_in" \
		reqid "$reqid" mode tunnel replay-window "${XFRM_REPLAY_WINDOW:-32}" ${XFRM_ENCAP:-} "$@"
	ip -n "$ns" xfrm policy add src "$lnet" dst "$rnet" dir out \
		tmpl src "$local" dst "$remote" proto esp reqid "$reqid" mode tunnel
	ip -n "$ns" xfrm policy add src "$rnet" dst "$lnet" dir in \
		tmpl src "$remote" dst "$local" proto esp reqid "$reqid" mode tunnel
	ip -n "$ns" xfrm policy add src "$rnet" dst "$lnet" dir fwd \
		tmpl src "$remote" dst "$local" proto esp reqid "$reqid" mode tunnel
}

# charon_start NS DIR: starts charon in NS with its own /run, strongswan.conf
# and vici socket under DIR (keep DIR short: unix socket paths <= 108
# bytes).  Put the swanctl configuration in DIR/swanctl/swanctl.conf first.
# Waits until charon answers; its pid is in CHARON_PID_<NS> (dashes become
# underscores) and it is stopped at exit.
charon_start() {
	local ns=$1 dir=$2 var pid
	mkdir -p "$dir/run" "$dir/swanctl"
	cat >"$dir/strongswan.conf" <<CONF
charon {
	load_modular = no
	load = random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey aes sha1 sha2 hmac gcm kdf gmp kernel-netlink socket-default vici updown counters
	plugins {
		vici {
			socket = unix://$dir/charon.vici
		}
	}
	install_routes = yes
	retransmit_timeout = 3
	retransmit_base = 1.5
	retransmit_tries = 3
	filelog {
		log {
			path = $dir/charon.log
			time_format = %H:%M:%S
			default = 1
			ike = 2
			cfg = 1
		}
	}
}
swanctl {
	load = pem pkcs1 pkcs8 x509 revocation constraints pubkey openssl random
}
CONF
	ip netns exec "$ns" unshare --mount --propagation private sh -c \
		"mount --bind '$dir/run' /run && exec env STRONGSWAN_CONF='$dir/strongswan.conf' /usr/lib/ipsec/charon" \
		>"$dir/charon.out" 2>&1 &
	pid=$!
	_pids+=("$pid")
	var=CHARON_PID_${ns//-/_}
	printf -v "$var" '%s' "$pid"
	wait_for "[ -e '$dir/run/charon.pid' ] && swanctl_in '$ns' '$dir' --stats" 30 ||
		{ cat "$dir/charon.out" "$dir/charon.log" >&2; return 1; }
}

# swanctl_in NS DIR ARGS...: swanctl against the charon of charon_start.
swanctl_in() {
	local ns=$1 dir=$2
	shift 2
	ip netns exec "$ns" env STRONGSWAN_CONF="$dir/strongswan.conf" SWANCTL_DIR="$dir/swanctl" \
		swanctl "$@" --uri "unix://$dir/charon.vici"
}

# udp_encap_socket NS FAMILY PORT: a UDP socket on PORT in NS with
# UDP_ENCAP_ESPINUDP set, as an IKE daemon holds it: xfrm receives ESP in
# UDP only through such a socket.  Lives until exit.
udp_encap_socket() {
	local ns=$1 family=$2 port=$3
	ip netns exec "$ns" python3 -c '
import socket, sys, time
fam = socket.AF_INET6 if sys.argv[1] == "6" else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
if fam == socket.AF_INET6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.setsockopt(socket.IPPROTO_UDP, 100, 2)   # UDP_ENCAP, UDP_ENCAP_ESPINUDP
s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", int(sys.argv[2])))
print("ready", flush=True)
time.sleep(1e6)
' "$family" "$port" >"/tmp/encap.$ns.$family.$port" &
	_pids+=("$!")
	wait_for "grep -q ready /tmp/encap.$ns.$family.$port" 10
}

# pcap_capture NS IFACE FILE: captures IFACE's frames into FILE (pcap)
# until pcap_stop.  Lighter than dumpcap under emulation.
pcap_capture() {
	local ns=$1 iface=$2 file=$3
	rm -f "$file.ready"
	ip netns exec "$ns" python3 -c '
import socket, struct, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((sys.argv[1], 0))
s.settimeout(0.2)
out = open(sys.argv[2], "wb")
out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
open(sys.argv[2] + ".ready", "w").close()
while True:
    try:
        data = s.recv(65535)
    except socket.timeout:
        out.flush()
        continue
    t = time.time()
    out.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(data), len(data)) + data)
' "$iface" "$file" &
	PCAP_PID=$!
	_pids+=("$PCAP_PID")
	wait_for "[ -e '$file.ready' ]" 10
}

pcap_stop() {
	sleep 0.5
	kill "$PCAP_PID" 2>/dev/null || true
	wait "$PCAP_PID" 2>/dev/null || true
}
