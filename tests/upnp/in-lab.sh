#!/bin/sh
# Runs a command in the router lab's client namespace, with the lab's Wine prefix, and the
# variables the lab tests read: OHN_LAB_SH (to drive the router), OHN_LAB_DIR.
#   in-lab.sh COMMAND [ARGS...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
eval "$("$here/lab.sh" env)"
export OHN_LAB OHN_LAB_DIR WINEPREFIX OHN_LAB_SH="$here/lab.sh"
export WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
exec ip netns exec "$OHN_LAB_CLIENT_NS" "$@"
