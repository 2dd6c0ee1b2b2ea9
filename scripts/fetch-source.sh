#!/bin/sh
# Fetches Debian's source package PACKAGE into DEST (the build cross-builds CMocka and
# miniupnpc for Windows from them; their source is never committed). Needs a deb-src entry:
# scripts/install-deps.sh adds one.
#
#   scripts/fetch-source.sh PACKAGE DEST
set -eu
package="$1"
dest="$2"
[ -f "$dest/CMakeLists.txt" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq --only-source "$package" >/dev/null 2>&1) || {
    echo "fetch-source: 'apt-get source $package' failed; run scripts/install-deps.sh first" >&2
    exit 1
}
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$package-*" | head -n 1)
[ -n "$src" ] || { echo "fetch-source: no $package-* folder from apt-get source" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$src" "$dest"
