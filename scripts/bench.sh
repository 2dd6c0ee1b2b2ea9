#!/bin/sh
# Builds (when needed) and runs bench/bench_store.c: the port-mapping store's figures next to the
# registry's floor, measured in one run. A report, not a test: it exits 0 whatever the figures.
#
#   scripts/bench.sh [R [N...]]     R repetitions per size (default 3); sizes (default 100 1000 10000)
#
# The x86_64 tree is BUILD_DIR/x86_64 (BUILD_DIR defaults to build/, as for scripts/build.sh):
# it is configured if it has no CMakeCache.txt yet, then the hnetcfg and bench_store targets are
# brought up to date. The benchmark runs under Wine inside
# scripts/in-netns.sh (its own network namespace and throwaway prefix): hnetcfg.dll is copied
# to C:\ohn-bench and registered with the 64-bit regsvr32 (the 64-bit loader, scripts/wine-env.sh), then bench_store.exe runs.
# BENCH_CPUS (a taskset CPU list; default: the last CPU) pins the namespace's processes, the
# wineserver included: a wineserver round trip then never needs a cross-CPU wakeup, which on a
# small VM otherwise costs ~60 us instead of ~4 us for seconds at a time. BENCH_CPUS= (empty)
# runs unpinned; the floor-normalised figures hold either way, the absolute ones do not.
# OHN_BENCH_MARKERS=1 makes bench_store bracket its timed batches with marker registry requests,
# for cutting a wineserver request trace (wineserver -d1) into phases.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/wine-env.sh"
export OHN_WINE64
build="${BUILD_DIR:-$root/build}/x86_64"
case "$build" in /*) ;; *) build="$(pwd)/$build" ;; esac

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-x86_64-w64-mingw32.cmake"
fi
cmake --build "$build" -j2 --target hnetcfg bench_store

dll="$build/src/hnetcfg.dll"
exe="$build/bench/bench_store.exe"
[ -f "$dll" ] || { echo "bench.sh: no $dll" >&2; exit 1; }
[ -f "$exe" ] || { echo "bench.sh: no $exe" >&2; exit 1; }

cpus="${BENCH_CPUS-$(($(nproc) - 1))}"
pin=""
[ -z "$cpus" ] || pin="taskset -c $cpus"
echo "bench.sh: $dll, ${pin:-unpinned}"

exec $pin "$root/scripts/in-netns.sh" -- sh -c '
    set -eu
    dll="$1"; exe="$2"; shift 2
    dir="$WINEPREFIX/drive_c/ohn-bench"
    mkdir -p "$dir"
    cp "$dll" "$dir/hnetcfg.dll"
    cp "$exe" "$dir/bench_store.exe"
    "$OHN_WINE64" regsvr32 /s "C:\\ohn-bench\\hnetcfg.dll"
    "$OHN_WINE64" "C:\\ohn-bench\\bench_store.exe" "$@"
' bench-in-netns "$dll" "$exe" "$@"
