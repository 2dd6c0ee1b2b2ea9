#!/bin/sh
# Installs hnetcfg.dll, hnetmap.exe and the example rtc_port_manager.exe into a Wine prefix and
# registers the DLL there, or removes them again. Wine's builtin hnetcfg.dll stays in place: this one lives in
# C:\open-hnetcfg and is registered for its own classes only (side by side).
#
#   scripts/install-prefix.sh PREFIX               install and register
#   scripts/install-prefix.sh --uninstall PREFIX   unregister and delete the files; stored
#                                                  mappings stay (HKLM\Software\open-hnetcfg)
#   scripts/install-prefix.sh --purge PREFIX       the same, and delete the stored mappings too
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="${BUILD_DIR:-$root/build}/x86_64"
mode=install
case "${1:-}" in
    --uninstall) mode=uninstall; shift ;;
    --purge) mode=purge; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: $0 [--uninstall|--purge] WINEPREFIX" >&2; exit 2; }
export WINEPREFIX="$1"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
dir="$WINEPREFIX/drive_c/open-hnetcfg"

if [ "$mode" = install ]; then
    [ -f "$build/src/hnetcfg.dll" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
    [ -d "$WINEPREFIX/drive_c" ] || wineboot -i >/dev/null 2>&1
    mkdir -p "$dir"
    cp "$build/src/hnetcfg.dll" "$build/tools/hnetmap.exe" "$build/examples/rtc_port_manager.exe" "$dir/"
    wine regsvr32 /s 'C:\open-hnetcfg\hnetcfg.dll'
    echo "installed: C:\\open-hnetcfg\\hnetcfg.dll registered in $WINEPREFIX"
else
    if [ -f "$dir/hnetcfg.dll" ]; then
        wine regsvr32 /u /s 'C:\open-hnetcfg\hnetcfg.dll'
    fi
    rm -rf "$dir"
    if [ "$mode" = purge ]; then
        wine reg delete 'HKLM\Software\open-hnetcfg' /f /reg:64 >/dev/null 2>&1 || true
    fi
    echo "removed from $WINEPREFIX"
fi
