#!/bin/sh
# Runs a command of this source tree inside a fresh Debian chroot of another release (as root),
# so that a developer or CI proves the project on a release other than the machine's own:
#
#   scripts/release-chroot.sh RELEASE COMMAND [ARGS...]
#   scripts/release-chroot.sh trixie scripts/test.sh      (what `scripts/test.sh --release trixie` does)
#
# It makes the chroot with `debootstrap --variant=minbase RELEASE` from the machine's own Debian
# mirror (the URI of its apt sources), copies the source tree (what git tracks, and untracked
# files it does not ignore; not build/) to /src/open-hnetcfg inside, and runs COMMAND there as
# root with a clean environment (WINE, WINESERVER and CI pass through). Network namespaces work
# inside because the chroot's root is a mount point of its own, made private, and its /run is
# its own tmpfs: every namespace, veth and nft table the tests make lives in the chroot's /run,
# its names never meet the host's. /proc, /sys, /dev and /dev/pts are bound from the host.
# Everything is unmounted, every process still running inside is killed (by PID, found by its
# root), and the chroot is deleted, on any exit.
#
#   OHN_CHROOT_DIR    where to make it (default /var/tmp/open-hnetcfg-RELEASE.XXXXXX)
#   OHN_CHROOT_FILES  host files copied into /root/files inside (a .deb to install there)
#   OHN_CHROOT_KEEP=1 keep the folder at the end (unmounted), e.g. to look at the build
#   OHN_CHROOT_REUSE=1 with OHN_CHROOT_DIR naming a kept chroot: no debootstrap, the source tree
#                     copied over the one there (build/ and installed packages stay), kept at
#                     the end: for a developer's second run; CI always makes a fresh one
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 RELEASE COMMAND [ARGS...]" >&2; exit 2; }
release="$1"
shift
[ "$(id -u)" = 0 ] || { echo "release-chroot: run as root (debootstrap, mounts, namespaces)" >&2; exit 1; }

# debootstrap from the host's own packages.
if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
        { apt-get update -qq || true; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap; }
fi

mirror=$("$root/scripts/debian-mirror.sh")

reuse=""
if [ -n "${OHN_CHROOT_DIR:-}" ]; then
    dir="$OHN_CHROOT_DIR"
    if [ "${OHN_CHROOT_REUSE:-}" = 1 ] && [ -f "$dir/etc/debian_version" ]; then
        reuse=1
        OHN_CHROOT_KEEP=1
    else
        [ ! -e "$dir" ] || { echo "release-chroot: $dir exists: give a new folder (or OHN_CHROOT_REUSE=1)" >&2; exit 1; }
        mkdir -p "$dir"
    fi
else
    dir=$(mktemp -d "/var/tmp/open-hnetcfg-$release.XXXXXX")
fi
dir=$(cd "$dir" && pwd)
# The chroot's / (mktemp makes it 0700): ordinary users inside must reach everything.
chmod 755 "$dir"

mounted=""
cleanup() {
    rc=$?
    set +e
    # Processes left inside (a wineserver, miniupnpd): found by their root folder, killed by
    # PID, and waited for (their mounts are busy until they are gone).
    tries=0
    while [ $tries -lt 50 ]; do
        left=""
        for p in /proc/[0-9]*; do
            r=$(readlink "$p/root" 2>/dev/null) || continue
            case "$r" in "$dir"|"$dir"/*) left="$left ${p#/proc/}" ;; esac
        done
        [ -n "$left" ] || break
        kill -9 $left 2>/dev/null
        sleep 0.1
        tries=$((tries + 1))
    done
    if [ -n "$mounted" ]; then
        # Namespaces that a test left behind are mounts under the chroot's /run: -R takes them too.
        tries=0
        until umount -R "$dir" 2>/dev/null; do
            tries=$((tries + 1))
            if [ $tries -ge 10 ]; then umount -R -l "$dir"; break; fi
            sleep 1
        done
    fi
    if grep -q " ${dir}[ /]" /proc/self/mountinfo; then
        echo "release-chroot: mounts are left under $dir; not deleting it" >&2
    elif [ "${OHN_CHROOT_KEEP:-}" = 1 ]; then
        echo "release-chroot: kept $dir" >&2
    else
        rm -rf "$dir"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "$reuse" ]; then
    echo "release-chroot: reusing $dir ($(cat "$dir/etc/debian_version"))"
else
    echo "release-chroot: debootstrap $release from $mirror into $dir"
    start=$(date +%s)
    tries=0
    until debootstrap --variant=minbase "$release" "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1; do
        tries=$((tries + 1))
        if [ $tries -ge 3 ]; then
            tail -n 20 "$dir.debootstrap.log" >&2
            rm -f "$dir.debootstrap.log"
            echo "release-chroot: debootstrap $release failed" >&2
            exit 1
        fi
        echo "release-chroot: debootstrap failed; trying again" >&2
        rm -rf "$dir"; mkdir -p "$dir"
        sleep $((tries * 10))
    done
    rm -f "$dir.debootstrap.log"
    echo "release-chroot: $release made in $(( $(date +%s) - start )) s"
fi

# The root a mount point of its own, private, with its own /run: `ip netns` works inside.
mount --bind "$dir" "$dir"
mounted=1
mount --make-private "$dir"
mount -t proc proc "$dir/proc"
mount --bind /sys "$dir/sys"
mount --bind /dev "$dir/dev"
mount --bind /dev/pts "$dir/dev/pts"
mkdir -p "$dir/dev/shm"
mount -t tmpfs tmpfs "$dir/dev/shm"
mount -t tmpfs tmpfs "$dir/run"
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true

# The source tree (not build/).
src="$dir/src/open-hnetcfg"
"$root/scripts/copy-tree.sh" "$root" "$src"

for f in ${OHN_CHROOT_FILES:-}; do
    mkdir -p "$dir/root/files"
    cp "$f" "$dir/root/files/"
done

set +e
chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
    ${WINE:+WINE="$WINE"} ${WINESERVER:+WINESERVER="$WINESERVER"} \
    sh -c 'cd /src/open-hnetcfg && exec "$@"' sh "$@"
rc=$?
set -e
echo "release-chroot: '$*' in $release exited $rc"
exit $rc
