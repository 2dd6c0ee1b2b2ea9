#!/bin/sh
# Installs hnetcfg.dll, hnetmap.exe and the example rtc_port_manager.exe of both architectures
# into a Wine prefix and registers each DLL with the regsvr32 of its own architecture, or removes
# them again. Wine's builtin hnetcfg.dll stays in place: ours lives beside it and is registered
# for its own classes (taking UPnPNAT over, and giving it back on removal).
#
#   scripts/install-prefix.sh PREFIX               install and register
#   scripts/install-prefix.sh --uninstall PREFIX   unregister and delete the files; stored
#                                                  mappings stay (HKLM\Software\open-hnetcfg)
#   scripts/install-prefix.sh --purge PREFIX       the same, and delete the stored mappings too
#
# A 64-bit (WoW64) prefix, Wine's default, gets both:
#   x86_64: C:\open-hnetcfg\    registered with C:\windows\system32\regsvr32.exe (the 64-bit loader)
#   i686:   C:\open-hnetcfg32\  registered with C:\windows\syswow64\regsvr32.exe (the 32-bit loader)
# A 32-bit prefix (WINEARCH=win32, no syswow64) gets the i686 DLL alone, in C:\open-hnetcfg32\,
# registered with its C:\windows\system32\regsvr32.exe. A new prefix is made as WINEARCH says.
# Both architectures share one store: a mapping written by a 32-bit program is the 64-bit
# program's too.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="${BUILD_DIR:-$root/build}"
# The Wine that WINE (and WINESERVER) name, as for winetricks; Debian's loaders by default.
. "$root/scripts/wine-env.sh"
wine64=$OHN_WINE64
wine32=$OHN_WINE32
mode=install
case "${1:-}" in
    --uninstall) mode=uninstall; shift ;;
    --purge) mode=purge; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: $0 [--uninstall|--purge] WINEPREFIX" >&2; exit 2; }
export WINEPREFIX="$1"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"

if [ "$mode" = install ] && [ ! -d "$WINEPREFIX/drive_c" ]; then
    if [ "${WINEARCH:-}" = win32 ]; then "$wine32" wineboot -i >/dev/null 2>&1; else "$wine64" wineboot -i >/dev/null 2>&1; fi
fi
[ -d "$WINEPREFIX/drive_c/windows" ] || { echo "install-prefix: $WINEPREFIX is not a Wine prefix" >&2; exit 1; }

# The architectures of this prefix, one a line: ARCH REGSVR32 FOLDER (the loader is ARCH's,
# chosen below: its path may hold spaces, as Proton's does).
if [ -d "$WINEPREFIX/drive_c/windows/syswow64" ]; then
    prefix_kind="64-bit (WoW64)"
    archs="x86_64 C:\\windows\\system32\\regsvr32.exe open-hnetcfg"
    if [ -n "$wine32" ]; then
        archs="$archs
i686 C:\\windows\\syswow64\\regsvr32.exe open-hnetcfg32"
    else
        echo "install-prefix: this Wine has no 32-bit loader (Debian: wine32 is not installed): 32-bit programs get nothing" >&2
    fi
else
    prefix_kind="32-bit (WINEARCH=win32)"
    archs="i686 C:\\windows\\system32\\regsvr32.exe open-hnetcfg32"
fi

# The 64-bit reg where there is one (it reaches the store from either architecture).
reg() {
    if [ -d "$WINEPREFIX/drive_c/windows/syswow64" ]; then "$wine64" reg "$@"; else "$wine32" reg "$@"; fi
}

# regsvr LOADER REGSVR32 ARGS...: Wine 10's regsvr32 prints its result even with /s (Wine 8's
# does not): its output is shown only when it fails.
regsvr() {
    _out=$("$@" 2>&1) && return 0
    shift
    printf 'install-prefix: %s failed: %s\n' "$*" "$_out" >&2
    return 1
}

printf '%s\n' "$archs" | while read -r arch regsvr32 folder; do
    if [ "$arch" = x86_64 ]; then loader=$wine64; else loader=$wine32; fi
    dir="$WINEPREFIX/drive_c/$folder"
    dll="C:\\$folder\\hnetcfg.dll"
    if [ "$mode" = install ]; then
        [ -f "$build/$arch/src/hnetcfg.dll" ] || { echo "build first: scripts/build.sh ($arch is missing)" >&2; exit 1; }
        mkdir -p "$dir"
        # An upgrade: the installed DLL unregisters itself first, so that the keys it took over
        # are Wine's again and the new DLL saves them (classes it did not know included).
        if [ -f "$dir/hnetcfg.dll" ]; then
            regsvr "$loader" "$regsvr32" /u /s "$dll" || exit 1
        fi
        cp "$build/$arch/src/hnetcfg.dll" "$build/$arch/tools/hnetmap.exe" "$build/$arch/examples/rtc_port_manager.exe" "$dir/"
        regsvr "$loader" "$regsvr32" /s "$dll" || exit 1
        # printf, not dash's echo: it would read the \r of \regsvr32 as a carriage return.
        printf 'installed: %s (%s) registered with %s %s in %s\n' "$dll" "$arch" "$loader" "$regsvr32" "$WINEPREFIX"
    else
        if [ -f "$dir/hnetcfg.dll" ]; then
            regsvr "$loader" "$regsvr32" /u /s "$dll" || exit 1
        fi
        rm -rf "$dir"
        printf 'removed: %s (%s)\n' "$dll" "$arch"
    fi
done

if [ "$mode" = purge ]; then
    reg delete 'HKLM\Software\open-hnetcfg' /f /reg:64 >/dev/null 2>&1 || true
    printf '%s\n' 'purged: the stored mappings (HKLM\Software\open-hnetcfg)'
fi
echo "install-prefix: $mode done in a $prefix_kind prefix"
