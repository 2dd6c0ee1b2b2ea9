#!/bin/sh
# The one command that shows open-hnetcfg working (as root, on Debian bookworm): installs what
# is missing, builds, installs the DLL into a private Wine prefix (OHN_PREFIX, default
# ~/.local/share/open-hnetcfg/prefix), registers it, and adds, lists and removes a port mapping
# with the console tool. It runs inside a network namespace with two virtual adapters of its
# own, so the demonstration touches no real network.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
prefix="${OHN_PREFIX:-$HOME/.local/share/open-hnetcfg/prefix}"
mkdir -p "$(dirname "$prefix")"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
"$root/scripts/in-netns.sh" --prefix "$prefix" --keep-prefix -- sh -eu -c '
    root="$1"
    "$root/scripts/install-prefix.sh" "$WINEPREFIX"
    run() { echo; echo "\$ hnetmap $*"; wine "C:\\open-hnetcfg\\hnetmap.exe" "$@"; }
    run list
    run add ohn0 "Web server" tcp 8080 80 192.0.2.10 --enable
    run add ohn0 "Game" udp 3074 3074 gamebox
    run list
    run remove ohn0 tcp 8080
    run remove ohn0 udp 3074
    run list
' demo "$root"
echo
echo "demo: done; the prefix is $prefix"
