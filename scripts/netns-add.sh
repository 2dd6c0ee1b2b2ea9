#!/bin/sh
# Makes the network namespace NAME that the tests and the demo run Wine in (as root): lo, and one
# veth pair whose two ends, ohn0 (192.0.2.1) and ohn1 (192.0.2.2), both stay inside it, so Wine
# sees two adapters and nothing can leave the machine. Its DNS server (/etc/netns/NAME/
# resolv.conf, which `ip netns exec` puts in place of /etc/resolv.conf) is an address of that
# network that nobody has: a lookup of a name not in /etc/hosts hangs as with a dead resolver
# unless its caller bounds it. Its /etc/hosts (/etc/netns/NAME/hosts) is the machine's, with the
# machine's own name added as Debian's installer writes it (127.0.1.1) when it is not there: Wine
# looks that name up at every start of a prefix's wineserver, and a chroot made by debootstrap
# does not have it (each start then waited for the dead resolver: 7 s instead of 0.7 s under
# Wine 10). `ip netns del NAME; rm -rf /etc/netns/NAME` undoes it.
#
#   scripts/netns-add.sh NAME
set -eu
ns="$1"
ip netns add "$ns"
mkdir -p "/etc/netns/$ns"
printf 'nameserver 192.0.2.53\noptions timeout:5 attempts:2\n' >"/etc/netns/$ns/resolv.conf"
host=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)
{
    cat /etc/hosts 2>/dev/null || printf '127.0.0.1\tlocalhost\n'
    awk -v h="$host" '$1 !~ /^#/ { for (i = 2; i <= NF; i++) if ($i == h) f = 1 } END { exit !f }' /etc/hosts 2>/dev/null ||
        printf '127.0.1.1\t%s\n' "$host"
} >"/etc/netns/$ns/hosts"
ip -n "$ns" link set lo up
ip -n "$ns" link add ohn0 type veth peer name ohn1
ip -n "$ns" addr add 192.0.2.1/24 dev ohn0
ip -n "$ns" addr add 192.0.2.2/24 dev ohn1
ip -n "$ns" link set ohn0 up
ip -n "$ns" link set ohn1 up
