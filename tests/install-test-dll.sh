#!/bin/sh
# ctest fixture: copies both architectures' hnetcfg.dll and hnetmap.exe into the test prefix
# (C:\ohn-test for x86_64, C:\ohn-test32 for i686) and registers each DLL with the regsvr32 of
# its architecture, as a user does. Runs inside scripts/in-netns.sh.
set -eu
: "${WINEPREFIX:?run the tests through scripts/test.sh (it makes the namespace and prefix)}"
. "$(dirname "$0")/arch.sh"
ohn_install_arch x86_64
ohn_install_arch i686
