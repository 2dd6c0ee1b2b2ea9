#!/bin/sh
# open-hnetcfg (scripts/open-hnetcfg, the command the Debian package installs) run from the build
# tree: installs hnetcfg.dll, hnetmap.exe and the example rtc_port_manager.exe of both
# architectures into a Wine prefix and registers each DLL with the regsvr32 of its own
# architecture, or removes them again. See `scripts/open-hnetcfg --help`.
#
#   scripts/install-prefix.sh PREFIX               open-hnetcfg --prefix PREFIX install
#   scripts/install-prefix.sh --uninstall PREFIX   open-hnetcfg --prefix PREFIX uninstall
#   scripts/install-prefix.sh --purge PREFIX       open-hnetcfg --prefix PREFIX purge
#
# BUILD_DIR names the build tree (default build/); WINE names the Wine, as for winetricks.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
mode=install
case "${1:-}" in
    --uninstall) mode=uninstall; shift ;;
    --purge) mode=purge; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: $0 [--uninstall|--purge] WINEPREFIX" >&2; exit 2; }
OPEN_HNETCFG_BUILD="${BUILD_DIR:-$root/build}" exec "$root/scripts/open-hnetcfg" --prefix "$1" "$mode"
