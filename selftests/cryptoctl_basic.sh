#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# cryptoctl against the module: every command's text and JSON, its errors,
# and what an unprivileged user gets.
. "$(dirname "$0")/lib.sh"

json_ok() { python3 -c 'import json, sys; json.load(sys.stdin)' <<<"$1" || fail "invalid JSON: $1"; }
json_get() { python3 -c "import json, sys; print(json.load(sys.stdin)$2)" <<<"$1"; }
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# info
out=$("$CRYPTOCTL" info)
check_grep '^cryptoctl 0\.1\.0, espgw module 0\.1\.0, netlink family version 1$' "$out"
check_grep '^  rfc4106\(gcm\(aes\)\) +key 128 icv 128 available$' "$out"
check_grep '^  rfc7539esp\(chacha20,poly1305\) +key 256 icv 128 available$' "$out"
check_grep '^  authenc\(hmac\(sha256\),cbc\(aes\)\) +key 256 icv 128 available$' "$out"
out=$("$CRYPTOCTL" -j info)
json_ok "$out"
[ "$(json_get "$out" '["algorithms"][0]["name"]')" = 'rfc4106(gcm(aes))' ] || fail "info JSON: $out"
[ "$(json_get "$out" '["family_version"]')" = 1 ] || fail "info JSON: $out"
[ "$(json_get "$out" '["algorithms"][0]["available"]')" = True ] || fail "info JSON: $out"
json_ok "$("$CRYPTOCTL" -j -p info)"

# settings, text and JSON, and a change read back
check_output $'acquire-rate 10\nsession-log on' "$CRYPTOCTL" settings
check_output $'acquire-rate 10\nsession-log on' "$CRYPTOCTL" settings show
check_output '{"acquire_rate":10,"session_log":true}' "$CRYPTOCTL" -j settings
check "$CRYPTOCTL" settings set session-log off acquire-rate 999
check_output '{"acquire_rate":999,"session_log":false}' "$CRYPTOCTL" -j settings
check "$CRYPTOCTL" settings set acquire-rate 10 session-log on

# monitor: text and JSON lines, -c stops it
bg_start "$CRYPTOCTL" monitor -c 2 >"/tmp/monitor.txt" 2>&1
pid=$BGPID
bg_start "$CRYPTOCTL" -j monitor -c 2 >"/tmp/monitor.json" 2>&1
jpid=$BGPID
at_exit rm -f /tmp/monitor.txt /tmp/monitor.json
sleep 0.5
check "$CRYPTOCTL" settings set acquire-rate 33
check "$CRYPTOCTL" settings set session-log off
wait_for "! kill -0 $pid 2>/dev/null && ! kill -0 $jpid 2>/dev/null"
check_output $'settings: acquire-rate 33 session-log on\nsettings: acquire-rate 33 session-log off' \
	cat /tmp/monitor.txt
check_output $'{"event":"settings","acquire_rate":33,"session_log":true}\n{"event":"settings","acquire_rate":33,"session_log":false}' \
	cat /tmp/monitor.json
check "$CRYPTOCTL" settings set acquire-rate 10 session-log on

# usage errors: exit 2, one clear line, nothing changed
for args in "settings set acquire-rate 0" "settings set acquire-rate 1001" \
	    "settings set acquire-rate ten" "settings set session-log maybe" \
	    "settings set" "settings set colour blue" "settings frobnicate" \
	    "info extra" "monitor -c 0" "nosuchcommand"; do
	set +e
	# shellcheck disable=SC2086
	err=$("$CRYPTOCTL" $args 2>&1 >/dev/null)
	status=$?
	set -e
	[ "$status" = 2 ] || fail "'cryptoctl $args' exited $status, expected 2"
	check_grep '^cryptoctl: ' "$err"
	echo "cryptoctl $args: $(head -n1 <<<"$err")"
done
check_output $'acquire-rate 10\nsession-log on' "$CRYPTOCTL" settings

# unprivileged: reads work, changes are refused with a clear line
check_output $'acquire-rate 10\nsession-log on' nobody "$CRYPTOCTL" settings
check nobody "$CRYPTOCTL" info >/dev/null
set +e
err=$(nobody "$CRYPTOCTL" settings set acquire-rate 5 2>&1)
status=$?
set -e
[ "$status" = 1 ] || fail "unprivileged set exited $status"
check_output 'cryptoctl: permission denied: changing espgw state needs CAP_NET_ADMIN in this network namespace' echo "$err"
check_output $'acquire-rate 10\nsession-log on' "$CRYPTOCTL" settings

# module not loaded
check rmmod espgw
set +e
err=$("$CRYPTOCTL" settings 2>&1)
status=$?
set -e
[ "$status" = 1 ] || fail "exit $status without the module"
check_output 'cryptoctl: espgw module not loaded' echo "$err"
check insmod "$ESPGW_KO"
