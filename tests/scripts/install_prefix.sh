#!/bin/sh
# scripts/install-prefix.sh as a user runs it, in prefixes of its own (inside the test's network
# namespace, so their wineservers start there):
#   - a 64-bit (WoW64) prefix gets both architectures, each registered in its own view: a 32-bit
#     and a 64-bit script host each create HNetCfg.HNetShare, and a mapping that the 32-bit
#     hnetmap adds is listed by the 64-bit one (one store);
#   - --uninstall gives HKCR back exactly, in both views, and keeps the store; --purge also
#     deletes the store;
#   - a 32-bit prefix (WINEARCH=win32) gets the i686 DLL alone, and --uninstall gives it back;
#   - `open-hnetcfg status` names who serves each class in each view (this version, or Wine's
#     builtin), and a prefix of another user is refused before Wine is run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
install="$here/../../scripts/install-prefix.sh"
export BUILD_DIR="$OHN_BUILD_ROOT"
command="$here/../../scripts/open-hnetcfg"
version=$("$command" --version | sed 's/^open-hnetcfg //')
work=$(mktemp -d /tmp/ohn-install.XXXXXX)
trap 'for p in "$work"/*/; do WINEPREFIX="$p" "$OHN_WINESERVER" -k 2>/dev/null; done; rm -rf "$work"' EXIT

# export_hkcr LOADER NAME: HKCR exported by LOADER's reg (the 64-bit one holds both views),
# sorted, to $work/NAME.
export_hkcr() {
    rm -f "$WINEPREFIX/drive_c/export.reg"
    "$1" reg export HKCR 'C:\export.reg' /y >/dev/null 2>&1 || ohn_fail "reg export failed ($2)"
    iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/drive_c/export.reg" | tr -d '\r' | grep -v '^$' | LC_ALL=C sort >"$work/$2"
}

same() {
    if cmp -s "$work/$1" "$work/$2"; then ohn_say "ok: HKCR $3"; else
        ohn_fail "HKCR differs: $3"
        diff "$work/$1" "$work/$2" | head -n 20
    fi
}

run() {
    if "$@" >"$work/out" 2>&1; then ohn_say "ok: $*"; else ohn_fail "$* failed: $(cat "$work/out")"; fi
}

# hosts_ready LOADER CSCRIPT...: each script host runs once before the first export (a script
# host registers its own type library the first time it runs).
hosts_ready() {
    loader="$1"
    shift
    mkdir -p "$WINEPREFIX/drive_c/t"
    printf 'WScript.Echo("ready");\n' >"$WINEPREFIX/drive_c/t/ready.js"
    for host in "$@"; do "$loader" "$host" //nologo 'C:\t\ready.js' >/dev/null 2>&1; done
}

# creates LOADER CSCRIPT WHAT: a script run by that host creates HNetCfg.HNetShare.
creates() {
    mkdir -p "$WINEPREFIX/drive_c/t"
    printf 'var m = new ActiveXObject("HNetCfg.HNetShare");\nWScript.Echo("created " + m.SharingInstalled);\n' \
        >"$WINEPREFIX/drive_c/t/create.js"
    out=$("$1" "$2" //nologo 'C:\t\create.js' 2>&1 | tr -d '\r')
    if [ "$out" = "created true" ]; then ohn_say "ok: $3 creates HNetCfg.HNetShare"; else ohn_fail "$3: '$out'"; fi
}

# status_has PATTERN WHAT: `open-hnetcfg status` of the prefix has a line matching PATTERN.
status_has() {
    OPEN_HNETCFG_BUILD="$BUILD_DIR" "$command" status >"$work/status" 2>&1
    if grep -qE "$1" "$work/status"; then ohn_say "ok: status: $2"; else
        ohn_fail "status: $2: no line matching '$1' in: $(cat "$work/status")"
    fi
}

ohn_note "a prefix of another user is refused"
mkdir -p "$work/other"
chown 65534:65534 "$work/other"
if out=$(OPEN_HNETCFG_BUILD="$BUILD_DIR" "$command" --prefix "$work/other" install 2>&1); then
    ohn_fail "installed into another user's prefix: $out"
else
    case "$out" in *"run it as that user"*) ohn_say "ok: refused: $out" ;; *) ohn_fail "not the refusal: $out" ;; esac
fi
[ -z "$(ls -A "$work/other")" ] && ohn_say "ok: nothing written there" || ohn_fail "files written into another user's prefix"

ohn_note "a 64-bit (WoW64) prefix"
export WINEPREFIX="$work/p64"
"$OHN_WINE64" wineboot -i >/dev/null 2>&1
hosts_ready "$OHN_WINE32" 'C:\windows\syswow64\cscript.exe'
hosts_ready "$OHN_WINE64" 'C:\windows\system32\cscript.exe'
export_hkcr "$OHN_WINE64" before
run "$install" "$WINEPREFIX"
[ -f "$WINEPREFIX/drive_c/open-hnetcfg/hnetcfg.dll" ] && [ -f "$WINEPREFIX/drive_c/open-hnetcfg32/hnetcfg.dll" ] &&
    ohn_say "ok: both architectures installed" || ohn_fail "both architectures are not installed"
creates "$OHN_WINE32" 'C:\windows\syswow64\cscript.exe' "the 32-bit cscript"
creates "$OHN_WINE64" 'C:\windows\system32\cscript.exe' "the 64-bit cscript"
status_has "^HNetCfg.HNetShare +64-bit +open-hnetcfg $version +C:.open-hnetcfg.hnetcfg.dll" "HNetShare, 64-bit view, this version"
status_has "^HNetCfg.FwProducts +32-bit +open-hnetcfg $version +C:.open-hnetcfg32.hnetcfg.dll" "FwProducts, 32-bit view, this version"
status_has "^files: +C:.open-hnetcfg32 .i686." "the i686 files"
run "$OHN_WINE32" 'C:\open-hnetcfg32\hnetmap.exe' add ohn0 "from 32-bit" tcp 8123 80 192.0.2.10 --enable
"$OHN_WINE64" 'C:\open-hnetcfg\hnetmap.exe' list >"$work/list" 2>&1
if grep -q 'TCP  8123 -> 192.0.2.10:80  enabled  "from 32-bit"' "$work/list"; then
    ohn_say "ok: the 64-bit hnetmap lists what the 32-bit one added"
else
    ohn_fail "the 64-bit hnetmap does not list the 32-bit one's mapping: $(cat "$work/list")"
fi
run "$install" --uninstall "$WINEPREFIX"
export_hkcr "$OHN_WINE64" uninstalled
same before uninstalled "after --uninstall equals before the install (both views)"
status_has "^HNetCfg.NATUPnP +32-bit +Wine builtin" "NATUPnP, 32-bit view, Wine's builtin again"
status_has "^HNetCfg.HNetShare +64-bit +not registered" "HNetShare, 64-bit view, not registered"
if "$OHN_WINE64" reg query 'HKLM\Software\open-hnetcfg\Sharing' /reg:64 >/dev/null 2>&1; then
    ohn_say "ok: --uninstall keeps the store"
else
    ohn_fail "--uninstall deleted the store"
fi
[ ! -e "$WINEPREFIX/drive_c/open-hnetcfg" ] && [ ! -e "$WINEPREFIX/drive_c/open-hnetcfg32" ] &&
    ohn_say "ok: the files are gone" || ohn_fail "files left after --uninstall"
run "$install" "$WINEPREFIX"
"$OHN_WINE32" 'C:\open-hnetcfg32\hnetmap.exe' list >"$work/list" 2>&1
grep -q '"from 32-bit"' "$work/list" && ohn_say "ok: the mapping is back with the reinstall" ||
    ohn_fail "the mapping did not survive --uninstall: $(cat "$work/list")"
# Installing over the installed version (an upgrade) while a program uses the prefix and has
# the DLL loaded: the old one unregisters first, the files are replaced under the running
# program (by a rename: it keeps its own), which goes on and ends cleanly.
printf '%s\n' 'var m = new ActiveXObject("HNetCfg.HNetShare");' 'var t = new Date();' \
    'while (new Date() - t < 8000) {}' 'WScript.Echo("still running " + m.SharingInstalled);' >"$WINEPREFIX/drive_c/t/busy.js"
"$OHN_WINE32" 'C:\windows\syswow64\cscript.exe' //nologo 'C:\t\busy.js' >"$work/busy.out" 2>&1 &
busy=$!
sleep 3
if out=$("$install" "$WINEPREFIX" 2>&1); then
    case "$out" in
        *"a program is using this prefix"*) ohn_say "ok: installed over the running program's DLL, and said so" ;;
        *) ohn_fail "no word of the running program: $out" ;;
    esac
else
    ohn_fail "install over a running program: $out"
fi
wait $busy
rc=$?
if [ $rc -eq 0 ] && [ "$(tr -d '\r' <"$work/busy.out")" = "still running true" ]; then
    ohn_say "ok: the running program went on and ended cleanly"
else
    ohn_fail "the running program: exit $rc, '$(cat "$work/busy.out")'"
fi
creates "$OHN_WINE32" 'C:\windows\syswow64\cscript.exe' "the 32-bit cscript after installing over it"
run "$install" --purge "$WINEPREFIX"
export_hkcr "$OHN_WINE64" purged
same before purged "after --purge equals before the install (both views)"
if "$OHN_WINE64" reg query 'HKLM\Software\open-hnetcfg' /reg:64 >/dev/null 2>&1; then
    ohn_fail "--purge left HKLM\\Software\\open-hnetcfg"
else
    ohn_say "ok: --purge deleted the store"
fi
"$OHN_WINESERVER" -k

ohn_note "a 32-bit prefix (WINEARCH=win32)"
export WINEPREFIX="$work/p32"
WINEARCH=win32 "$OHN_WINE32" wineboot -i >/dev/null 2>&1
hosts_ready "$OHN_WINE32" 'C:\windows\system32\cscript.exe'
export_hkcr "$OHN_WINE32" before32
run "$install" "$WINEPREFIX"
[ -f "$WINEPREFIX/drive_c/open-hnetcfg32/hnetcfg.dll" ] && [ ! -e "$WINEPREFIX/drive_c/open-hnetcfg" ] &&
    ohn_say "ok: the i686 DLL alone is installed" || ohn_fail "a 32-bit prefix did not get the i686 DLL alone"
creates "$OHN_WINE32" 'C:\windows\system32\cscript.exe' "the cscript of a 32-bit prefix"
status_has "^HNetCfg.FwPolicy2 +32-bit +open-hnetcfg $version +C:.open-hnetcfg32.hnetcfg.dll" "a 32-bit prefix's one view"
run "$install" --uninstall "$WINEPREFIX"
export_hkcr "$OHN_WINE32" uninstalled32
same before32 uninstalled32 "of the 32-bit prefix after --uninstall equals before the install"
"$OHN_WINESERVER" -k
ohn_finish
