#!/bin/sh
# The store outlives everything but its own deletion: a mapping added and enabled by one cscript
# process (persist.js add) is found, every field, by another (persist.js check), then after the
# wineserver was stopped (`wineserver -k`; the next wine command starts a new one, inside the
# namespace since ctest runs there), after re-registration, and after unregistration followed by
# registration (unregistering must never delete stored state). Needs the `registered` fixture.
set -u
. "$(dirname "$0")/common.sh"

dll="$OHN_TEST_DLL"
sharing='HKLM\Software\open-hnetcfg\Sharing'

# The two records persist.js adds, as the store names them.
expect_records() {
    records=$(ohn_store_records)
    for r in TCP-40000 UDP-40002; do
        if printf '%s\n' "$records" | grep -qx "$r"; then
            ohn_say "ok: store record $r is there ($1)"
        else
            ohn_fail "store record $r is missing $1; records: $records"
        fi
    done
}

regsvr() {
    ohn_regsvr32 "$@"
    rc=$?
    if [ "$rc" -eq 0 ]; then ohn_say "ok: $OHN_SYSDIR\\regsvr32 $* exited 0"; else ohn_fail "$OHN_SYSDIR\\regsvr32 $* exited $rc"; fi
}

ohn_wipe_store

ohn_note "one process adds, another finds"
ohn_run_script persist.js add
ohn_run_script persist.js check
expect_records "after add"

ohn_note "wineserver -k: the next wine command starts a new wineserver"
"$OHN_WINESERVER" -k
"$OHN_WINESERVER" -w
if grep -q 'open-hnetcfg' "$WINEPREFIX/system.reg"; then
    ohn_say "ok: the store is in system.reg on disk"
else
    ohn_fail "the store is not in $WINEPREFIX/system.reg after wineserver -k"
fi
ohn_run_script persist.js check

ohn_note "re-registration"
regsvr /s "$dll"
ohn_run_script persist.js check

ohn_note "unregistration, then registration"
regsvr /u /s "$dll"
ohn_expect_no_key "HKCR\\CLSID\\$OHN_CLSID"
expect_records "after unregistration"
ohn_expect_key "$sharing" /reg:64
regsvr /s "$dll"
ohn_run_script persist.js check

ohn_note "unregistration, wineserver -k, registration"
regsvr /u /s "$dll"
"$OHN_WINESERVER" -k
"$OHN_WINESERVER" -w
regsvr /s "$dll"
ohn_run_script persist.js check

ohn_note "removal"
ohn_run_script persist.js remove
ohn_run_script persist.js absent
left=$(ohn_store_records)
[ -z "$left" ] || ohn_fail "port mappings left in the store: $left"
ohn_wipe_store
ohn_finish
