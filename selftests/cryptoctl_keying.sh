#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
# cryptoctl's manual keying against the module, in a namespace of its own:
# tunnel interfaces with VRFs, SAs of every algorithm with keys from files
# and from stdin, flows, counters, lifetimes and their events; the command
# line's errors (exact text, exit 2, nothing sent) and the kernel's (its
# extack, exit 1); JSON; an unprivileged user; and no key in any output.
. "$(dirname "$0")/lib.sh"

NS=keying
netns_add "$NS"
tmp=$(mktemp -d)
at_exit rm -rf "$tmp"

# cryptoctl in the namespace; what it prints is also kept for the key check.
cc() {
	ip netns exec "$NS" "$CRYPTOCTL" "$@" | tee -a "$tmp/stdout.log"
	return "${PIPESTATUS[0]}"
}
nsip() { ip -n "$NS" "$@"; }
nobody() {
	ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$CRYPTOCTL" "$@"
}
json_ok() { python3 -c 'import json, sys; json.load(sys.stdin)' <<<"$1" || fail "invalid JSON: $1"; }
json_get() { python3 -c "import json, sys; print(json.load(sys.stdin)$2)" <<<"$1"; }

# fails STATUS CMD...: CMD (cc, nobody, a function) exits STATUS and prints
# nothing on stdout; what it printed on stderr is in $err.
fails() {
	local status=$1 out rc
	shift
	set +e
	out=$("$@" 2>"$tmp/err")
	rc=$?
	set -e
	err=$(cat "$tmp/err")
	cat "$tmp/err" >>"$tmp/stderr.log"
	[ "$rc" = "$status" ] || fail "'$*' exited $rc, expected $status; stderr: $err"
	[ -z "$out" ] || fail "'$*' printed on stdout: $out"
}

# expect_error STATUS MESSAGE CMD...: and MESSAGE is exactly its stderr.
expect_error() {
	local status=$1 msg=$2
	shift 2
	fails "$status" "$@"
	[ "$err" = "$msg" ] || fail "'$*' printed:
$err
expected:
$msg"
}

# usage_error MESSAGE ARGS...: a command-line error, nothing sent.
usage_error() {
	local msg=$1
	shift
	expect_error 2 "$msg" cc "$@"
}

# kernel_error MESSAGE ERRNO-TEXT ARGS...: the kernel's extack MESSAGE, with
# or without the module's "espgw: " prefix, then strerror (ERRNO-TEXT '*':
# any errno).
kernel_error() {
	local msg=$1 errno=$2
	shift 2
	fails 1 cc "$@"
	# shellcheck disable=SC2027 # $errno unquoted: a pattern
	[[ $err == "cryptoctl: kernel: espgw: $msg ("$errno")" ||
	   $err == "cryptoctl: kernel: $msg ("$errno")" ]] ||
		fail "'cryptoctl $*' printed '$err', expected 'cryptoctl: kernel: [espgw: ]$msg ($errno)'"
}

# kernel_refuses ARGS...: exit 1 and one line of the kernel's (any text).
kernel_refuses() {
	fails 1 cc "$@"
	check_grep '^cryptoctl: kernel: ' "$err"
	[ "$(wc -l <<<"$err")" = 1 ] || fail "more than one line: $err"
}

# Keys: N bytes of hex from a seed, each one remembered for the leak check.
keys=()
hexkey() {
	local n=$1 seed=$2 i s=
	for ((i = 0; i < n; i++)); do
		s+=$(printf '%02x' $(((seed * 37 + i * 11 + 5) % 256)))
	done
	echo "$s"
}
# key_file NAME HEX: the key with 0x, split over indented lines.
key_file() {
	printf '0x%s\n\t%s\n  %s\n' "${2:0:16}" "${2:16:16}" "${2:32}" >"$tmp/$1"
	keys+=("$2")
}
# no_key_in FILE...: no 12 hex digits of any key in them, in any case.
no_key_in() {
	local k i
	for k in "${keys[@]}"; do
		for ((i = 0; i + 12 <= ${#k}; i += 12)); do
			! grep -qiF -- "${k:i:12}" "$@" || fail "key material ${k:i:12} in $*"
		done
	done
}

K_GCM128_OUT=$(hexkey 20 1);	key_file gcm128_out "$K_GCM128_OUT"
K_GCM128_IN=$(hexkey 20 2);	keys+=("$K_GCM128_IN")
K_GCM256=$(hexkey 36 3);	key_file gcm256 "$K_GCM256"
K_CHACHA=$(hexkey 36 4);	keys+=("$K_CHACHA")
K_SHA128=$(hexkey 48 5);	key_file sha128 "$K_SHA128"
K_SHA256=$(hexkey 64 6);	keys+=("$K_SHA256")
K_GCM_NAME=$(hexkey 36 7);	key_file gcm_name "$K_GCM_NAME"
K_CHACHA_NAME=$(hexkey 36 8);	keys+=("$K_CHACHA_NAME")
K_AUTHENC_NAME=$(hexkey 48 9);	key_file authenc_name "$K_AUTHENC_NAME"
K_V6=$(hexkey 20 10);		key_file v6 "$K_V6"

L4=192.0.2.1
R4=198.51.100.7
PERM='cryptoctl: permission denied: changing espgw state needs CAP_NET_ADMIN in this network namespace'

# Events while the test runs, in text and JSON.
bg_start ip netns exec "$NS" "$CRYPTOCTL" monitor >"$tmp/monitor.txt" 2>&1
bg_start ip netns exec "$NS" "$CRYPTOCTL" -j monitor >"$tmp/monitor.json" 2>&1
sleep 0.5

### Tunnels, with a front-door VRF (blue) and an inside VRF (red)
nsip link add blue type vrf table 10 || ksft_skip "no VRF support in this kernel"
check nsip link add red type vrf table 20
check nsip link set blue up
check nsip link set red up
check_output '' cc tunnel show
check_output '[]' cc -j tunnel

check cc tunnel add Tunnel0 local $L4 fvrf blue mtu 1400
check cc tunnel add Tunnel1
check nsip link set Tunnel0 master red
ifindex() { nsip -j link show dev "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["ifindex"])'; }
mtu() { nsip -j link show dev "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["mtu"])'; }
T0=$(ifindex Tunnel0)
T1=$(ifindex Tunnel1)
[ "$(mtu Tunnel0)" = 1400 ] || fail "Tunnel0 mtu $(mtu Tunnel0), expected 1400"
T1_MTU=$(mtu Tunnel1)
check_output "tunnel Tunnel0 ifindex $T0 state down mtu 1400 local $L4 fvrf blue ivrf red
tunnel Tunnel1 ifindex $T1 state down mtu $T1_MTU local (none) fvrf (none) ivrf (none)" \
	cc tunnel show
check_output "tunnel Tunnel1 ifindex $T1 state down mtu $T1_MTU local (none) fvrf (none) ivrf (none)" \
	cc tunnel show Tunnel1

check nsip link set Tunnel0 up
check cc tunnel change Tunnel0 local none fvrf none mtu 1300
check_output "tunnel Tunnel0 ifindex $T0 state up mtu 1300 local (none) fvrf (none) ivrf red" \
	cc tunnel show Tunnel0
check cc tunnel change Tunnel0 local 2001:db8::1 fvrf blue
check_output "tunnel Tunnel0 ifindex $T0 state up mtu 1300 local 2001:db8::1 fvrf blue ivrf red" \
	cc tunnel show Tunnel0
check cc tunnel change Tunnel0 mtu 1400
check cc tunnel change Tunnel0 local $L4
check_output "tunnel Tunnel0 ifindex $T0 state up mtu 1400 local $L4 fvrf blue ivrf red" \
	cc tunnel show Tunnel0
check_output "[{\"name\":\"Tunnel0\",\"ifindex\":$T0,\"state\":\"up\",\"mtu\":1400,\"local\":\"$L4\",\"fvrf\":\"blue\",\"ivrf\":\"red\"}]" \
	cc -j tunnel show Tunnel0
out=$(cc -j -p tunnel)
json_ok "$out"
[ "$(json_get "$out" '[1]["name"]')" = Tunnel1 ] || fail "tunnel JSON: $out"
[ "$(json_get "$out" '[1]["fvrf"]')" = None ] || fail "tunnel JSON: $out"

# A third tunnel, deleted again; ip sees the same.
check cc tunnel add Tunnel2 local 2001:db8::2
check_grep "^tunnel Tunnel2 ifindex [0-9]+ state down mtu [0-9]+ local 2001:db8::2 fvrf \(none\) ivrf \(none\)$" \
	"$(cc tunnel show)"
check_grep 'espgw' "$(nsip -d link show Tunnel2)"
check cc tunnel del Tunnel2
check_fail nsip link show Tunnel2 2>/dev/null

# Tunnel errors
usage_error "cryptoctl: fvrf: no interface named 'green'" tunnel add Tunnel9 fvrf green
usage_error "cryptoctl: local: '192.0.2.300' is not an IPv4 or IPv6 address" \
	tunnel add Tunnel9 local 192.0.2.300
usage_error "cryptoctl: local: 'none' is not an IPv4 or IPv6 address" tunnel add Tunnel9 local none
usage_error "cryptoctl: mtu: '67' is out of range (68..65535)" tunnel add Tunnel9 mtu 67
usage_error "cryptoctl: tunnel: unknown word 'colour'; see 'cryptoctl help tunnel'" \
	tunnel add Tunnel9 colour blue
usage_error "cryptoctl: tunnel: mtu given twice; see 'cryptoctl help tunnel'" \
	tunnel add Tunnel9 mtu 1400 mtu 1300
usage_error "cryptoctl: tunnel: change needs local, fvrf or mtu; see 'cryptoctl help tunnel'" \
	tunnel change Tunnel0
usage_error "cryptoctl: tunnel: 'Tunnel_name_too_long' is not an interface name (1 to 15 characters, no '/', ':' or spaces); see 'cryptoctl help tunnel'" \
	tunnel add Tunnel_name_too_long
usage_error "cryptoctl: tunnel: needs a tunnel name; see 'cryptoctl help tunnel'" tunnel add
check_fail nsip link show Tunnel9 2>/dev/null
expect_error 1 'cryptoctl: lo is not an espgw tunnel' cc tunnel del lo
expect_error 1 'cryptoctl: blue is not an espgw tunnel' cc tunnel change blue mtu 1300
expect_error 1 'cryptoctl: lo is not an espgw tunnel' cc tunnel show lo
expect_error 1 "cryptoctl: no interface named 'Tunnel9'" cc tunnel del Tunnel9
check nsip link show lo >/dev/null
kernel_refuses tunnel add Tunnel0
kernel_error 'front-door VRF is not a VRF device' 'Invalid argument' tunnel add Tunnel9 fvrf lo
check_fail nsip link show Tunnel9 2>/dev/null
kernel_error 'front-door VRF is not a VRF device' 'Invalid argument' \
	tunnel change Tunnel1 fvrf Tunnel0
check_grep 'fvrf \(none\)' "$(cc tunnel show Tunnel1)"
echo "tunnels: ok"

### Flows
check_output '' cc flow show
check_output '[]' cc -j flow
check cc flow add id 1 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16
check cc flow add id 2 dev Tunnel0 local 10.1.1.0/24 remote 10.2.2.2 proto tcp local-port 22
check cc flow add id 3 dev Tunnel1 local 2001:db8:1::/48 remote 2001:db8:2::/48 proto ipv6-icmp
check cc flow add id 4 dev Tunnel1 local 10.3.0.0/16 remote 10.4.0.0/16 proto 47
check cc flow add id 5 dev Tunnel1 local 10.5.0.0/16 remote 10.6.0.0/16 proto udplite remote-port 53
check_output 'flow 1 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16 proto any
    sas 0 out-spi (none)' cc flow get id 1
check_output 'flow 2 dev Tunnel0 local 10.1.1.0/24 remote 10.2.2.2/32 proto tcp local-port 22 remote-port any
    sas 0 out-spi (none)' cc flow get id 2
check_output 'flow 3 dev Tunnel1 local 2001:db8:1::/48 remote 2001:db8:2::/48 proto ipv6-icmp
    sas 0 out-spi (none)' cc flow get id 3
check_output 'flow 4 dev Tunnel1 local 10.3.0.0/16 remote 10.4.0.0/16 proto gre
    sas 0 out-spi (none)' cc flow get id 4
check_output 'flow 5 dev Tunnel1 local 10.5.0.0/16 remote 10.6.0.0/16 proto udplite local-port any remote-port 53
    sas 0 out-spi (none)' cc flow get id 5
check_output "[{\"id\":2,\"dev\":\"Tunnel0\",\"ifindex\":$T0,\"local\":\"10.1.1.0/24\",\"remote\":\"10.2.2.2/32\",\"proto\":6,\"local_port\":22,\"remote_port\":0,\"sas\":0,\"out_spi\":null,\"peer\":null,\"peer_port\":null,\"session\":null}]" \
	cc -j flow get id 2
out=$(cc flow show)
for id in 1 2 3 4 5; do
	check_grep "^flow $id dev Tunnel[01] local " "$out"
done
out=$(cc -j -s flow show)
json_ok "$out"
[ "$(json_get "$out" '.__len__()')" = 5 ] || fail "flow JSON: $out"
[ "$(python3 -c 'import json, sys; print(sorted(f["id"] for f in json.load(sys.stdin)))' <<<"$out")" = \
	'[1, 2, 3, 4, 5]' ] || fail "flow JSON: $out"
[ "$(json_get "$out" '[0]["stats"]["out"]["drops"]["no_out_sa"]')" = 0 ] || fail "flow JSON: $out"
check_grep '^    stats in (packets 0 bytes 0 )?drops none$' "$(cc -s flow get id 1)"
check_grep '^    stats out (packets 0 bytes 0 )?drops none$' "$(cc -s flow get id 1)"
# replace: new selectors, same flow
check cc flow add id 4 dev Tunnel1 local 10.3.0.0/16 remote 10.5.0.0/16 replace
check_output 'flow 4 dev Tunnel1 local 10.3.0.0/16 remote 10.5.0.0/16 proto any
    sas 0 out-spi (none)' cc flow get id 4

# Flow errors: the command line's
usage_error 'cryptoctl: local: prefix 10.0.0.0/33 does not parse: length above 32' \
	flow add id 9 dev Tunnel0 local 10.0.0.0/33 remote 10.2.0.0/16
usage_error 'cryptoctl: remote: prefix 2001:db8::/129 does not parse: length above 128' \
	flow add id 9 dev Tunnel0 local 2001:db8::/32 remote 2001:db8::/129
usage_error 'cryptoctl: local: prefix 10.1.2.3/16 does not parse: address bits set after the first 16' \
	flow add id 9 dev Tunnel0 local 10.1.2.3/16 remote 10.2.0.0/16
usage_error 'cryptoctl: local: prefix 10.1.0/16 does not parse: not an IPv4 or IPv6 address' \
	flow add id 9 dev Tunnel0 local 10.1.0/16 remote 10.2.0.0/16
usage_error "cryptoctl: flow: local 10.1.0.0/16 and remote 2001:db8::/32 are not of one family; see 'cryptoctl help flow'" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote 2001:db8::/32
usage_error "cryptoctl: flow: local-port needs proto tcp, udp, sctp or udplite; see 'cryptoctl help flow'" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16 proto icmp local-port 5
usage_error "cryptoctl: flow: remote-port needs proto tcp, udp, sctp or udplite; see 'cryptoctl help flow'" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16 remote-port 5
usage_error "cryptoctl: proto: 'ftp' is not a protocol: give 0..255 or one of any, icmp, tcp, udp, gre, esp, ipv6-icmp, sctp, udplite" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16 proto ftp
usage_error "cryptoctl: local-port: '65536' is out of range (1..65535)" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16 proto udp local-port 65536
usage_error "cryptoctl: id: '0' is out of range (1..4294967295)" \
	flow add id 0 dev Tunnel0 local 10.1.0.0/16 remote 10.2.0.0/16
usage_error "cryptoctl: dev: no interface named 'Tunnel9'" \
	flow add id 9 dev Tunnel9 local 10.1.0.0/16 remote 10.2.0.0/16
usage_error "cryptoctl: flow: add needs remote; see 'cryptoctl help flow'" \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16
usage_error "cryptoctl: flow: needs id; see 'cryptoctl help flow'" flow del
usage_error "cryptoctl: flow: unknown word 'dev'; see 'cryptoctl help flow'" flow del id 1 dev Tunnel0
usage_error 'cryptoctl: remote needs a prefix (ADDR or ADDR/LEN)' \
	flow add id 9 dev Tunnel0 local 10.1.0.0/16 remote
# ... and the kernel's
kernel_error 'not an espgw tunnel interface' 'No such device' \
	flow add id 9 dev blue local 10.1.0.0/16 remote 10.2.0.0/16
kernel_error 'a flow with this ID exists' 'File exists' \
	flow add id 1 dev Tunnel0 local 10.7.0.0/16 remote 10.8.0.0/16
kernel_error 'no flow with this ID to replace' 'No such file or directory' \
	flow add id 9 dev Tunnel0 local 10.7.0.0/16 remote 10.8.0.0/16 replace
kernel_error 'no flow with this ID' 'No such file or directory' flow get id 9
kernel_error 'no flow with this ID' 'No such file or directory' flow del id 9
echo "flows: ok"

### SAs: every algorithm, keys from files and from stdin
check_output '' cc sa show
check_output '[]' cc -j sa
check cc sa add dir out spi 0x1001 local $L4 remote $R4 alg aes128gcm16 \
	key-file "$tmp/gcm128_out" encap udp sport 4500 dport 4501 seq 5 flow 1 \
	soft bytes 1000 hard bytes 2000 seconds 3600
check cc sa add dir in spi 4096 local $L4 remote $R4 alg aes128gcm16 key-file - \
	esn replay-window 128 flow 1 <<<"$K_GCM128_IN"
check cc sa add dir in spi 0x2000 local $L4 remote $R4 alg aes256gcm16 key-file "$tmp/gcm256"
printf '%s' "$K_CHACHA" >"$tmp/stdin"
check cc sa add dir out spi 0x2001 local $L4 remote $R4 alg chacha20poly1305 key-file - \
	flow 2 <"$tmp/stdin"
check cc sa add dir in spi 0x3000 local $L4 remote $R4 alg aes128-sha256 key-file "$tmp/sha128" \
	seq 100
check cc sa add dir out spi 0x3001 local $L4 remote $R4 alg aes256-sha256 key-file - \
	<<<"0x${K_SHA256:0:64}
${K_SHA256:64}"
check cc sa add dir in spi 0x4000 local $L4 remote $R4 alg 'rfc4106(gcm(aes))' \
	key-file "$tmp/gcm_name"
check cc sa add dir out spi 0x4001 local $L4 remote $R4 alg 'rfc7539esp(chacha20,poly1305)' \
	key-file - <<<"$K_CHACHA_NAME"
check cc sa add dir in spi 0x5000 local $L4 remote $R4 alg 'authenc(hmac(sha256),cbc(aes))' \
	key-file "$tmp/authenc_name"
check cc sa add dir in spi 0x6000 local 2001:db8::1 remote 2001:db8::7 alg aes128gcm16 \
	key-file "$tmp/v6" flow 3
rm -f "$tmp/stdin"

# sa_get ARGS...: 'sa get' without its "added" line, which must be there.
sa_get() {
	local out
	out=$(cc sa get "$@") || return 1
	check_grep '^    added [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$' "$out"
	grep -v '^    added ' <<<"$out"
}
check_output "sa out spi 0x00001001 local $L4 remote $R4 flow 1
    alg rfc4106(gcm(aes)) 128 encap udp 4500:4501 seq 5
    lifetime soft bytes 1000 packets 0 seconds 0 hard bytes 2000 packets 0 seconds 3600" \
	sa_get dir out spi 0x1001 remote $R4
check_output "sa in spi 0x00001000 local $L4 remote $R4 flow 1
    alg rfc4106(gcm(aes)) 128 esn replay-window 128 seq 0
    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0" \
	sa_get dir in spi 0x1000 local $L4
check_output "sa in spi 0x00002000 local $L4 remote $R4
    alg rfc4106(gcm(aes)) 256 replay-window 64 seq 0
    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0" \
	sa_get dir in spi 8192 local $L4 remote $R4
check_output "sa out spi 0x00002001 local $L4 remote $R4 flow 2
    alg rfc7539esp(chacha20,poly1305) 256 seq 0
    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0" \
	sa_get dir out spi 0x2001 remote $R4
check_output "sa in spi 0x00003000 local $L4 remote $R4
    alg authenc(hmac(sha256),cbc(aes)) 128 replay-window 64 seq 100
    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0" \
	sa_get dir in spi 0x3000 local $L4
check_output "sa out spi 0x00003001 local $L4 remote $R4
    alg authenc(hmac(sha256),cbc(aes)) 256 seq 0
    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0" \
	sa_get dir out spi 0x3001 remote $R4
check_grep '^    alg rfc4106\(gcm\(aes\)\) 256 replay-window 64 seq 0$' "$(cc sa get dir in spi 0x4000 local $L4)"
check_grep '^    alg rfc7539esp\(chacha20,poly1305\) 256 seq 0$' "$(cc sa get dir out spi 0x4001 remote $R4)"
check_grep '^    alg authenc\(hmac\(sha256\),cbc\(aes\)\) 128 replay-window 64 seq 0$' \
	"$(cc sa get dir in spi 0x5000 local $L4)"
check_grep '^sa in spi 0x00006000 local 2001:db8::1 remote 2001:db8::7 flow 3$' \
	"$(cc sa get dir in spi 0x6000 local 2001:db8::1)"
check_grep '^    stats packets 0 bytes 0 drops none$' "$(cc -s sa get dir in spi 0x1000 local $L4)"

# The list, in the order added, and its JSON.
out=$(cc sa show)
[ "$(grep -c '^sa ' <<<"$out")" = 10 ] || fail "sa show: $out"
[ "$(grep '^sa ' <<<"$out" | head -n1)" = "sa out spi 0x00001001 local $L4 remote $R4 flow 1" ] ||
	fail "sa show: $out"
! grep -q '^    stats' <<<"$out" || fail "stats without -s: $out"
[ "$(grep -c '^    stats packets 0 bytes 0 drops none$' <<<"$(cc -s sa show)")" = 10 ] ||
	fail "sa show -s: $(cc -s sa show)"
out=$(cc -j -s sa show)
json_ok "$out"
json_ok "$(cc -j -p sa show)"
[ "$(json_get "$out" '.__len__()')" = 10 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["spi"]')" = 4097 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["dir"]')" = out ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["encap"]')" = udp ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["dport"]')" = 4501 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["lifetime"]["hard"]["seconds"]')" = 3600 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[1]["esn"]')" = True ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[1]["replay_window"]')" = 128 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[1]["stats"]["drops"]["replay"]')" = 0 ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[0]["replay_window"]')" = None ] || fail "sa JSON: $out"
[ "$(json_get "$out" '[2]["flow"]')" = None ] || fail "sa JSON: $out"
[ "$(python3 -c 'import json, sys; print(sorted(set(k for s in json.load(sys.stdin) for k in s)))' <<<"$out")" = \
	"['add_time', 'alg', 'dir', 'dport', 'encap', 'esn', 'flow', 'key_bits', 'lifetime', 'local', 'remote', 'replay_window', 'seq', 'soft_expired', 'spi', 'sport', 'stats']" ] ||
	fail "sa JSON keys: $out"
json_ok "$(cc -j sa get dir in spi 0x1000 local $L4)"
check_grep '"sas":2,"out_spi":4097' "$(cc -j flow get id 1)"
check_output "flow 2 dev Tunnel0 local 10.1.1.0/24 remote 10.2.2.2/32 proto tcp local-port 22 remote-port any
    sas 1 out-spi 0x00002001 session 2" cc flow get id 2

# replace keeps the identity; a replace of nothing, a second add, a missing flow
check cc sa add dir in spi 0x2000 local $L4 remote $R4 alg aes256gcm16 key-file "$tmp/gcm256" \
	replay-window 32 replace
check_grep '^    alg rfc4106\(gcm\(aes\)\) 256 replay-window 32 seq 0$' "$(cc sa get dir in spi 0x2000 local $L4)"
kernel_error 'no SA with this direction, SPI and destination to replace' 'No such file or directory' \
	sa add dir in spi 0x2002 local $L4 remote $R4 alg aes256gcm16 key-file "$tmp/gcm256" replace
kernel_error 'an SA with this direction, SPI and destination exists' 'File exists' \
	sa add dir in spi 0x2000 local $L4 remote $R4 alg aes256gcm16 key-file "$tmp/gcm256"
kernel_error 'no flow with this ID' 'No such file or directory' \
	sa add dir in spi 0x2003 local $L4 remote $R4 alg aes256gcm16 key-file "$tmp/gcm256" flow 99
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir in spi 0x2003 local $L4
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa del dir out spi 0x2003 remote $R4

# SA errors: the command line's, nothing sent
usage_error "cryptoctl: spi: '255' is out of range (256..4294967295)" \
	sa add dir in spi 255 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out"
usage_error "cryptoctl: spi: '0x1g' is not a number (256..4294967295)" \
	sa get dir in spi 0x1g local $L4
usage_error 'cryptoctl: spi needs a value (256..4294967295)' sa del dir in spi
usage_error "cryptoctl: dir: 'both' is not 'in' or 'out'" sa del dir both spi 0x1000 local $L4
usage_error "cryptoctl: remote: '198.51.100.300' is not an IPv4 or IPv6 address" \
	sa add dir in spi 0x7000 local $L4 remote 198.51.100.300 alg aes128gcm16 key-file "$tmp/gcm128_out"
usage_error "cryptoctl: sa: local $L4 and remote 2001:db8::7 are not of one family; see 'cryptoctl help sa'" \
	sa add dir in spi 0x7000 local $L4 remote 2001:db8::7 alg aes128gcm16 key-file "$tmp/gcm128_out"
usage_error "cryptoctl: sa: unknown word 'colour'; see 'cryptoctl help sa'" \
	sa add dir in spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" colour blue
usage_error "cryptoctl: sa: spi given twice; see 'cryptoctl help sa'" \
	sa add dir in spi 0x7000 spi 0x7001 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out"
usage_error "cryptoctl: sa: add needs key-file; see 'cryptoctl help sa'" \
	sa add dir in spi 0x7000 local $L4 remote $R4 alg aes128gcm16
usage_error "cryptoctl: sa: keys are not taken from the command line: use key-file FILE, or key-file - for stdin; see 'cryptoctl help sa'" \
	sa add dir in spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key "$K_GCM128_OUT"
usage_error "cryptoctl: alg: 'aes-gcm' is not an algorithm: give one of aes128gcm16, aes256gcm16, chacha20poly1305, aes128-sha256, aes256-sha256, rfc4106(gcm(aes)), rfc7539esp(chacha20,poly1305), authenc(hmac(sha256),cbc(aes))" \
	sa add dir in spi 0x7000 local $L4 remote $R4 alg aes-gcm key-file "$tmp/gcm128_out"
usage_error "cryptoctl: sa: replay-window applies to inbound SAs only; see 'cryptoctl help sa'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" replay-window 64
usage_error "cryptoctl: replay-window: '16385' is out of range (0..16384)" \
	sa add dir in spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" replay-window 16385
usage_error "cryptoctl: sa: seq above 4294967295 needs esn; see 'cryptoctl help sa'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" seq 4294967296
usage_error "cryptoctl: sa: sport needs encap udp; see 'cryptoctl help sa'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" sport 4500
usage_error "cryptoctl: dport: '65536' is out of range (1..65535)" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" encap udp dport 65536
usage_error "cryptoctl: encap: 'tcp' is not 'udp'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" encap tcp
usage_error "cryptoctl: sa: soft needs bytes, packets or seconds; see 'cryptoctl help sa'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" soft
usage_error "cryptoctl: sa: soft seconds 60 is not below hard seconds 60; see 'cryptoctl help sa'" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" \
	soft seconds 60 hard seconds 60
usage_error "cryptoctl: hard packets: '-1' is not a number (0..18446744073709551615)" \
	sa add dir out spi 0x7000 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" hard packets -1
usage_error "cryptoctl: sa: del needs local, the destination of an inbound SA; see 'cryptoctl help sa'" \
	sa del dir in spi 0x1000 remote $R4
usage_error "cryptoctl: sa: get needs remote, the destination of an outbound SA; see 'cryptoctl help sa'" \
	sa get dir out spi 0x1001 local $L4
usage_error "cryptoctl: sa: unknown word 'alg'; see 'cryptoctl help sa'" \
	sa del dir in spi 0x1000 local $L4 alg aes128gcm16

# Key files: the format, the length, the file itself
add7000() { # ALG KEYFILE: an SA that must never be added
	cc sa add dir in spi 0x7000 local $L4 remote $R4 alg "$1" key-file "$2"
}
# key_error MESSAGE ALG KEYFILE: refused before anything is sent.
key_error() {
	expect_error 2 "$1" add7000 "$2" "$3"
}
printf '0011223344556677zz\n' >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': not a hex digit at line 1, column 17" aes128gcm16 "$tmp/bad"
printf '00112233445566778899\naabbccddeeff0011223\n' >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': odd number of hex digits (39)" aes128gcm16 "$tmp/bad"
printf '0x\n\n' >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': empty: no hex digits" aes128gcm16 "$tmp/bad"
: >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': empty: no hex digits" aes128gcm16 "$tmp/bad"
hexkey 65 11 >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': key is 65 bytes, more than the 64 any algorithm takes" \
	aes128gcm16 "$tmp/bad"
head -c 5000 /dev/zero | tr '\0' '0' >"$tmp/bad"
key_error "cryptoctl: key file '$tmp/bad': more than 4096 bytes: not a key" aes128gcm16 "$tmp/bad"
key_error "cryptoctl: key file '$tmp/gcm128_out': key is 20 bytes, aes256gcm16 needs 36 bytes (key + salt)" \
	aes256gcm16 "$tmp/gcm128_out"
key_error "cryptoctl: key file '$tmp/gcm256': key is 36 bytes, aes128-sha256 needs 48 bytes (AES key + HMAC-SHA256 key)" \
	aes128-sha256 "$tmp/gcm256"
key_error "cryptoctl: key file '$tmp/sha128': key is 48 bytes, rfc4106(gcm(aes)) needs 20 or 36 bytes (key + salt)" \
	'rfc4106(gcm(aes))' "$tmp/sha128"
key_error "cryptoctl: key file '$tmp/gcm256': key is 36 bytes, authenc(hmac(sha256),cbc(aes)) needs 48 or 64 bytes (AES key + HMAC-SHA256 key)" \
	'authenc(hmac(sha256),cbc(aes))' "$tmp/gcm256"
key_error "cryptoctl: key file '$tmp/none': No such file or directory" aes128gcm16 "$tmp/none"
key_error "cryptoctl: key file '$tmp': Is a directory" aes128gcm16 "$tmp"
key_error 'cryptoctl: key on stdin: key is 20 bytes, chacha20poly1305 needs 36 bytes (key + salt)' \
	chacha20poly1305 - <<<"$K_GCM128_IN"
key_error 'cryptoctl: key on stdin: not a hex digit at line 1, column 1' \
	chacha20poly1305 - <<<"key: $K_CHACHA"
key_error 'cryptoctl: key on stdin: empty: no hex digits' chacha20poly1305 - </dev/null
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir in spi 0x7000 local $L4
[ "$(cc sa show | grep -c '^sa ')" = 10 ] || fail "a refused command changed the SAs"
echo "sas: ok"

### Counters
out=$(cc stats)
check_grep '^in (packets 0 bytes 0 )?drops none$' "$out"
check_grep '^out (packets 0 bytes 0 )?drops none$' "$out"
out=$(cc -j stats)
json_ok "$out"
[ "$(python3 -c 'import json, sys; print(sorted(json.load(sys.stdin)["in"]["drops"]))' <<<"$out")" = \
	"['bad_inner', 'bad_length', 'bad_next_header', 'bad_padding', 'crypto', 'encap', 'expired', 'integrity', 'mtu', 'no_flow', 'no_memory', 'no_out_sa', 'no_route', 'no_sa', 'replay', 'selector', 'seq_overflow']" ] ||
	fail "stats JSON: $out"
check cc counters clear
usage_error "cryptoctl: counters: unknown subcommand 'reset'; see 'cryptoctl help counters'" counters reset
usage_error "cryptoctl: stats: unexpected argument 'all'; see 'cryptoctl help stats'" stats all
wait_for "grep -qx 'clear-counters' '$tmp/monitor.txt'"
wait_for "grep -qx '{\"event\":\"clear_counters\"}' '$tmp/monitor.json'"
echo "counters: ok"

### Lifetimes: soft then hard expiry by time, as events
check cc sa add dir out spi 0x8001 local $L4 remote $R4 alg aes128gcm16 key-file "$tmp/gcm128_out" \
	flow 4 soft seconds 1 hard seconds 6
wait_for "grep -qx 'expire soft: sa out spi 0x00008001 local .* remote $R4 flow 4.*' '$tmp/monitor.txt'" 10
check_grep ' soft-expired$' "$(cc sa get dir out spi 0x8001 remote $R4)"
wait_for "grep -qx 'expire hard: sa out spi 0x00008001 local .* remote $R4 flow 4.*' '$tmp/monitor.txt'" 20
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir out spi 0x8001 remote $R4
check_grep '"event":"expire","limit":"hard","sa":\{"dir":"out","spi":32769,' "$(cat "$tmp/monitor.json")"
echo "lifetimes: ok"

### An unprivileged user reads, and changes nothing
check_output "$(cc sa show)" nobody sa show
check_output "$(cc flow show)" nobody flow show
check_output "$(cc tunnel show)" nobody tunnel show
check nobody stats >/dev/null
expect_error 1 "$PERM" nobody sa add dir in spi 0x7000 local $L4 remote $R4 alg aes128gcm16 \
	key-file - <<<"$K_GCM128_IN"
expect_error 1 "$PERM" nobody sa del dir in spi 0x1000 local $L4
expect_error 1 "$PERM" nobody flow add id 9 dev Tunnel0 local 10.9.0.0/16 remote 10.8.0.0/16
expect_error 1 "$PERM" nobody flow del id 1
expect_error 1 "$PERM" nobody counters clear
expect_error 1 "$PERM" nobody tunnel add Tunnel9
expect_error 1 "$PERM" nobody tunnel change Tunnel0 mtu 1300
expect_error 1 "$PERM" nobody tunnel del Tunnel1
check cc sa get dir in spi 0x1000 local $L4 >/dev/null
check cc flow get id 1 >/dev/null
[ "$(mtu Tunnel0)" = 1400 ] || fail "an unprivileged change went through"
echo "unprivileged: ok"

### Deleting: an SA, a flow with its SAs, a tunnel with its flows
check cc sa del dir in spi 0x2000 local $L4 remote $R4
check cc sa del dir out spi 0x3001 remote $R4
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir in spi 0x2000 local $L4
check cc flow del id 1
kernel_error 'no flow with this ID' 'No such file or directory' flow get id 1
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir out spi 0x1001 remote $R4
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir in spi 0x1000 local $L4
check cc tunnel del Tunnel1
for id in 3 4 5; do
	kernel_error 'no flow with this ID' 'No such file or directory' flow get id $id
done
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir in spi 0x6000 local 2001:db8::1
out=$(cc flow show)
[ "$(grep -o '^flow [0-9]*' <<<"$out")" = 'flow 2' ] || fail "flows left: $out"
check cc flow del id 2
kernel_error 'no SA with this direction, SPI and destination' 'No such file or directory' \
	sa get dir out spi 0x2001 remote $R4
check cc tunnel del Tunnel0
check_output '' cc tunnel show
check_output '' cc flow show
check cc sa del dir out spi 0x4001 remote $R4
for spi in 0x3000 0x4000 0x5000; do
	check cc sa del dir in spi $spi local $L4
done
check_output '' cc sa show
check_output '[]' cc -j sa show
echo "deleting: ok"

### No key anywhere: not in what cryptoctl printed, nor in its errors or events
kill "${_pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
while read -r line; do
	json_ok "$line"
done <"$tmp/monitor.json"
no_key_in "$tmp/stdout.log" "$tmp/stderr.log" "$tmp/monitor.txt" "$tmp/monitor.json"
[ -s "$tmp/stdout.log" ] || fail "nothing was logged to check"
echo "no keys in output: ok"
