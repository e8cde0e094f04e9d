#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 1200
# Crypto sessions as Cisco shows them (the seed document's examples):
#   1. golden output of every show form against a gateway passing real
#      traffic with an xfrm peer: show crypto session [detail|brief|summary],
#      show crypto isakmp peer, show crypto ipsec sa, their JSON;
#   2. status transitions UP-NO-IKE -> UP-ACTIVE -> UP-IDLE -> DOWN (and
#      DOWN-NEGOTIATING), each UP/DOWN logged exactly once in the seed's
#      %CRYPTO-5-SESSION_STATUS format, and as an event;
#   3. three peers behind two front-door and two inside VRFs: every filter
#      of show and clear selects exactly the right sessions, the DOWN line
#      once per cleared session, the clear event for the IKE agent;
#   4. bad input changes nothing; unprivileged users read, never change;
#      the DOWN reasons: deleted, agent gone (its socket closed), hard expiry;
#   5. 10,000 sessions shown, in text and valid JSON.
. "$(dirname "$0")/lib.sh"
. "$SELFTESTS/lib_peers.sh"
. "$SELFTESTS/lib_gw.sh"

espgw_load
work=$(mktemp -d /tmp/sessions.XXXXXX)
at_exit rm -rf "$work"

# The kernel log lines of this test only (dmesg is shared by the whole run).
log_mark() { dmesg | wc -l >"$work/mark"; }
log_since() { dmesg | tail -n +"$(($(cat "$work/mark") + 1))" | sed 's/^\[[^]]*\] //'; }
session_lines() { log_since | grep -c "^%CRYPTO-5-SESSION_STATUS: Crypto session is $1\. Peer $2 " || true; }

# expect_text NAME EXPECTED ACTUAL
expect_text() {
	[ "$2" = "$3" ] && return
	diff <(echo "$2") <(echo "$3") >&2 || true
	fail "$1: output differs from the golden text (diff above: - expected, + got)"
}

# Remaining seconds and uptimes move while the test runs: replaced by S.
seconds_out() {
	sed -E 's#(life \(KB/Sec\) [0-9]+)/[0-9]+#\1/S#; s#lifetime:[0-9]+:[0-9]{2}:[0-9]{2}#lifetime:S#;
		s#Uptime: [0-9dh:]+#Uptime: S#; s#Last DOWN: [0-9dh:]+ ago#Last DOWN: S ago#'
}

# shows PATTERN CMD...: CMD succeeds and prints a line matching PATTERN.
shows() {
	local pattern=$1 out
	shift
	out=$("$@") || fail "'$*' exited $?"
	check_grep "$pattern" "$out"
}

json_valid() { python3 -c 'import json, sys; json.load(sys.stdin)' <<<"$1" || fail "invalid JSON: $1"; }

###########################################################################
# 1. Golden output with real traffic.
gw_topology
KEY=$(hex 20)
echo "$KEY" >"$work/key"
XFRM_REQID=7 xfrm_tunnel peer 192.0.2.2 192.0.2.1 10.2.0.0/24 10.1.0.0/24 0x2000 0x1000 \
	aead 'rfc4106(gcm(aes))' "0x$KEY" 128
check CRYPTO tunnel change Tunnel0 local 192.0.2.1
# The seed's "permit 47 host A host B": GRE between the crypto endpoints,
# a flow of this peer with no SA yet.
check CRYPTO flow add id 47 dev Tunnel0 local 192.0.2.1/32 remote 192.0.2.2/32 proto 47 \
	peer 192.0.2.2
check CRYPTO peer add 192.0.2.2 dev Tunnel0 id 192.0.2.2 description connection to site B Green

expect_text "DOWN session" "Crypto session current status

Interface: Tunnel0
Session status: DOWN
Peer: 192.0.2.2/500
  IPSEC FLOW: permit 47 host 192.0.2.1 host 192.0.2.2
    Active SAs: 0, origin: crypto map" "$(CRYPTO show crypto session)"

log_mark
# 4605665 KB and 2949 s left, as in the seed; the few pings below use less than a KB.
life="hard bytes $((4605665 * 1024 + 1023)) seconds 2949"
check CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" \
	dir out spi 0x1000 flow 4 $life
check CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" \
	dir in spi 0x2000 flow 4 $life
[ "$(session_lines UP 192.0.2.2:500)" = 1 ] || fail "no single UP line: $(log_since)"
shows "UP-NO-IKE" CRYPTO show crypto session
check CRYPTO ike-sa add connid 3 dev Tunnel0 local 192.0.2.1 remote 192.0.2.2 \
	state established capabilities D id 192.0.2.2 lifetime 79404
check ip netns exec gw ping -q -c 4 -i 0.2 -W 3 -I 10.1.0.1 10.2.0.1
# One packet refused on the way out: it fits the tunnel but, with DF and
# ESP around it, not the path to the peer.
ip -n gw link set wan mtu 1200
ip netns exec gw ping -q -c 1 -W 1 -M do -s 1300 -I 10.1.0.1 10.2.0.1 >/dev/null 2>&1 || true
ip -n gw link set wan mtu 1500
[ "$(session_lines UP 192.0.2.2:500)" = 1 ] || fail "an IKE SA record changed UP-ness: $(log_since)"

expect_text "show crypto session" "Crypto session current status

Interface: Tunnel0
Session status: UP-ACTIVE
Peer: 192.0.2.2/500
  IKE SA: local 192.0.2.1/500 remote 192.0.2.2/500 Active
  IPSEC FLOW: permit 47 host 192.0.2.1 host 192.0.2.2
    Active SAs: 0, origin: crypto map
  IPSEC FLOW: permit ip 10.1.0.0/255.255.255.0 10.2.0.0/255.255.255.0
    Active SAs: 2, origin: crypto map" "$(CRYPTO show crypto session)"

expect_text "show crypto session detail" "Interface: Tunnel0
Session status: UP-ACTIVE
Peer: 192.0.2.2 port 500 fvrf: (none) ivrf: (none)
  Desc: connection to site B Green
  Phase1_id: 192.0.2.2
  Uptime: S
  IKE SA: local 192.0.2.1/500 remote 192.0.2.2/500 Active
    Capabilities:D connid:3 lifetime:S
  IPSEC FLOW: permit 47 host 192.0.2.1 host 192.0.2.2
    Active SAs: 0, origin: crypto map
    Inbound: #pkts dec'ed 0 drop 0 life (KB/Sec) 0/S
    Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/S
  IPSEC FLOW: permit ip 10.1.0.0/255.255.255.0 10.2.0.0/255.255.255.0
    Active SAs: 2, origin: crypto map
    Inbound: #pkts dec'ed 4 drop 0 life (KB/Sec) 4605665/S
    Outbound: #pkts enc'ed 4 drop 1 life (KB/Sec) 4605665/S" \
	"$(CRYPTO show crypto session detail | seconds_out)"
# What S stands for: the seed's 22:03:24 and 2949 s, less the seconds gone.
detail=$(CRYPTO show crypto session detail)
# (No more than the test's age: two minutes even on a debug kernel.)
python3 - "$detail" <<'EOF' || fail "lifetimes: $detail"
import re, sys
d = sys.argv[1]
h, m, s = map(int, re.search(r"lifetime:(\d+):(\d+):(\d+)$", d, re.M).groups())
assert 79404 - 120 <= h * 3600 + m * 60 + s <= 79404, (h, m, s)
secs = [int(x) for x in re.findall(r"life \(KB/Sec\) 4605665/(\d+)$", d, re.M)]
assert len(secs) == 2 and all(2949 - 120 <= x <= 2949 for x in secs), secs
EOF

expect_text "show crypto isakmp peer" "Peer: 192.0.2.2 Port: 500
Description: connection to site B Green
flags: PEER_POLICY" "$(CRYPTO show crypto isakmp peer)"

brief=$(CRYPTO show crypto session brief | sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2} UA$/T UA/')
expect_text "show crypto session brief" "Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating
        K - No IKE
ivrf = (none)
 Peer            I/F          Username        Group/Phase1_id          Uptime   Status
192.0.2.2        Tunnel0                      192.0.2.2                T UA" "$brief"

expect_text "show crypto session summary" "Crypto sessions summary

Total sessions: 1
  UP-ACTIVE: 1
  UP-IDLE: 0
  UP-NO-IKE: 0
  DOWN-NEGOTIATING: 0
  DOWN: 0
Total IKE SAs: 1, Active: 1, Inactive: 0
Total IPsec SAs: 2" "$(CRYPTO show crypto session summary)"

# show crypto ipsec sa: every counter, the MTU drop among them.
ipsec=$(CRYPTO show crypto ipsec sa)
for want in "current_peer 192.0.2.2 port 500" "#pkts encaps: 4" "#pkts decaps: 4" \
	"0x00001000(4096)" "0x00002000(8192)"; do
	grep -qF -- "$want" <<<"$ipsec" || fail "show crypto ipsec sa lacks '$want':
$ipsec"
done
check_output "" CRYPTO show crypto ipsec sa peer 192.0.2.99

# JSON of every show, one schema.
for form in "session" "session detail" "session brief" "session summary" "isakmp peer" \
	"ipsec sa"; do
	# shellcheck disable=SC2086
	json_valid "$(CRYPTO -j show crypto $form)"
done
js=$(CRYPTO -j show crypto session detail)
[ "$(gw_json_get "$js" '[0]["status"]')" = UP-ACTIVE ] || fail "JSON status: $js"
[ "$(gw_json_get "$js" '[0]["description"]')" = "connection to site B Green" ] ||
	fail "JSON description: $js"
[ "$(gw_json_get "$js" '[0]["ike_sas"][0]["connid"]')" = 3 ] || fail "JSON connid: $js"
[ "$(gw_json_get "$js" '[0]["flows"][1]["inbound"]["packets"]')" = 4 ] ||
	fail "JSON inbound packets: $js"
[ "$(gw_json_get "$js" '[0]["flows"][1]["outbound"]["drops"]')" = 1 ] ||
	fail "JSON outbound drops: $js"

###########################################################################
# 2. Status transitions, each UP/DOWN once in the log and as an event.
CRYPTO -j monitor -c 2 >"$work/events" &
mon=$!
sleep 1
log_mark
check CRYPTO sa del dir out spi 0x1000 remote 192.0.2.2
check CRYPTO sa del dir in spi 0x2000 local 192.0.2.1
shows "Session status: UP-IDLE" CRYPTO show crypto session
check CRYPTO ike-sa del connid 3 reason peer-delete
shows "Session status: DOWN$" CRYPTO show crypto session
shows "Last DOWN: .* reason: peer delete" CRYPTO show crypto session detail
[ "$(session_lines DOWN 192.0.2.2:500)" = 1 ] || fail "DOWN lines: $(log_since)"
grep -qxF "%CRYPTO-5-SESSION_STATUS: Crypto session is DOWN. Peer 192.0.2.2:500 Description: connection to site B Green Id: 192.0.2.2" \
	<(log_since) || fail "DOWN line not in the seed's format: $(log_since)"
check CRYPTO ike-sa add connid 4 dev Tunnel0 local 192.0.2.1 remote 192.0.2.2 state negotiating
shows "Session status: DOWN-NEGOTIATING" CRYPTO show crypto session
check CRYPTO ike-sa add connid 4 dev Tunnel0 local 192.0.2.1 remote 192.0.2.2 \
	state established replace
shows "Session status: UP-IDLE" CRYPTO show crypto session
[ "$(session_lines UP 192.0.2.2:500)" = 1 ] || fail "UP lines: $(log_since)"
wait "$mon" || fail "monitor: $(cat "$work/events")"
python3 - "$work/events" <<'EOF' || fail "events: $(cat "$work/events")"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert [e["event"] for e in ev] == ["session", "session"], ev
assert ev[0]["status"] == "DOWN" and ev[1]["status"] == "UP-IDLE", ev
assert ev[0]["session"]["last_down"]["reason"] == "peer delete", ev
EOF
# A rekey (new SAs before the old go) is no DOWN.
log_mark
check CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" \
	dir out spi 0x1001 flow 4
check CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" \
	dir out spi 0x1002 flow 4
check CRYPTO sa del dir out spi 0x1001 remote 192.0.2.2
shows "Session status: UP-ACTIVE" CRYPTO show crypto session
[ "$(log_since | grep -c SESSION_STATUS || true)" = 0 ] || fail "rekey logged: $(log_since)"

###########################################################################
# 4. Bad input changes nothing.
# The sessions' JSON without what moves with the clock.
steady_json() {
	CRYPTO -j show crypto session detail | python3 -c '
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in ("uptime", "lifetime", "seconds")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
print(json.dumps(strip(json.load(sys.stdin)), sort_keys=True))'
}
before=$(steady_json)
expect_fail() { # MESSAGE-PATTERN CMD...
	local pat=$1 out
	shift
	if out=$("$@" 2>&1); then fail "'$*' succeeded"; fi
	grep -qE -- "$pat" <<<"$out" || fail "'$*' said: $out"
}
long=$(printf 'x%.0s' $(seq 81))
expect_fail "description.*(81|80)" CRYPTO peer 192.0.2.2 description "$long"
expect_fail "VRF.*nosuch|nosuch.*VRF" CRYPTO show crypto session fvrf nosuch
expect_fail "VRF.*nosuch|nosuch.*VRF" CRYPTO clear crypto session ivrf nosuch
expect_fail "192\.0\.2\.300" CRYPTO show crypto session remote 192.0.2.300
expect_fail "no crypto session matches" CRYPTO clear crypto session remote 198.18.0.1
expect_fail "Operation not permitted|permission|CAP_NET_ADMIN" \
	ip netns exec gw setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$CRYPTOCTL" clear crypto session
check ip netns exec gw setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$CRYPTOCTL" show crypto session detail >/dev/null
[ "$(steady_json)" = "$before" ] ||
	fail "a refused command changed the sessions"
# 80 characters of UTF-8 (not bytes) are fine.
eighty=$(printf 'é%.0s' $(seq 80))
check CRYPTO peer 192.0.2.2 description "$eighty"
shows "Description: $eighty" CRYPTO show crypto isakmp peer
check CRYPTO peer 192.0.2.2 no description
check_fail grep -q Description <(CRYPTO show crypto isakmp peer)

# Why sessions went DOWN: deleted; the agent gone (an IKE SA record owned by
# its socket goes with it); a hard lifetime.
check CRYPTO sa del dir out spi 0x1002 remote 192.0.2.2
check CRYPTO ike-sa del connid 4
shows "reason: deleted$" CRYPTO show crypto session detail
mkfifo "$work/agent"
ip netns exec gw python3 "$TOP/bench/nl_batch.py" owned-ike Tunnel0 9 192.0.2.1 192.0.2.2 \
	<"$work/agent" >"$work/agent.out" &
agent=$!
exec 3>"$work/agent"
wait_for "grep -q added '$work/agent.out'" 30
shows "Session status: UP-IDLE" CRYPTO show crypto session
exec 3>&-
wait "$agent" || fail "the stand-in agent failed: $(cat "$work/agent.out")"
wait_for "CRYPTO show crypto session | grep -q 'Session status: DOWN$'" 10
shows "reason: agent gone$" CRYPTO show crypto session detail
check CRYPTO sa add local 192.0.2.1 remote 192.0.2.2 alg aes128gcm16 key-file "$work/key" \
	dir out spi 0x1003 flow 4 hard seconds 5
shows "Session status: UP-NO-IKE" CRYPTO show crypto session
wait_for "CRYPTO show crypto session | grep -q 'Session status: DOWN$'" 30
shows "reason: hard expiry$" CRYPTO show crypto session detail

###########################################################################
# 3. Three peers, two front-door VRFs, two inside VRFs: filters and clear.
NS=hub
netns_add $NS
HUB() { ip netns exec $NS "$CRYPTOCTL" "$@"; }
for v in fvrfA:10 fvrfB:20 ivrfX:30 ivrfY:40; do
	ip -n $NS link add "${v%:*}" type vrf table "${v#*:}"
	ip -n $NS link set "${v%:*}" up
done
# tunnel:fvrf:ivrf:local:peer
tunnels="Tu1:fvrfA:ivrfX:203.0.113.1:198.51.100.1 Tu2:fvrfB:ivrfY:203.0.113.2:198.51.100.2
Tu3:fvrfA:ivrfY:203.0.113.1:198.51.100.3 Tu4:fvrfB:ivrfX:203.0.113.2:198.51.100.1"
# Every session up again: all cleared, then IKE SA records and SAs anew.
hub_setup() {
	local t name fvrf ivrf local peer n=0
	HUB clear crypto session >/dev/null 2>&1 || true
	for t in $tunnels; do
		IFS=: read -r name fvrf ivrf local peer <<<"$t"
		n=$((n + 1))
		if ! ip -n $NS link show "$name" >/dev/null 2>&1; then
			check HUB tunnel add "$name" local "$local" fvrf "$fvrf"
			ip -n $NS link set "$name" master "$ivrf" up
			check HUB flow add id "$n" dev "$name" local "10.$n.0.0/16" remote "10.1$n.0.0/16"
			check HUB peer add "$peer" fvrf "$fvrf" dev "$name" description "peer $n"
		fi
		check HUB ike-sa add connid "$n" dev "$name" local "$local" remote "$peer" \
			state established
		check HUB sa add dir out spi "$((n * 256))" local "$local" remote "$peer" \
			alg aes128gcm16 key-file "$work/key" flow "$n"
		check HUB sa add dir in spi "$((n * 256 + 1))" local "$local" remote "$peer" \
			alg aes128gcm16 key-file "$work/key" flow "$n"
	done
}
# The sessions still up, as "tunnel:status" sorted.
hub_state() {
	HUB -j show crypto session | python3 -c '
import json, sys
print(" ".join(sorted(s["interface"] + ":" + s["status"] for s in json.load(sys.stdin))))'
}
# show_sel FILTER...: the interfaces of the sessions shown.
show_sel() {
	HUB -j show crypto session "$@" | python3 -c '
import json, sys
print(" ".join(sorted(s["interface"] for s in json.load(sys.stdin))))'
}
hub_setup
all_up="Tu1:UP-ACTIVE Tu2:UP-ACTIVE Tu3:UP-ACTIVE Tu4:UP-ACTIVE"
[ "$(hub_state)" = "$all_up" ] || fail "hub: $(hub_state)"
while read -r want filter; do
	# shellcheck disable=SC2086
	got=$(show_sel $filter)
	[ "$got" = "${want//,/ }" ] || fail "show crypto session $filter: $got, want $want"
	# The text form shows the same sessions.
	# shellcheck disable=SC2086
	[ "$(HUB show crypto session detail $filter | grep -c '^Interface:')" = \
		"$(wc -w <<<"$got")" ] || fail "text and JSON differ for '$filter'"
done <<'EOF'
Tu1,Tu2,Tu3,Tu4
Tu1,Tu3 local 203.0.113.1
Tu2,Tu4 local 203.0.113.2 port 500
Tu1,Tu4 remote 198.51.100.1
Tu2 remote 198.51.100.2 port 500
Tu1,Tu3 fvrf fvrfA
Tu2,Tu3 ivrf ivrfY
Tu4 fvrf fvrfB ivrf ivrfX
Tu1 remote 198.51.100.1 fvrf fvrfA
Tu1 ivrf ivrfX local 203.0.113.1
EOF
# No session has this local address.
[ "$(show_sel ivrf ivrfX local 203.0.113.9)" = "" ] || fail "filter matched a wrong local"

# clear_case "WANT-DOWN" FILTER...: exactly those sessions lose their SAs,
# one DOWN line each, one clear event each for the agent.
clear_case() {
	local want=$1 expect t name n
	shift
	hub_setup >/dev/null
	[ "$(hub_state)" = "$all_up" ] || fail "hub before clear $*: $(hub_state)"
	# Not through HUB: a function's background job would be a subshell,
	# and killing it would leave the monitor running.
	ip netns exec $NS "$CRYPTOCTL" -j monitor >"$work/clear-events" &
	local mon=$!
	sleep 0.5
	log_mark
	check HUB clear crypto session "$@"
	sleep 0.5
	kill "$mon"
	wait "$mon" 2>/dev/null || true
	expect=""
	for t in $tunnels; do
		name=${t%%:*}
		if grep -qw "$name" <<<"${want//,/ }"; then
			expect="$expect $name:DOWN"
		else
			expect="$expect $name:UP-ACTIVE"
		fi
	done
	[ "$(hub_state)" = "${expect# }" ] || fail "clear crypto session $*: $(hub_state), want$expect"
	n=$(wc -w <<<"${want//,/ }")
	[ "$(log_since | grep -c 'Crypto session is DOWN' || true)" = "$n" ] ||
		fail "clear $*: DOWN lines: $(log_since)"
	[ "$(grep -c '"clear-session"' "$work/clear-events" || true)" = "$n" ] ||
		fail "clear $*: events: $(cat "$work/clear-events")"
	# The SAs are gone; the peers and their sessions stay, DOWN.
	for t in $tunnels; do
		name=${t%%:*}
		grep -qw "$name" <<<"${want//,/ }" || continue
		[ "$(HUB -j show crypto session | python3 -c "
import json, sys
print([s['ike_sas'] == [] and all(f['active_sas'] == 0 for f in s['flows'])
       for s in json.load(sys.stdin) if s['interface'] == '$name'])")" = "[True]" ] ||
			fail "clear $*: $name kept SAs"
		shows "reason: cleared by operator" HUB show crypto session detail
	done
}
clear_case Tu1,Tu3 local 203.0.113.1
clear_case Tu2 local 203.0.113.2 port 500 remote 198.51.100.2
clear_case Tu1,Tu4 remote 198.51.100.1
clear_case Tu1,Tu3 fvrf fvrfA
clear_case Tu2,Tu3 ivrf ivrfY
clear_case Tu1,Tu2,Tu3,Tu4
# The DOWN line names the VRFs and the description.
hub_setup >/dev/null
log_mark
check HUB clear crypto session remote 198.51.100.3
grep -qxF "%CRYPTO-5-SESSION_STATUS: Crypto session is DOWN. Peer 198.51.100.3:500 fvrf=fvrfA ivrf=ivrfY Description: peer 3" \
	<(log_since) || fail "DOWN line with VRFs: $(log_since)"
# No match: a message, nothing cleared.
hub_setup >/dev/null
expect_fail "no crypto session matches" HUB clear crypto session remote 198.51.100.1 port 4500
[ "$(hub_state)" = "$all_up" ] || fail "a clear that matched nothing changed: $(hub_state)"
# clear crypto sa counters leaves the SAs alone.
check HUB clear crypto sa counters
[ "$(hub_state)" = "$all_up" ] || fail "clear crypto sa counters: $(hub_state)"
# NAT-T, keyed by hand: a flow whose peer talks IKE on port 4500 and raw
# ESP SAs without a port of their own make one session on 4500 (the SAs
# join their flow's peer), whose local IKE port is 4500 as well.
check HUB tunnel add Tu5 local 203.0.113.5 fvrf fvrfA
ip -n $NS link set Tu5 master ivrfX up
check HUB flow add id 5 dev Tu5 local 10.5.0.0/16 remote 10.15.0.0/16 \
	peer 198.51.100.5 peer-port 4500
check HUB sa add dir out spi 0x500 local 203.0.113.5 remote 198.51.100.5 \
	alg aes128gcm16 key-file "$work/key" flow 5
out=$(HUB show crypto session remote 198.51.100.5)
[ "$(grep -c '^Interface:' <<<"$out")" = 1 ] || fail "one NAT-T session expected: $out"
check_grep '^Peer: 198.51.100.5/4500$' "$out"
check_grep '^Session status: UP-NO-IKE$' "$out"
[ "$(show_sel local 203.0.113.5 port 4500)" = Tu5 ] ||
	fail "local port of a NAT-T session: $(HUB -j show crypto session remote 198.51.100.5)"
check HUB clear crypto session remote 198.51.100.5 port 4500
check_grep '^Session status: DOWN$' "$(HUB show crypto session remote 198.51.100.5)"

###########################################################################
# 5. 10,000 sessions.
NS=many
netns_add $NS
check ip netns exec $NS "$CRYPTOCTL" tunnel add Tunnel0 local 192.0.2.1
ip -n $NS link set Tunnel0 up
check ip netns exec $NS python3 "$TOP/bench/nl_batch.py" sessions Tunnel0 1 10000
start=$(date +%s)
ip netns exec $NS "$CRYPTOCTL" show crypto session >"$work/many.txt" ||
	fail "show crypto session with 10,000 sessions"
ip netns exec $NS "$CRYPTOCTL" -j show crypto session >"$work/many.json" ||
	fail "show crypto session -j with 10,000 sessions"
echo "# 10,000 sessions shown in text and JSON in $(($(date +%s) - start)) s"
[ "$(grep -c '^Session status: UP-IDLE$' "$work/many.txt")" = 10000 ] ||
	fail "text: $(grep -c '^Interface:' "$work/many.txt") sessions"
python3 - "$work/many.json" <<'EOF' || fail "10,000 sessions in JSON"
import json, sys
s = json.load(open(sys.argv[1]))
assert len(s) == 10000, len(s)
peers = {x["remote"]["address"] for x in s}
assert len(peers) == 10000
want = {"100.%d.%d.%d" % (64 + i // 65536, i // 256 % 256, i % 256) for i in range(10000)}
assert peers == want
assert all(len(x["flows"]) == 1 and len(x["ike_sas"]) == 1 for x in s)
EOF
exit 0
