#!/bin/sh
# What an ordinary user does with the installed package (run by tests/package/in-chroot.sh as
# that user, inside a network namespace with the adapters ohn0 and ohn1):
#
#   user-flows.sh WORK      (WORK holds this file, harness.js, ics_flow.js and flows.js)
#
#  - `open-hnetcfg install` on a new prefix, and on an existing one that programs have used;
#  - the ICS flow of Microsoft's JScript sample (tests/scripts/ics_flow.js), UPnPNAT without a
#    router and a firewall rule (flows.js), from each architecture's cscript;
#  - `open-hnetcfg status`: this version serves every class in both views;
#  - `open-hnetcfg uninstall`: HKCR exactly as before in both views, Wine's builtin back; a
#    mapping and a firewall rule stored before are there again after `install`;
#  - the winetricks verb on a third prefix.
# The last line is "user: N passed, M failed".
set -u
work="$1"
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok: %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
export WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
# The loaders, as the package's command finds them (Debian's Wine, or WINE).
. /usr/lib/open-hnetcfg/wine-env.sh
version=$(open-hnetcfg --version | sed 's/^open-hnetcfg //')
sample=$(printf 'caf\303\251 \344\270\255\346\226\207 \360\237\230\200')
echo "# as $(id -un), Wine: $("$OHN_WINE64" --version), open-hnetcfg $version"

# check WHAT COMMAND...: the command succeeds.
check() {
    what="$1"
    shift
    if out=$("$@" 2>&1); then ok "$what"; else bad "$what: $(printf '%s' "$out" | tail -n 5)"; fi
}

# script HOST FILE ARGS...: FILE (harness in front) run by the cscript HOST of the prefix, which
# must end with a clean SUMMARY.
script() {
    host="$1"; file="$2"; shift 2
    mkdir -p "$WINEPREFIX/drive_c/t"
    cat "$work/harness.js" "$work/$file" >"$WINEPREFIX/drive_c/t/$file"
    case "$host" in *syswow64*|*32) loader=$OHN_WINE32 ;; *) loader=$OHN_WINE64 ;; esac
    out=$(LC_ALL=C.UTF-8 "$loader" "$host" //nologo "C:\\t\\$file" "$@" 2>&1 | tr -d '\r')
    if printf '%s\n' "$out" | grep -Eqx 'SUMMARY: [1-9][0-9]* passed, 0 failed'; then
        ok "$file from $host: $(printf '%s\n' "$out" | grep '^SUMMARY')"
        printf '%s\n' "$out" | grep '^# ' || true
    else
        bad "$file from $host: $(printf '%s\n' "$out" | grep -E '^(FAIL|SUMMARY)' | head -n 8)"
    fi
}

# export_hkcr NAME: HKCR, both views (the 64-bit reg), sorted, to $work/NAME.
export_hkcr() {
    rm -f "$WINEPREFIX/drive_c/export.reg"
    "$OHN_WINE64" 'C:\windows\system32\reg.exe' export HKCR 'C:\export.reg' /y >/dev/null 2>&1 || bad "reg export ($1)"
    iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/drive_c/export.reg" | tr -d '\r' | grep -v '^$' | LC_ALL=C sort >"$work/$1"
}

status_has() {
    open-hnetcfg status >"$work/status" 2>&1
    if grep -qE "$1" "$work/status"; then ok "status: $2"; else bad "status: $2: $(cat "$work/status")"; fi
}

hnetmap32() { "$OHN_WINE32" 'C:\open-hnetcfg32\hnetmap.exe' "$@" 2>&1 | tr -d '\r'; }
hnetmap64() { "$OHN_WINE64" 'C:\open-hnetcfg\hnetmap.exe' "$@" 2>&1 | tr -d '\r'; }

echo "# a new prefix"
export WINEPREFIX="$HOME/p-new"
t0=$(date +%s.%N)
check "open-hnetcfg install on a new prefix" open-hnetcfg install
echo "# open-hnetcfg install on a new prefix (made by it): $(echo "$(date +%s.%N) - $t0" | awk '{printf "%.1f", $1 - $3}') s"
script 'C:\windows\syswow64\cscript.exe' ics_flow.js "$sample"
script 'C:\windows\system32\cscript.exe' flows.js "rule of the 64-bit script"

echo "# an existing prefix, used by programs before"
export WINEPREFIX="$HOME/p-old"
"$OHN_WINE64" wineboot -i >/dev/null 2>&1
mkdir -p "$WINEPREFIX/drive_c/t"
printf 'WScript.Echo("ready");\n' >"$WINEPREFIX/drive_c/t/ready.js"
"$OHN_WINE32" 'C:\windows\syswow64\cscript.exe' //nologo 'C:\t\ready.js' >/dev/null 2>&1
"$OHN_WINE64" 'C:\windows\system32\cscript.exe' //nologo 'C:\t\ready.js' >/dev/null 2>&1
export_hkcr before
t0=$(date +%s.%N)
check "open-hnetcfg install on an existing prefix" open-hnetcfg --prefix "$WINEPREFIX" install
echo "# open-hnetcfg install on an existing prefix: $(echo "$(date +%s.%N) - $t0" | awk '{printf "%.1f", $1 - $3}') s"
script 'C:\windows\system32\cscript.exe' ics_flow.js "$sample"
script 'C:\windows\syswow64\cscript.exe' ics_flow.js "$sample"
script 'C:\windows\syswow64\cscript.exe' flows.js "rule of the 32-bit script"
status_has "^HNetCfg.HNetShare +64-bit +open-hnetcfg $version " "HNetShare, 64-bit view, this version"
status_has "^HNetCfg.NATUPnP +32-bit +open-hnetcfg $version " "NATUPnP, 32-bit view, this version"
status_has "^HNetCfg.FwPolicy2 +32-bit +open-hnetcfg $version " "FwPolicy2, 32-bit view, this version"
check "the 32-bit hnetmap adds a mapping" "$OHN_WINE32" 'C:\open-hnetcfg32\hnetmap.exe' add ohn0 "kept" udp 27015 27015 192.0.2.1 --enable
check "uninstall" open-hnetcfg uninstall
export_hkcr after
if cmp -s "$work/before" "$work/after"; then ok "HKCR after uninstall equals before the install (both views)"; else
    bad "HKCR differs after uninstall: $(diff "$work/before" "$work/after" | head -n 10)"
fi
status_has "^HNetCfg.NATUPnP +32-bit +Wine builtin" "NATUPnP, 32-bit view, Wine's builtin again"
check "install again" open-hnetcfg install
hnetmap64 list | grep -Eq 'UDP +27015 -> 192.0.2.1:27015 +enabled +"kept"' && ok "the mapping is kept" ||
    bad "the mapping is lost: $(hnetmap64 list)"
rules=$(hnetmap32 firewall rules)
case "$rules" in *"rule of the 32-bit script"*) ok "the firewall rule is kept" ;; *) bad "the firewall rule is lost: $rules" ;; esac
"$OHN_WINESERVER" -k 2>/dev/null

echo "# the winetricks verb on a third prefix"
export WINEPREFIX="$HOME/p-wt"
"$OHN_WINE64" wineboot -i >/dev/null 2>&1
if out=$(WINETRICKS_LATEST_VERSION_CHECK=disabled winetricks -q /usr/share/open-hnetcfg/open_hnetcfg.verb 2>&1); then
    ok "winetricks /usr/share/open-hnetcfg/open_hnetcfg.verb"
else
    bad "winetricks: $(printf '%s' "$out" | tail -n 10)"
fi
status_has "^HNetCfg.HNetShare +32-bit +open-hnetcfg $version " "after winetricks: HNetShare, 32-bit view"
script 'C:\windows\syswow64\cscript.exe' flows.js "rule after winetricks"
grep -qw open_hnetcfg "$WINEPREFIX/winetricks.log" 2>/dev/null && ok "winetricks.log names the verb" || bad "winetricks.log does not name the verb"
"$OHN_WINESERVER" -k 2>/dev/null

echo "user: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
