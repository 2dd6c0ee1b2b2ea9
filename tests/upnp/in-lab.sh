#!/bin/sh
# Runs a command in the router lab's client namespace, with the lab's Wine prefix, and the
# variables the lab tests read: OHN_LAB_SH (to drive the router), OHN_LAB_DIR.
#   in-lab.sh COMMAND [ARGS...]
#
# A command that exits non-zero within its first second having printed nothing never started
# (every test prints its name first): seen once in CI (Debian 12, a test that passes in every
# other run ended in 0.01 s without a word). That is said on stderr, with its exit code, and
# the command is started once more; any other failure is the command's own and stands. The
# output is passed on as it comes (ctest keeps what a command printed before a timeout).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
eval "$("$here/lab.sh" env)"
export OHN_LAB OHN_LAB_DIR WINEPREFIX OHN_LAB_SH="$here/lab.sh"
export WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
out=$(mktemp "${TMPDIR:-/tmp}/ohn-in-lab.XXXXXX")
trap 'rm -f "$out"' EXIT
ms() { echo $(($(date +%s%N) / 1000000)); }

# run COMMAND...: sets rc, took (ms), and silent (1: it ended in its first second, printed nothing).
run() {
    : >"$out"
    start=$(ms)
    ip netns exec "$OHN_LAB_CLIENT_NS" "$@" >"$out" 2>&1 &
    child=$!
    i=0
    while kill -0 "$child" 2>/dev/null && [ ! -s "$out" ] && [ $i -lt 20 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    silent=0
    if ! kill -0 "$child" 2>/dev/null && [ ! -s "$out" ]; then
        silent=1
    else
        tail -s 0.1 -c +1 -f --pid="$child" "$out" || true
    fi
    rc=0
    wait "$child" || rc=$?
    took=$(($(ms) - start))
}

run "$@"
if [ "$rc" -ne 0 ] && [ "$silent" -eq 1 ] && [ "$took" -lt 1000 ]; then
    echo "in-lab: '$*' exited $rc after $took ms and printed nothing: it never started; once more" >&2
    run "$@"
fi
[ "$silent" -eq 0 ] || cat "$out"
exit "$rc"
