#!/bin/sh
# The one command that shows open-hnetcfg working (as root, on Debian bookworm): installs what
# is missing, builds both architectures, installs both DLLs into a private Wine prefix
# (OHN_PREFIX, default ~/.local/share/open-hnetcfg/prefix), registers each with the regsvr32 of
# its architecture, and adds, lists and removes port mappings with the console tool, from a
# 64-bit and a 32-bit process on one store. It runs inside a network namespace with two virtual adapters of its
# own, so the demonstration touches no real network.
# Then UPnP: a router (miniupnpd) in network namespaces of its own (tests/upnp/lab.sh), a
# mapping added through HNetCfg.NATUPnP, and an enabled ICS mapping of the publicly shared
# connection appearing on the router and leaving it. The router lab is taken down at the end.
# The RTC session (HNetCfg.RTCSession) takes its media port mappings from the example port
# manager (examples/rtc_port_manager.c), from the ICS store when there is no router, and from the
# router when there is one. The firewall classes: a rule added by the 32-bit hnetmap and an
# authorized application by the 64-bit one, listed and removed across architectures.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
prefix="${OHN_PREFIX:-$HOME/.local/share/open-hnetcfg/prefix}"
mkdir -p "$(dirname "$prefix")"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
"$root/scripts/in-netns.sh" --prefix "$prefix" --keep-prefix -- sh -eu -c '
    root="$1"
    . "$root/scripts/wine-env.sh"
    "$root/scripts/install-prefix.sh" "$WINEPREFIX"
    # The 64-bit and the 32-bit hnetmap, each with the loader of its architecture from the Wine
    # that WINE names (scripts/wine-env.sh; with Debian'"'"'s wine32, plain `wine` is the 32-bit one).
    run() { echo; echo "\$ hnetmap $*   (64-bit)"; "$OHN_WINE64" "C:\\open-hnetcfg\\hnetmap.exe" "$@"; }
    run32() { echo; echo "\$ hnetmap $*   (32-bit)"; "$OHN_WINE32" "C:\\open-hnetcfg32\\hnetmap.exe" "$@"; }
    run list
    run add ohn0 "Web server" tcp 8080 80 192.0.2.10 --enable
    run32 add ohn0 "Game, added by a 32-bit program" udp 3074 3074 gamebox
    echo
    echo "=== one store: the 64-bit process sees the 32-bit one'"'"'s mapping, and the other way round"
    run list
    run32 list
    run32 enable ohn0 udp 3074
    run remove ohn0 udp 3074
    run32 remove ohn0 tcp 8080
    run list
    echo
    echo "=== RTC session (HNetCfg.RTCSession): mappings from an application'"'"'s port manager"
    echo "\$ rtc_port_manager 198.51.100.7 50000 50009 sip:bob@192.0.2.7 --video --internal 192.0.2.1"
    "$OHN_WINE64" "C:\\open-hnetcfg\\rtc_port_manager.exe" 198.51.100.7 50000 50009 sip:bob@192.0.2.7 --video --internal 192.0.2.1
    echo
    echo "=== RTC session without a port manager and without a router: from the ICS store"
    run share ohn0 public
    run session sip:bob@192.0.2.7 --video
    run unshare ohn0
    echo
    echo "=== Windows Firewall classes: configuration that programs read and write (nothing is enforced)"
    run32 firewall add "Game server" udp 27015-27030 --app "C:\\Games\\server.exe" --profiles private
    run firewall add Launcher any --app "C:\\Launcher\\launcher.exe" --profiles private
    run firewall rules
    run32 firewall apps
    run firewall remove "Game server"
    run32 firewall remove Launcher
    run firewall rules
' demo "$root"

echo
echo "=== UPnP: a router in network namespaces (miniupnpd, external address 1.2.3.4)"
export OHN_LAB="demo-$$"
lab="$root/tests/upnp/lab.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT INT TERM
"$lab" up >/dev/null
"$root/tests/upnp/in-lab.sh" sh -eu -c '
    root="$1"
    . "$root/scripts/wine-env.sh"
    "$root/scripts/install-prefix.sh" "$WINEPREFIX" >/dev/null
    run() { echo; echo "\$ hnetmap $*   (64-bit)"; "$OHN_WINE64" "C:\\open-hnetcfg\\hnetmap.exe" "$@"; }
    run32() { echo; echo "\$ hnetmap $*   (32-bit)"; "$OHN_WINE32" "C:\\open-hnetcfg32\\hnetmap.exe" "$@"; }
    router() { echo; echo "# the router'"'"'s own table (upnpc -l):"; "$OHN_LAB_SH" upnpc -l 2>/dev/null | grep -E "^ *[0-9]+ (TCP|UDP) " || echo "  (empty)"; }
    run upnp status
    run upnp add tcp 8080 80 10.77.0.2 "Web server, through HNetCfg.NATUPnP"
    run32 upnp list
    router
    run32 upnp remove tcp 8080
    run share eth0 public
    run add eth0 "Game server" udp 3074 3074 10.77.0.2 --enable
    run list
    router
    run disable eth0 udp 3074
    router
    run remove eth0 udp 3074
    run unshare eth0
    echo
    echo "=== RTC session without a port manager, with the router: from the UPnP gateway"
    echo; echo "\$ hnetmap session sip:bob@203.0.113.9 --video --hold 3   (32-bit)"
    "$OHN_WINE32" "C:\\open-hnetcfg32\\hnetmap.exe" session sip:bob@203.0.113.9 --video --hold 3 &
    sleep 2
    router
    wait $!
    router
' demo "$root"
echo
echo "demo: done; the prefix is $prefix (the router lab was taken down)"
