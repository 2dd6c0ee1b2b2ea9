#!/bin/sh
# Builds the x86_64 CMocka tests against the cmocka of another Debian suite (as root, after
# scripts/build.sh): cmocka 1.1.5 is bookworm's, 1.1.7 trixie's (both proven by the whole suite,
# scripts/test.sh and scripts/test.sh --release trixie), 2.x sid's, whose assert API changed
# types. The suite's source package is fetched with a private apt configuration (nothing of the
# machine's apt sources changes), cross-built as the build does it (cmake/cmocka.cmake, through
# OHN_SOURCE_cmocka), every test is compiled and linked against it, and a few of them run under
# Wine in a namespace of their own against the DLL of build/.
#
#   scripts/check-cmocka.sh [SUITE]     default: sid
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
suite="${1:-sid}"
out="${BUILD_DIR:-$root/build}"
[ -f "$out/x86_64/src/hnetcfg.dll" ] && [ -f "$out/i686/src/hnetcfg.dll" ] || { echo "check-cmocka: run scripts/build.sh first" >&2; exit 1; }
mirror=$("$root/scripts/debian-mirror.sh")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/src"
printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$mirror" "$suite" >"$work/sources.list"
apt="apt-get -qq -o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=$work/parts
     -o Dir::State::Lists=$work/lists -o Dir::Cache=$work/cache"
$apt update
(cd "$work/src" && $apt source --only-source cmocka >/dev/null 2>&1) || true
src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'cmocka-*' | head -n 1)
[ -n "$src" ] || { echo "check-cmocka: no cmocka source from $suite" >&2; exit 1; }
echo "check-cmocka: $(basename "$src") from $suite"

tree="$out/cmocka-$suite"
rm -rf "$tree"
cmake -S "$root" -B "$tree" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-x86_64-w64-mingw32.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOHN_NATIVE_TESTS=OFF -DOHN_BUILD_ROOT="$out" >/dev/null
OHN_SOURCE_cmocka="$src" cmake --build "$tree" -j"$(nproc 2>/dev/null || echo 2)"
echo "check-cmocka: every test built against $(basename "$src")"
# A few of them run: their tests register build/'s DLLs (OHN_BUILD_ROOT) in a fresh prefix.
"$root/scripts/in-netns.sh" -- ctest --test-dir "$tree" --output-on-failure \
    -R '^(install_and_register|test_dispatch|test_server|test_sharing|test_literals)$'
