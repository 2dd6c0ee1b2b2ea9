#!/bin/sh
# The one command that runs all tests (as root, on Debian bookworm): installs what is missing,
# builds both architectures, then runs the tests of both (ctest over build/x86_64 and build/i686,
# the i686 ones named *_i686) inside a fresh network namespace and Wine prefix
# (scripts/in-netns.sh), so nothing the DLL or Wine does can reach the network.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="${BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
"$root/scripts/in-netns.sh" -- ctest --test-dir "$out" --output-on-failure "$@"
