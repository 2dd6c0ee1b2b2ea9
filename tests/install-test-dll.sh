#!/bin/sh
# ctest fixture: copies hnetcfg.dll (and hnetmap.exe) into the test prefix's C:\ohn-test and
# registers the DLL with `wine regsvr32 /s`, as a user would. Runs inside scripts/in-netns.sh.
set -eu
dll="$1"; tool="${2:-}"
: "${WINEPREFIX:?run the tests through scripts/test.sh (it makes the namespace and prefix)}"
dir="$WINEPREFIX/drive_c/ohn-test"
mkdir -p "$dir"
cp "$dll" "$dir/hnetcfg.dll"
[ -z "$tool" ] || cp "$tool" "$dir/hnetmap.exe"
wine regsvr32 /s 'C:\ohn-test\hnetcfg.dll'
