# The router-lab set-up that scripts/bench-ics.sh, bench-pcp.sh and bench-upnp.sh share; sourced
# by them, with root set to the source tree.
#
#   bench_lab_up NAME TARGET...   builds hnetcfg and the bench targets in the x86_64 tree
#                                 ($build), brings up a router lab of tests/upnp/lab.sh named
#                                 NAME-<pid> (taken down on exit), exports its WINEPREFIX, and
#                                 copies the DLL and each target's .exe into C:\ohn-bench there
#   client COMMAND...             runs COMMAND in the lab's client namespace
#   figure TEXT KEY               the value of line "KEY value" of a benchmark's output
#   median                        the median of the numbers on standard input
. "$root/scripts/wine-env.sh"
build="${BUILD_DIR:-$root/build}/x86_64"
lab="$root/tests/upnp/lab.sh"

bench_lab_up() {
    name="$1"
    shift
    if [ ! -f "$build/CMakeCache.txt" ]; then
        cmake -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-x86_64-w64-mingw32.cmake"
    fi
    cmake --build "$build" -j2 --target hnetcfg "$@" >/dev/null
    export OHN_LAB="$name-$$"
    trap '"$lab" down >/dev/null 2>&1 || true' EXIT INT TERM
    "$lab" up >/dev/null
    eval "$("$lab" env)"
    export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='
    mkdir -p "$WINEPREFIX/drive_c/ohn-bench"
    cp "$build/src/hnetcfg.dll" "$WINEPREFIX/drive_c/ohn-bench/"
    for target in "$@"; do
        cp "$build/bench/$target.exe" "$WINEPREFIX/drive_c/ohn-bench/"
    done
}

client() { ip netns exec "$OHN_LAB_CLIENT_NS" "$@"; }
figure() { printf '%s\n' "$1" | tr -d '\r' | awk -v k="$2" '$1 == k { print $2 }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
