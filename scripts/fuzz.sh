#!/bin/sh
# Coverage-guided fuzzing of every decoder (tests/fuzz): builds the libFuzzer targets with
# Debian's clang and -fsanitize=fuzzer,address,undefined, runs each for SECONDS, and prints per
# target its executions, executions per second, coverage (edges), corpus size and crashes.
#
#   scripts/fuzz.sh [SECONDS]   each target for SECONDS (default 20: a smoke run)
#   scripts/fuzz.sh --merge     merges what the runs found that adds coverage into the
#                               repository's seed corpora (tests/fuzz/corpus/<target>)
#
# OHN_FUZZ_RUNS=N stops each target after N executions instead (SECONDS is then its ceiling,
# 0 for none); OHN_FUZZ_JOBS=J runs J targets at once (default 1); OHN_FUZZ_TARGETS="a b"
# only those. Builds in $BUILD_DIR/fuzz (default build/fuzz); each target's corpus grows in
# build/fuzz/corpus/<target> across runs, seeded from tests/fuzz/corpus/<target>. A crash,
# a leak or a sanitizer report fails the run: its input is in build/fuzz/artifacts/<target>/
# (replay it: build/fuzz/fuzz_<target> FILE), to be kept in tests/fuzz/regressions/<target>/.
# Exits 0 only when every target ran without one. Needs no network namespace: the targets only
# parse bytes.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="${BUILD_DIR:-$root/build}/fuzz"
merge=""
seconds=20
case "${1:-}" in
    --merge) merge=1 ;;
    "") ;;
    *) seconds="$1" ;;
esac
runs="${OHN_FUZZ_RUNS:-0}"
jobs="${OHN_FUZZ_JOBS:-1}"

"$root/scripts/install-deps.sh" clang libclang-rt-dev >/dev/null
mkdir -p "$build"
"$root/scripts/fetch-source.sh" miniupnpc "$build/miniupnpc-src"
cmake -S "$root/tests/fuzz" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE= \
    -DOHN_MINIUPNPC_SOURCE="$build/miniupnpc-src" >"$build/configure.log" 2>&1 ||
    { cat "$build/configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" >"$build/build.log" 2>&1 || { tail -n 40 "$build/build.log"; exit 1; }

targets="${OHN_FUZZ_TARGETS:-$(sed -n 's/^set(OHN_FUZZ_TARGETS \(.*\))$/\1/p' "$root/tests/fuzz/targets.cmake")}"

if [ -n "$merge" ]; then
    for t in $targets; do
        [ -d "$build/corpus/$t" ] || continue
        before=$(ls "$root/tests/fuzz/corpus/$t" | wc -l)
        "$build/fuzz_$t" -merge=1 "$root/tests/fuzz/corpus/$t" "$build/corpus/$t" >"$build/merge-$t.log" 2>&1 ||
            { tail -n 20 "$build/merge-$t.log"; exit 1; }
        echo "fuzz: $t: $before -> $(ls "$root/tests/fuzz/corpus/$t" | wc -l) seeds"
    done
    exit 0
fi

# run_target NAME: one target's run; its summary line in $build/logs/NAME.sum.
run_target() {
    t="$1"
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "$build/logs"
    log="$build/logs/$t.log"
    rc=0
    set -- -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds"
    [ "$runs" = 0 ] || set -- "$@" -runs="$runs"
    "$build/fuzz_$t" "$@" "$build/corpus/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    edges=$(grep -oE ' cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
    corpus=$(ls "$build/corpus/$t" | wc -l)
    crashes=$(ls "$build/artifacts/$t" | wc -l)
    reports=$(grep -cE '^(==[0-9]+==ERROR|SUMMARY: (Address|Undefined|Leak)Sanitizer)|runtime error:|property does not hold' "$log" || true)
    [ "$rc" = 0 ] || [ "$crashes" != 0 ] || crashes=1 # it failed without leaving an input
    printf 'fuzz: %-12s %12s %10s %7s %7s %8s %8s\n' "$t" "${execs:-?}" "${speed:-?}" "${edges:-?}" "$corpus" \
        "$crashes" "$reports" >"$build/logs/$t.sum"
    cat "$build/logs/$t.sum"
    [ "$rc" = 0 ] || grep -E 'ERROR|runtime error|property does not hold|SUMMARY' "$log" | head -n 5 | sed 's/^/fuzz:   /'
}

rm -rf "$build/artifacts" "$build/logs"
echo "fuzz: $(echo $targets | wc -w) targets, ${seconds} s each$([ "$runs" = 0 ] || echo ", at most $runs runs"), $jobs at once"
printf 'fuzz: %-12s %12s %10s %7s %7s %8s %8s\n' target execs execs/s edges corpus crashes reports
running=0
for t in $targets; do
    run_target "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
failed=0
total=0
for t in $targets; do
    total=$((total + 1))
    sum=$(cat "$build/logs/$t.sum" 2>/dev/null || echo "fuzz: $t ? ? ? ? 1 1")
    set -- $sum
    [ "$7" = 0 ] && [ "$8" = 0 ] || failed=$((failed + 1))
done
echo "fuzz: $total targets, $failed with a crash, leak or sanitizer report"
[ "$failed" = 0 ]
