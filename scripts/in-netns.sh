#!/bin/sh
# Runs a command inside a fresh network namespace with a fresh Wine prefix, then tears both down.
#
#   scripts/in-netns.sh [--prefix DIR] [--keep-prefix] -- COMMAND [ARGS...]
#
# The namespace has lo plus one veth pair whose two ends both stay inside it (addresses from
# TEST-NET-1, 192.0.2.0/24), so Wine sees two non-loopback adapters and nothing can leave the
# machine. Its DNS server (/etc/netns/NAME/resolv.conf, which `ip netns exec` puts in place of
# /etc/resolv.conf) is an address of that network that nobody has: a lookup of a name that is not
# in /etc/hosts hangs for 10 s, as with a dead resolver, unless its caller bounds it. The prefix's wineserver is started inside the namespace (Wine creates sockets in the
# wineserver) and stopped at the end with `wineserver -k`. Exported to COMMAND: WINEPREFIX,
# WINEDEBUG (default -all), WINEDLLOVERRIDES, HNETCFG_NETNS (the namespace's name). The Wine is
# the one WINE (and WINESERVER) name, as for winetricks (scripts/wine-env.sh).
set -eu
. "$(dirname "$0")/wine-env.sh"

prefix=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --keep-prefix) keep=1; shift ;;
        --) shift; break ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--prefix DIR] [--keep-prefix] -- COMMAND [ARGS...]" >&2; exit 2; }

ns="ohnetcfg-$$"
tmp=""
if [ -z "$prefix" ]; then
    tmp=$(mktemp -d /tmp/ohnetcfg-prefix.XXXXXX)
    prefix="$tmp/prefix"
fi
export WINEPREFIX="$prefix"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
export HNETCFG_NETNS="$ns"

# The loader that makes the prefix: the 64-bit one (a WoW64 prefix, with syswow64 when wine32 is
# installed), or the 32-bit one for WINEARCH=win32.
wine_loader() {
    if [ "${WINEARCH:-}" = win32 ]; then echo "$OHN_WINE32"; else echo "$OHN_WINE64"; fi
}

cleanup() {
    ip netns exec "$ns" "$OHN_WINESERVER" -k >/dev/null 2>&1 || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
    if [ -n "$tmp" ] && [ -z "$keep" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT INT TERM

"$(dirname "$0")/netns-add.sh" "$ns"

# The first wine process of the prefix starts its wineserver: do it here, inside the namespace.
ip netns exec "$ns" "$(wine_loader)" wineboot -i >/dev/null 2>&1

set +e
ip netns exec "$ns" "$@"
rc=$?
set -e
exit $rc
