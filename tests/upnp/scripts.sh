#!/bin/sh
# Scripting and registration against the lab's router, as users run them (run by ctest through
# in-lab.sh: the lab's client namespace and prefix):
#   - JScript and VBScript through `wine cscript` drive HNetCfg.NATUPnP (nat_flow.js/.vbs);
#   - a short script enables an ICS mapping and exits: the mapping is on the router after it
#     (ics_exit.js), and leaves with the next one;
#   - `regsvr32 /u`: Wine's builtin UPnPNAT answers again and works against the router; after
#     registering again it is ours (test_registration.exe, C: Wine 8's builtin cannot be scripted).
#   scripts.sh TEST_REGISTRATION_EXE
set -u
registration_exe="$1"
here=$(cd "$(dirname "$0")" && pwd)
OHN_HARNESS="$here/../scripts/harness.js"
OHN_HARNESS_VBS="$here/../scripts/harness.vbs"
. "$here/../scripts/common.sh"

table() { "$OHN_LAB_SH" upnpc -l 2>/dev/null; }

ohn_note "JScript and VBScript"
ohn_run_script nat_flow.js
ohn_run_script nat_flow.vbs

ohn_note "a short script enables an ICS mapping and exits"
ohn_wipe_store
ohn_run_script ics_exit.js add
if table | grep -q 'TCP 45720->10.77.0.2:8088'; then
    ohn_say "ok: the mapping is on the router after the script exited"
else
    ohn_fail "the mapping is not on the router after the script exited: $(table | grep -- '->')"
fi
ohn_run_script ics_exit.js remove
if table | grep -q 'TCP 45720->'; then
    ohn_fail "the mapping is still on the router after the second script"
else
    ohn_say "ok: the mapping left the router with the second script"
fi
ohn_wipe_store

registration() {
    if ohn_wine "$registration_exe" "$1"; then
        ohn_say "ok: HNetCfg.NATUPnP is $1 and works against the router"
    else
        ohn_fail "HNetCfg.NATUPnP is not $1, or does not work against the router"
    fi
}

ohn_note "unregistration gives UPnPNAT back to Wine's builtin"
registration ours
ohn_regsvr32 /u /s "$OHN_TEST_DLL" || ohn_fail "regsvr32 /u failed"
registration builtin
ohn_regsvr32 /s "$OHN_TEST_DLL" || ohn_fail "regsvr32 failed"
registration ours
ohn_finish
