#!/bin/sh
# ctest driver for one script (ics_flow.js, ics_flow.vbs; common.sh puts its harness in front):
#   run-script.sh FILE
# Wipes the store, runs FILE with `wine cscript` from the prefix with one argument, the
# non-ASCII sample string $OHN_SAMPLE (common.sh), requires the script's
# "SUMMARY: <n> passed, 0 failed" line, then checks that it left no port mapping in the store.
# Needs the `registered` fixture (the DLL registered at C:\ohn-test\hnetcfg.dll).
set -u
. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 FILE" >&2; exit 2; }

ohn_wipe_store
ohn_run_script "$1" "$OHN_SAMPLE"
left=$(ohn_store_records)
if [ -n "$left" ]; then
    ohn_fail "$1 left port mappings in the store:"
    printf '%s\n' "$left"
fi
ohn_wipe_store
ohn_finish
