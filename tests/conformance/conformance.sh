#!/bin/sh
# Wine's conformance tests (winetest.sh run) in one place, against this DLL (registered in the
# current prefix) and Wine's builtin (a second, fresh prefix in the same namespace, made here):
#   conformance.sh nogateway OUT   in the suite's namespace, which has no gateway
#   conformance.sh lab OUT         in the lab's client namespace (in-lab.sh), its router made to
#                                  map to any internal client for the run (the test maps to
#                                  1.2.3.4), then put back
# Prints the eight summary lines of this DLL, then Wine's builtin's; fails when one of this DLL's
# runs failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/wine-env.sh"
where="$1" out="$2"
: "${WINEPREFIX:?run through ctest (scripts/test.sh)}"

if [ "$where" = lab ]; then
    "$OHN_LAB_SH" permit any
    "$OHN_LAB_SH" router-restart --forget
fi
sh "$here/winetest.sh" run "$out" ours "$where" | tee "$out/summary-$where.ours"
# A failed run prints a FAIL line; each of the four runs one summary line.
rc=0
grep -q '^FAIL' "$out/summary-$where.ours" && rc=1
[ "$(grep -c "^$where ours " "$out/summary-$where.ours")" -eq 4 ] || rc=1

# Wine's builtin: a fresh prefix of its own (its wineserver started here, in this namespace).
builtin="$WINEPREFIX-builtin"
rm -rf "$builtin"
WINEPREFIX="$builtin" "$OHN_WINE64" wineboot -i >/dev/null 2>&1
WINEPREFIX="$builtin" sh "$here/winetest.sh" run "$out" builtin "$where" | tee "$out/summary-$where.builtin"
# For scripts/test.sh to print after the run: the summary lines of both.
grep -hE "^$where (ours|builtin) " "$out/summary-$where.ours" "$out/summary-$where.builtin" >"$out/summary-$where.txt"
rm -f "$out/summary-$where.ours" "$out/summary-$where.builtin"
WINEPREFIX="$builtin" "$OHN_WINESERVER" -k >/dev/null 2>&1
rm -rf "$builtin"

if [ "$where" = lab ]; then
    "$OHN_LAB_SH" permit lan
    "$OHN_LAB_SH" router-restart --forget
fi
[ "$rc" -eq 0 ] && echo "wine conformance ($where): this DLL passes" || echo "wine conformance ($where): FAILED"
exit "$rc"
