#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What every later test relies on in the VM: module autoloading (veth, vrf,
# xfrm/esp4), namespaces, /dev/fd, and the real peers' programs.
. "$(dirname "$0")/lib.sh"

netns_add vmenv-a
netns_add vmenv-b
check ip link add vmenv0 netns vmenv-a type veth peer name vmenv1 netns vmenv-b
check ip -n vmenv-a addr add 192.0.2.1/24 dev vmenv0
check ip -n vmenv-b addr add 192.0.2.2/24 dev vmenv1
check ip -n vmenv-a link set vmenv0 up
check ip -n vmenv-b link set vmenv1 up
check ip netns exec vmenv-a ping -q -c 1 -W 5 192.0.2.2 >/dev/null

# VRF and xfrm with ESP: loaded on demand by the kernel.
check ip -n vmenv-a link add blue type vrf table 10
check ip -n vmenv-a xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 \
	mode tunnel aead 'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c0d0e0f1011121314 128
check_grep 'proto esp spi 0x00000100' "$(ip -n vmenv-a xfrm state)"
# On a modular kernel they came through autoloading (the debug kernel has
# them built in).
if [ -d "/lib/modules/$(uname -r)" ]; then
	for m in veth vrf esp4 xfrm_user; do
		[ -d "/sys/module/$m" ] || fail "module $m was not autoloaded"
	done
fi

# Bash process substitution needs /dev/fd.
check_output "fd-ok" cat <(echo fd-ok)

for prog in /usr/lib/ipsec/charon /usr/sbin/swanctl /usr/bin/tshark; do
	[ -x "$prog" ] || fail "$prog not installed"
done
echo "kernel $(uname -r), $(nproc) CPUs"
