#!/bin/sh
# Fetches Debian's source package PACKAGE into DEST (the build cross-builds CMocka and
# miniupnpc for Windows from them; their source is never committed). Needs a deb-src entry:
# scripts/install-deps.sh adds one.
#
#   scripts/fetch-source.sh PACKAGE DEST
#
# OHN_SOURCE_<PACKAGE> (e.g. OHN_SOURCE_cmocka) names an unpacked source tree to use instead
# (a developer's check against another release's version, as scripts/check-cmocka.sh does).
#
# Debian's mirrors can serve a source package's upstream tarball (.orig.tar.*) while its .dsc or
# .debian.tar.* answer 404 (seen for cmocka 1.1.7-3 on trixie). `apt-get source` then fails
# but leaves the tarball it did get: this script unpacks that upstream source, says so on
# stderr, and goes on. Anything less (no tarball, no CMakeLists.txt) fails with a message.
set -eu
package="$1"
dest="$2"
[ -f "$dest/CMakeLists.txt" ] && exit 0

override=$(eval "printf '%s' \"\${OHN_SOURCE_$package:-}\"")
if [ -n "$override" ]; then
    [ -f "$override/CMakeLists.txt" ] || { echo "fetch-source: OHN_SOURCE_$package=$override has no CMakeLists.txt" >&2; exit 1; }
    rm -rf "$dest"
    mkdir -p "$dest"
    cp -a "$override/." "$dest/"
    echo "fetch-source: $package from $override (OHN_SOURCE_$package)" >&2
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if (cd "$work" && apt-get source -qq --only-source "$package" >"$work/apt.log" 2>&1); then
    src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$package-*" | head -n 1)
    [ -n "$src" ] || { echo "fetch-source: no $package-* folder from apt-get source" >&2; exit 1; }
    how="Debian's source package $(cd "$work" && ls ./*.dsc | sed 's|^\./||')"
else
    orig=$(find "$work" -maxdepth 1 -name "${package}_*.orig.tar.*" ! -name '*.asc' | head -n 1)
    if [ -z "$orig" ]; then
        echo "fetch-source: 'apt-get source $package' failed and left no upstream tarball:" >&2
        sed 's/^/fetch-source:   /' "$work/apt.log" >&2
        echo "fetch-source: run scripts/install-deps.sh first (it adds a deb-src entry)" >&2
        exit 1
    fi
    echo "fetch-source: 'apt-get source $package' failed:" >&2
    grep -E '^(E|Err):' "$work/apt.log" | sed 's/^/fetch-source:   /' >&2 || true
    mkdir "$work/unpack"
    tar -xf "$orig" -C "$work/unpack"
    src=$(find "$work/unpack" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    [ -n "$src" ] && [ -f "$src/CMakeLists.txt" ] || { echo "fetch-source: $(basename "$orig") holds no CMake project" >&2; exit 1; }
    how="the upstream tarball $(basename "$orig") alone, as checked by apt against the release's Sources index (the mirror did not serve the rest: Debian's patches are not applied)"
fi
echo "fetch-source: $package from $how" >&2
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$src" "$dest"
