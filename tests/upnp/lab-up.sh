#!/bin/sh
# ctest fixture: brings the router lab up (lab.sh up) and installs and registers both
# architectures' hnetcfg.dll and hnetmap.exe in the lab's own Wine prefix, whose wineserver runs
# in the lab's client namespace.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/lab.sh" up
eval "$("$here/lab.sh" env)"
export WINEPREFIX WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
. "$here/../arch.sh"
ip netns exec "$OHN_LAB_CLIENT_NS" sh -c ". '$here/../arch.sh' && ohn_install_arch x86_64 && ohn_install_arch i686"
echo "lab-up: both architectures' hnetcfg.dll registered in the lab prefix"
