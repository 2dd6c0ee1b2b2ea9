#!/bin/sh
# UPnPNAT on a router that speaks PCP and NAT-PMP with UPnP off, next to the same miniupnpd with
# UPnP on, and next to Wine's builtin, in one run (the router lab of tests/upnp/lab.sh, in
# network namespaces of its own). Each figure comes from fresh processes of bench/bench_upnp.c.
# A report, not a test: it exits 0 whatever the figures.
#
#   scripts/bench-pcp.sh [R [N]]   R runs of each start-up figure and R rounds of the Add
#                                  figures, the two modes taking turns (default 5; medians), N
#                                  mappings added one by one per round (default 50)
#
# Prints, side by side (UPnP on | UPnP off), for ours and for Wine's builtin:
#   - creating the object and getting its first non-NULL collection in a fresh prefix (nothing
#     remembered, no records): goal with UPnP off <= 1200 ms; Wine's builtin gets none (it is
#     given 5 s);
#   - Add N mappings one by one on a router that restarted empty: the median per Add (median of
#     the rounds' medians), and the first 10 and last 10; goal: a PCP Add costs at most what a
#     UPnP Add costs. miniupnpd's own cost varies by about a millisecond from one round to the
#     next (natively, a PCP MAP and a UPnP AddPortMapping both take 5-6.5 ms), hence rounds in
#     turn rather than one of each;
#   - the same N adds from a native client (bench/router_cost.py): the router's own cost, and
#     ours over it;
#   - removing the N.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/bench-lab.sh"
runs="${1:-5}"
count="${2:-50}"

bench_lab_up benchpcp bench_upnp
ours='C:\ohn-bench\hnetcfg.dll'
builtin='C:\windows\system32\hnetcfg.dll'

bench() { client "$OHN_WINE64" 'C:\ohn-bench\bench_upnp.exe' "$@"; }
forget() {
    for v in Remembered Absent; do
        client "$OHN_WINE64" reg delete 'HKLM\Software\open-hnetcfg\UPnP' /v $v /f /reg:64 >/dev/null 2>&1 || true
    done
    client "$OHN_WINE64" reg delete 'HKLM\Software\open-hnetcfg\UPnP\PCP' /f /reg:64 >/dev/null 2>&1 || true
}

cold() { # cold DLL: R first-collection figures in a fresh prefix state
    list=""
    i=0
    while [ $i -lt "$runs" ]; do
        forget
        list="$list $(figure "$(bench "$1" first)" first_collection_ms)"
        i=$((i + 1))
    done
    printf '%s\n' "$list" | median
}

start_mode() { # start_mode upnp|pcp: sets <mode>_cold, <mode>_builtin_first
    "$lab" mode "$1"
    "$lab" router-restart --forget
    eval "${1}_cold=\$(cold \"\$ours\")"
    eval "${1}_builtin_first=\$(BENCH_WAIT_MS=5000 bench \"\$builtin\" first | awk '{ print \$2 }')"
}

bulk_round() { # bulk_round upnp|pcp: one round of N Adds on an empty router; appends to <mode>_adds
    "$lab" mode "$1"
    "$lab" router-restart --forget
    forget
    out=$(bench "$ours" bulk "$count")
    eval "${1}_bulk=\$out"
    eval "${1}_adds=\"\$${1}_adds \$(figure \"\$out\" add_median_ms)\""
    # The router alone, in the same state, from a native client (bench/router_cost.py).
    "$lab" router-restart --forget
    out=$(client python3 "$root/bench/router_cost.py" "$1" "$count")
    eval "${1}_router=\"\$${1}_router \$(figure \"\$out\" router_add_median_ms)\""
}

echo "bench-pcp: $runs runs per start-up figure, $runs rounds of $count Adds, lab $OHN_LAB"
start_mode upnp
start_mode pcp
upnp_adds=""
pcp_adds=""
upnp_router=""
pcp_router=""
i=0
while [ $i -lt "$runs" ]; do
    bulk_round upnp
    bulk_round pcp
    i=$((i + 1))
done
"$lab" mode upnp
"$lab" router-restart --forget
upnp_builtin_bulk=$(bench "$builtin" bulk "$count")

row() { # row NAME UPNP PCP GOAL MET
    printf '%-46s %14s %14s  %-22s %s\n' "$1" "$2" "$3" "$4" "$5"
}
met() { awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }"; }
or_none() { [ -n "$1" ] && printf '%s' "$1" || printf 'none'; }

echo
row "ms" "UPnP on" "UPnP off (PCP)" "goal" ""
row "ours: create + first collection, fresh" "$upnp_cold" "$pcp_cold" "PCP <= 1200" \
    "$(met "$pcp_cold <= 1200")"
row "Wine builtin: the same (given 5 s)" "$(or_none "$upnp_builtin_first")" \
    "$(or_none "$pcp_builtin_first")" "" "-"
u=$(printf '%s\n' "$upnp_adds" | median)
p=$(printf '%s\n' "$pcp_adds" | median)
row "ours: per Add, median of $runs rounds" "$u" "$p" "PCP <= UPnP" "$(met "$p <= $u")"
row "  each round's median" "$(echo $upnp_adds | tr ' ' '/')" "$(echo $pcp_adds | tr ' ' '/')" "" ""
ur=$(printf '%s\n' "$upnp_router" | median)
pr=$(printf '%s\n' "$pcp_router" | median)
row "router alone, native client: per Add" "$ur" "$pr" "" "-"
row "  each round's median" "$(echo $upnp_router | tr ' ' '/')" "$(echo $pcp_router | tr ' ' '/')" "" ""
row "ours over the router alone: per Add" "$(awk "BEGIN { printf \"%.3f\", $u - $ur }")" \
    "$(awk "BEGIN { printf \"%.3f\", $p - $pr }")" "" "-"
row "  last round: per Add, first 10" "$(figure "$upnp_bulk" add_first10_ms)" "$(figure "$pcp_bulk" add_first10_ms)" "" "-"
row "  last round: per Add, last 10" "$(figure "$upnp_bulk" add_last10_ms)" "$(figure "$pcp_bulk" add_last10_ms)" "" "-"
row "  last round: enumerate all" "$(figure "$upnp_bulk" enumerate_ms)" "$(figure "$pcp_bulk" enumerate_ms)" "" "-"
row "  last round: remove the $count" "$(figure "$upnp_bulk" remove_total_ms)" "$(figure "$pcp_bulk" remove_total_ms)" "" "-"
row "Wine builtin: per Add, median of $count" "$(or_none "$(figure "$upnp_builtin_bulk" add_median_ms)")" \
    "none" "" "-"
echo "enumerated: UPnP on $(figure "$upnp_bulk" enumerated), UPnP off $(figure "$pcp_bulk" enumerated)"
