#!/bin/sh
# Fetches Debian's cmocka source package into DEST (used by the build to cross-build CMocka
# for Windows; the source is never committed). Needs a deb-src entry: scripts/install-deps.sh.
set -eu
dest="$1"
[ -f "$dest/CMakeLists.txt" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq --only-source cmocka >/dev/null 2>&1) || {
    echo "fetch-cmocka-source: 'apt-get source cmocka' failed; run scripts/install-deps.sh first" >&2
    exit 1
}
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'cmocka-*' | head -n 1)
[ -n "$src" ] || { echo "fetch-cmocka-source: no cmocka-* folder from apt-get source" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$src" "$dest"
