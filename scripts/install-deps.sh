#!/bin/sh
# Installs what building and testing open-hnetcfg needs on Debian bookworm (run as root).
# Idempotent: packages already present are skipped by apt, the deb-src entry is added once.
# Services are never started by the install (miniupnpd would otherwise be started in the host
# namespace): a policy-rc.d forbids it for the duration.
#
#   scripts/install-deps.sh [PACKAGE...]   also the packages named (scripts/fuzz.sh: clang ...)
set -eu

pkgs="mingw-w64 mingw-w64-tools cmake make wine wine64 wine32:i386 libwine-dev dpkg-dev \
      libcmocka-dev gcc iproute2 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686 \
      miniupnpd miniupnpd-nftables nftables miniupnpc libminiupnpc-dev natpmpc python3 $*"

missing=""
need_update=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

# Wine users have wine32 next to wine64 (Debian's wine64 recommends it): the i386 architecture
# must be known to dpkg before apt can install wine32:i386.
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
    need_update=1
fi

# CMocka and miniupnpc for Windows are built from Debian's source packages: apt needs a
# deb-src entry.
src_list=/etc/apt/sources.list.d/open-hnetcfg-src.sources
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
    # Debian's mirrors sometimes serve a mismatched index for a while: try again.
    tries=0
    until apt-get update -qq; do
        tries=$((tries + 1))
        [ $tries -lt 5 ] || { echo "install-deps: apt-get update keeps failing; trying the install anyway" >&2; break; }
        sleep $((tries * 10))
    done
    if [ -n "$missing" ]; then
        policy=/usr/sbin/policy-rc.d
        if [ ! -e "$policy" ]; then
            printf '#!/bin/sh\nexit 101\n' > "$policy"
            chmod +x "$policy"
            trap 'rm -f "$policy"' EXIT
        fi
        apt-get install -y -qq --no-install-recommends $missing
    fi
fi
echo "install-deps: all build and test dependencies are present"
