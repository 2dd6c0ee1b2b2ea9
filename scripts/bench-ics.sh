#!/bin/sh
# ICS port-mapping changes on the publicly shared connection against UPnPNAT's Add and Remove,
# through the same DLL, in one process (bench/bench_ics.c), against the router lab's miniupnpd
# (tests/upnp/lab.sh, in network namespaces of its own). A report, not a test: it exits 0
# whatever the figures, 1 when the benchmark could not run or a check of the router failed.
#
#   scripts/bench-ics.sh [N]      N mappings per run (default 200)
#
# Prints per operation, in ms, ICS next to UPnPNAT with the ratio, and the goals:
#   - an ICS operation (Add+Enable, Delete) costs at most 2x a UPnPNAT one (Add, Remove), on the
#     mean of all of them; each kind is shown too (a Delete costs one check request more than
#     a Remove: the mapping must still be ours before it goes);
#   - each ICS operation's last 10 / first 10 is at most 1.5;
#   - all N ICS mappings are on the router while enabled and none after the deletes (checked by
#     the benchmark through UPnPNAT's enumeration, and here once more with upnpc after the run).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/bench-lab.sh"
n="${1:-200}"

bench_lab_up bics bench_ics
client "$OHN_WINE64" regsvr32 /s 'C:\ohn-bench\hnetcfg.dll'
echo "bench-ics: $n mappings per run, lab $OHN_LAB, $build/src/hnetcfg.dll"
out=$(client "$OHN_WINE64" 'C:\ohn-bench\bench_ics.exe' "$n") || {
    printf '%s\n' "$out"
    echo "bench-ics: the benchmark failed" >&2
    exit 1
}
value() { figure "$out" "$1"; }
left=$("$lab" upnpc -l | grep -cE 'TCP +4[78][0-9]{3}->' || true)

echo
printf '%-28s %10s %10s %9s   %s\n' "ms per operation" "ICS" "UPnPNAT" "ICS/NAT" "goal"
row() { # row NAME ICS-KEY NAT-KEY GOAL(ratio bound, or -)
    awk -v name="$1" -v i="$(value "$2")" -v u="$(value "$3")" -v goal="$4" 'BEGIN {
        r = (u > 0) ? i / u : 0
        verdict = (goal == "-") ? "" : sprintf("<= %.1fx: %s", goal, (r <= goal) ? "met" : "MISSED")
        printf "%-28s %10.3f %10.3f %8.2fx   %s\n", name, i, u, r, verdict
    }'
}
out="$out
ics_mean_ms $(awk -v a="$(value ics_add_mean_ms)" -v d="$(value ics_delete_mean_ms)" 'BEGIN { print (a + d) / 2 }')
nat_mean_ms $(awk -v a="$(value nat_add_mean_ms)" -v d="$(value nat_remove_mean_ms)" 'BEGIN { print (a + d) / 2 }')"
row "every operation: mean" ics_mean_ms nat_mean_ms 2
row "Add+Enable / Add: mean" ics_add_mean_ms nat_add_mean_ms -
row "  first 10" ics_add_first10_ms nat_add_first10_ms -
row "  last 10" ics_add_last10_ms nat_add_last10_ms -
row "Delete / Remove: mean" ics_delete_mean_ms nat_remove_mean_ms -
row "  first 10" ics_delete_first10_ms nat_remove_first10_ms -
row "  last 10" ics_delete_last10_ms nat_remove_last10_ms -
echo
flat() { # flat NAME KIND [goal]
    awk -v name="$1" -v f="$(value "$2_first10_ms")" -v l="$(value "$2_last10_ms")" -v goal="${3:-}" 'BEGIN {
        r = l / f
        verdict = (goal == "") ? "(the peer, for comparison)" : sprintf("(goal <= 1.5: %s)", (r <= 1.5) ? "met" : "MISSED")
        printf "%-28s last 10 / first 10 = %.2f %s\n", name, r, verdict
    }'
}
flat "ICS Add+Enable" ics_add goal
flat "ICS Delete" ics_delete goal
flat "UPnPNAT Add" nat_add
flat "UPnPNAT Remove" nat_remove
checks=$(printf '%s\n' "$out" | grep '^checks ')
echo "router checks (UPnPNAT enumeration, in the run): $checks"
echo "left on the router after the run (upnpc -l): $left"
[ "$left" = 0 ] && [ "$checks" = "checks ok" ]
