#!/bin/sh
# The fuzz targets replayed without libFuzzer (tests/core builds them as fuzz_<target>_replay
# with gcc's sanitizers): each over its seed corpus and its regression cases (the inputs of
# crashes found and fixed). Run by ctest as fuzz_replay_native.
#
#   replay-all.sh BUILD_DIR TARGET...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin="$1"
shift
failed=0
for t in "$@"; do
    set -- "$here/corpus/$t"
    [ -d "$here/regressions/$t" ] && set -- "$@" "$here/regressions/$t"
    if out=$("$bin/fuzz_${t}_replay" "$@" 2>&1); then
        echo "replay $t: $out"
    else
        echo "replay $t: FAILED"
        echo "$out" | tail -n 20
        failed=1
    fi
done
exit $failed
