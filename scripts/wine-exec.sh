#!/bin/sh
# Runs a Windows program with the loader of its architecture, from the Wine that WINE names
# (scripts/wine-env.sh): ctest's emulator for the .exe tests of each build tree.
#
#   scripts/wine-exec.sh x86_64|i686 PROGRAM [ARGS...]
set -eu
. "$(dirname "$0")/wine-env.sh"
arch="$1"
shift
case "$arch" in
    x86_64) exec "$OHN_WINE64" "$@" ;;
    i686)
        [ -n "$OHN_WINE32" ] || { echo "wine-exec: this Wine has no 32-bit loader (Debian: install wine32:i386)" >&2; exit 1; }
        exec "$OHN_WINE32" "$@" ;;
    *) echo "usage: $0 x86_64|i686 PROGRAM [ARGS...]" >&2; exit 2 ;;
esac
