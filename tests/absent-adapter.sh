#!/bin/sh
# Mappings of an adapter that is absent stay stored and reappear with it: move the veth end
# ohn1 out of the test namespace (into a second one made here), check that the connection is
# gone and its mapping stays stored, move it back and find the mapping again. Uses hnetmap.exe
# as a user would. Runs inside scripts/in-netns.sh (HNETCFG_NETNS names the namespace).
set -eu
: "${HNETCFG_NETNS:?run through scripts/test.sh}"
away="$HNETCFG_NETNS-away"
: "${WINEPREFIX:?run through scripts/test.sh}"
. "$(dirname "$0")/arch.sh"
# hnetmap.exe of the architecture under test, with its loader.
hnetmap() { ohn_wine "$OHN_TEST_DIR\\hnetmap.exe" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
# wait_listing yes|no PATTERN WHAT: polls `hnetmap list` every 0.5 s until its output does (yes)
# or does not (no) match PATTERN; fails after 10 s with WHAT.
wait_listing() {
    tries=0
    while :; do
        if hnetmap list 2>&1 | grep -q "$2"; then [ "$1" = yes ] && return 0; else [ "$1" = no ] && return 0; fi
        tries=$((tries + 1))
        [ $tries -lt 20 ] || fail "$3: $(hnetmap list 2>&1)"
        sleep 0.5
    done
}
cleanup() {
    ip -n "$away" link set ohn1 netns "$HNETCFG_NETNS" 2>/dev/null || true
    ip netns del "$away" 2>/dev/null || true
}
trap cleanup EXIT

guid=$(hnetmap list | sed -n 's/^ohn1 \({[0-9A-Fa-f-]*}\).*/\1/p')
[ -n "$guid" ] || fail "ohn1 is not listed"
hnetmap add "$guid" "kept while away" udp 4500 4500 192.0.2.44 --enable >/dev/null || fail "add"

ip netns add "$away"
ip link set ohn1 netns "$away"
# Wine 8's network service keeps the adapters it has seen until it restarts.
"$OHN_WINESERVER" -k
wait_listing no "$guid" "ohn1 still listed 10 s after it left"
hnetmap remove "$guid" udp 4500 >/dev/null 2>&1 && fail "an absent connection was found by its GUID"
ohn_reg query "HKLM\\Software\\open-hnetcfg\\Sharing\\Connections\\$guid\\PortMappings\\UDP-04xxx" /v UDP-04500 /reg:64 >/dev/null ||
    fail "the mapping of the absent adapter is no longer stored"

ip -n "$away" link set ohn1 netns "$HNETCFG_NETNS"
ip addr add 192.0.2.2/24 dev ohn1 2>/dev/null || true
ip link set ohn1 up
"$OHN_WINESERVER" -k
wait_listing yes "^ohn1 $guid" "ohn1 did not come back with its GUID"
out=$(hnetmap list)
echo "$out" | grep -q 'UDP  4500 -> 192.0.2.44:4500  enabled  "kept while away"' || fail "mapping not back: $out"
hnetmap remove "$guid" udp 4500 >/dev/null || fail "remove"
echo "absent adapter: 1 passed, 0 failed"
