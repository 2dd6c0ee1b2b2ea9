#!/bin/sh
# The one command that runs all tests (as root, on Debian 12 or 13): installs what is missing,
# builds both architectures, then runs the tests of both (ctest over build/x86_64 and build/i686,
# the i686 ones named *_i686) inside a fresh network namespace and Wine prefix
# (scripts/in-netns.sh), so nothing the DLL or Wine does can reach the network. The Wine is the
# one WINE names, else Debian's (scripts/wine-env.sh).
#
#   scripts/test.sh [CTEST ARGS...]                   on this machine's own Debian
#   scripts/test.sh --release trixie [CTEST ARGS...]  the same inside a fresh chroot of that
#                                                     release (scripts/release-chroot.sh)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --release ]; then
    [ $# -ge 2 ] || { echo "usage: $0 --release RELEASE [CTEST ARGS...]" >&2; exit 2; }
    release="$2"
    shift 2
    exec "$root/scripts/release-chroot.sh" "$release" scripts/test.sh "$@"
fi
out="${BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
rm -f "$out"/conformance/summary-*.txt
# (rc kept through set -e: a failing run must still write its code)
{
    rc=0
    "$root/scripts/in-netns.sh" -- ctest --test-dir "$out" --output-on-failure "$@" || rc=$?
    echo "$rc" >"$out/ctest.rc"
} | tee "$out/ctest.log"
# Wine's conformance test's summary lines (its tests' output is shown only on failure), then
# ctest's summary line again: the last line is the count of the whole run.
if ls "$out"/conformance/summary-*.txt >/dev/null 2>&1; then
    echo
    echo "Wine's hnetcfg conformance test, this DLL and Wine's builtin:"
    cat "$out"/conformance/summary-*.txt
    echo
    grep -E '^[0-9]+% tests passed' "$out/ctest.log" | tail -n 1
fi
exit "$(cat "$out/ctest.rc")"
