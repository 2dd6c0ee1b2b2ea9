#!/bin/sh
# ctest fixture: brings the router lab up (lab.sh up) and installs and registers hnetcfg.dll
# (and hnetmap.exe) in the lab's own Wine prefix, whose wineserver runs in the lab's client
# namespace.
#   lab-up.sh HNETCFG_DLL HNETMAP_EXE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/lab.sh" up
eval "$("$here/lab.sh" env)"
export WINEPREFIX WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
dir="$WINEPREFIX/drive_c/ohn-test"
mkdir -p "$dir"
cp "$1" "$dir/hnetcfg.dll"
cp "$2" "$dir/hnetmap.exe"
ip netns exec "$OHN_LAB_CLIENT_NS" wine regsvr32 /s 'C:\ohn-test\hnetcfg.dll'
echo "lab-up: hnetcfg.dll registered in the lab prefix"
