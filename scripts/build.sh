#!/bin/sh
# Builds hnetcfg.dll, hnetmap.exe, the tests and the benchmark for x86_64 (build/x86_64) and
# the DLL, tool and benchmark for i686 (build/i686). BUILD_DIR overrides build/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="${BUILD_DIR:-$root/build}"
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S "$root" -B "$out/x86_64" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-x86_64-w64-mingw32.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out/x86_64" -j"$jobs"
cmake -S "$root" -B "$out/i686" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-i686-w64-mingw32.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOHN_BUILD_TESTS=OFF >/dev/null
cmake --build "$out/i686" -j"$jobs"
echo "build: $out/x86_64/src/hnetcfg.dll, $out/i686/src/hnetcfg.dll"
