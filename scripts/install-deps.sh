#!/bin/sh
# Installs what building and testing open-hnetcfg needs on Debian bookworm (run as root).
# Idempotent: packages already present are skipped by apt, the deb-src entry is added once.
set -eu

pkgs="mingw-w64 mingw-w64-tools cmake make wine wine64 libwine-dev dpkg-dev \
      libcmocka-dev gcc iproute2 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686"

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

# CMocka for Windows is built from Debian's source package: apt needs a deb-src entry.
src_list=/etc/apt/sources.list.d/open-hnetcfg-src.sources
need_update=""
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$src_list"
    else
        grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > /etc/apt/sources.list.d/open-hnetcfg-src.list
    fi
    need_update=1
fi

if [ -n "$missing" ] || [ -n "$need_update" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if [ -n "$missing" ]; then
        apt-get install -y -qq --no-install-recommends $missing
    fi
fi
echo "install-deps: all build and test dependencies are present"
