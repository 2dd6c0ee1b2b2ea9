#!/bin/sh
# Builds hnetcfg.dll, hnetmap.exe, the example, the tests (Wine's own hnetcfg tests among them,
# tests/conformance/winetest.sh) and the benchmarks for both architectures, x86_64 (build/x86_64) and i686 (build/i686), and writes build/CTestTestfile.cmake
# so that one ctest run (ctest --test-dir build) runs the tests of both trees. The native
# sanitizer tests of the portable core are built once, in the x86_64 tree. BUILD_DIR overrides
# build/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="${BUILD_DIR:-$root/build}"
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S "$root" -B "$out/x86_64" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-x86_64-w64-mingw32.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOHN_BUILD_ROOT="$out" >/dev/null
cmake --build "$out/x86_64" -j"$jobs"
cmake -S "$root" -B "$out/i686" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-i686-w64-mingw32.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOHN_BUILD_TESTS=ON -DOHN_NATIVE_TESTS=OFF -DOHN_BUILD_ROOT="$out" >/dev/null
cmake --build "$out/i686" -j"$jobs"
printf '# Written by scripts/build.sh: the tests of both architectures in one ctest run.\nsubdirs("x86_64" "i686")\n' \
    >"$out/CTestTestfile.cmake"
# Wine's own conformance tests of hnetcfg, from the Wine source package (fetched here: the tests
# run where there is no network).
OHN_BUILD_ROOT="$out" sh "$root/tests/conformance/winetest.sh" build "$out/conformance"
echo "build: $out/x86_64/src/hnetcfg.dll, $out/i686/src/hnetcfg.dll"
