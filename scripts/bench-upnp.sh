#!/bin/sh
# UPnPNAT against Wine's builtin, in one run, against the same miniupnpd (the router lab of
# tests/upnp/lab.sh, in network namespaces of its own). Each figure comes from fresh processes of
# bench/bench_upnp.c, which loads each DLL by its path and takes UPnPNAT from its own
# DllGetClassObject. A report, not a test: it exits 0 whatever the figures.
#
#   scripts/bench-upnp.sh [R]      R runs of each start-up figure (default 5; medians)
#
# The router's own cost bounds the Add figures: miniupnpd 2.3.1 takes 4.5 ms for an
# AddPortMapping from a native client on an empty table and 8 ms at 300 mappings.
#
# Prints, side by side with the ratio builtin/ours and the goal:
#   - creating the object and getting its first non-NULL collection, in a prefix where an
#     earlier process found the gateway (ours remembers it; Wine's remembers nothing), and
#     in a fresh prefix (nothing remembered);
#   - Add 200 mappings one by one with 100 already on the gateway: total, and the per-Add time
#     of the first 10 and of the last 10; enumerating all of them; removing the 200;
#   - no gateway (router stopped): the 1st and the 2nd get_StaticPortMappingCollection;
#   - per Add beside miniupnpc alone: the same series of 200 Adds (100 on the gateway) made by
#     UPnPNAT, by a native Linux client of Debian's libminiupnpc, and by a minimal Windows client
#     of miniupnpc under Wine (bench/miniupnpc_adds.c, both; the Windows one links miniupnpc as
#     its own project builds it, without the DLL's bounded sockets), R rounds in turn, medians;
#     goal: UPnPNAT <= 1.2x the native client. With, per Add, what the router saw (connections
#     and request segments, lab.sh http-count) and the ws2_32 calls Wine traced (+winsock).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/bench-lab.sh"
runs="${1:-5}"

bench_lab_up bench bench_upnp miniupnpc_adds
native_client="$build/bench/miniupnpc_adds_native"
cc -O2 -o "$native_client" "$root/bench/miniupnpc_adds.c" -I/usr/include/miniupnpc -lminiupnpc
ours='C:\ohn-bench\hnetcfg.dll'
builtin='C:\windows\system32\hnetcfg.dll'

bench() { client "$OHN_WINE64" 'C:\ohn-bench\bench_upnp.exe' "$@"; }
forget() { client "$OHN_WINE64" reg delete 'HKLM\Software\open-hnetcfg\UPnP' /v Remembered /f /reg:64 >/dev/null 2>&1 || true; }

runs_of() { # runs_of DLL [forget]: R first-collection figures
    list=""
    i=0
    while [ $i -lt "$runs" ]; do
        [ "${2:-}" = forget ] && forget
        list="$list $(figure "$(bench "$1" first)" first_collection_ms)"
        i=$((i + 1))
    done
    printf '%s\n' "$list"
}

echo "bench-upnp: $runs runs per start-up figure, lab $OHN_LAB"
bench "$ours" first >/dev/null # an earlier process finds the gateway: ours remembers it
warm_ours=$(runs_of "$ours" | median)
warm_builtin=$(runs_of "$builtin" | median)
cold_ours=$(runs_of "$ours" forget | median)
cold_builtin=$warm_builtin

# The same start for both: a router that restarted with an empty table, then 100 mappings.
# (After hundreds of adds and removals miniupnpd answers more slowly than after a restart.)
bulk() {
    "$lab" router-restart --forget
    bench "$ours" populate 100 >/dev/null
    bench "$1" bulk 200
}
bulk_builtin=$(bulk "$builtin")
bulk_ours=$(bulk "$ours")

# Per Add beside miniupnpc alone, rounds in turn (the router's own cost drifts between rounds).
wine_client() { client "$OHN_WINE64" 'C:\ohn-bench\miniupnpc_adds.exe' "$@"; }
fresh100() { "$lab" router-restart --forget; bench "$ours" populate 100 >/dev/null; }
adds_ours="" adds_native="" adds_wine=""
i=0
while [ $i -lt "$runs" ]; do
    fresh100
    adds_ours="$adds_ours $(figure "$(bench "$ours" bulk 200)" add_median_ms)"
    fresh100
    adds_native="$adds_native $(figure "$(client "$native_client" 200)" add_median_ms)"
    fresh100
    adds_wine="$adds_wine $(figure "$(wine_client 200)" add_median_ms)"
    i=$((i + 1))
done
# What one Add costs at the router and in ws2_32: 101 Adds less 1, over 100 (set-up cancels).
seen() { # seen WHAT N: "connections requests ws2_calls" of WHAT making N Adds on an empty router
    "$lab" router-restart --forget
    "$lab" http-count reset
    case "$1" in
        ours) WINEDEBUG=trace+winsock bench "$ours" populate "$2" 2>"$WINEPREFIX/ws.log" >/dev/null ;;
        native) client "$native_client" "$2" 50000 keep >/dev/null; : >"$WINEPREFIX/ws.log" ;;
        wine) WINEDEBUG=trace+winsock wine_client "$2" 50000 keep 2>"$WINEPREFIX/ws.log" >/dev/null ;;
    esac
    printf '%s %s\n' "$("$lab" http-count show | awk '{ print $2 }' | tr '\n' ' ')" \
        "$(grep -c ':trace:winsock:' "$WINEPREFIX/ws.log" || true)"
}
per_add() { # per_add WHAT: "connections requests ws2_calls" per Add
    one=$(seen "$1" 1)
    many=$(seen "$1" 101)
    printf '%s %s\n' "$one" "$many" | awk '{ printf "%.2f %.2f %.1f\n", ($4 - $1) / 100, ($5 - $2) / 100, ($6 - $3) / 100 }'
}
cost_ours=$(per_add ours)
cost_native=$(per_add native)
cost_wine=$(per_add wine)

"$lab" router-stop
forget
nogw_builtin=$(bench "$builtin" nogw)
forget
nogw_ours=$(bench "$ours" nogw)
"$lab" router-start

row() { # row NAME BUILTIN OURS GOAL-TEXT GOAL-CHECK(awk on r=ratio, o=ours, b=builtin)
    awk -v name="$1" -v b="$2" -v o="$3" -v goal="$4" -v check="$5" 'BEGIN {
        r = (o > 0) ? b / o : 0
        met = "-"
        if (check == "ratio50") met = (r >= 50) ? "met" : "MISSED"
        else if (check == "ratio400") met = (r >= 400) ? "met" : "MISSED"
        else if (check == "notslower") met = (o <= b) ? "met" : "MISSED"
        else if (check == "under1200") met = (o <= 1200) ? "met" : "MISSED"
        printf "%-44s %12.3f %12.3f %10.1fx  %-24s %s\n", name, b, o, r, goal, met
    }'
}

echo
printf '%-44s %12s %12s %11s  %-24s %s\n' "ms" "Wine builtin" "open-hnetcfg" "builtin/ours" "goal" ""
row "create + first collection, gateway known" "$warm_builtin" "$warm_ours" "ours <= builtin" notslower
row "create + first collection, fresh prefix" "$cold_builtin" "$cold_ours" "ours <= 1200 ms" under1200
row "Add 200 (100 on the gateway): total" "$(figure "$bulk_builtin" add_total_ms)" \
    "$(figure "$bulk_ours" add_total_ms)" ">= 50x" ratio50
row "  per Add, first 10" "$(figure "$bulk_builtin" add_first10_ms)" "$(figure "$bulk_ours" add_first10_ms)" "" -
row "  per Add, last 10" "$(figure "$bulk_builtin" add_last10_ms)" "$(figure "$bulk_ours" add_last10_ms)" "" -
row "enumerate all (300)" "$(figure "$bulk_builtin" enumerate_ms)" "$(figure "$bulk_ours" enumerate_ms)" "" -
row "remove the 200" "$(figure "$bulk_builtin" remove_total_ms)" "$(figure "$bulk_ours" remove_total_ms)" "" -
row "no gateway: 1st call" "$(figure "$nogw_builtin" nogw_first_ms)" "$(figure "$nogw_ours" nogw_first_ms)" "" -
row "no gateway: 2nd call" "$(figure "$nogw_builtin" nogw_second_ms)" "$(figure "$nogw_ours" nogw_second_ms)" \
    ">= 400x" ratio400
echo
awk -v f="$(figure "$bulk_ours" add_first10_ms)" -v l="$(figure "$bulk_ours" add_last10_ms)" \
    'BEGIN { r = l / f; printf "per-Add flatness, ours: last 10 / first 10 = %.2f (goal <= 1.5: %s)\n", r, (r <= 1.5) ? "met" : "MISSED" }'
awk -v f="$(figure "$bulk_builtin" add_first10_ms)" -v l="$(figure "$bulk_builtin" add_last10_ms)" \
    'BEGIN { printf "per-Add flatness, builtin: last 10 / first 10 = %.2f\n", l / f }'
echo "enumerated: builtin $(figure "$bulk_builtin" enumerated), ours $(figure "$bulk_ours" enumerated)"

echo
m_ours=$(printf '%s\n' "$adds_ours" | median)
m_native=$(printf '%s\n' "$adds_native" | median)
m_wine=$(printf '%s\n' "$adds_wine" | median)
printf '%-44s %12s %12s %12s\n' "per Add (200, 100 on the gateway)" "open-hnetcfg" "native" "miniupnpc/Wine"
printf '%-44s %12.3f %12.3f %12.3f\n' "ms, median of $runs rounds' medians" "$m_ours" "$m_native" "$m_wine"
printf '%-44s %12s %12s %12s\n' "  each round" "$(echo $adds_ours | tr ' ' '/')" "$(echo $adds_native | tr ' ' '/')" \
    "$(echo $adds_wine | tr ' ' '/')"
col() { printf '%s\n' "$1" | awk -v k="$2" '{ print $k }'; }
printf '%-44s %12s %12s %12s\n' "connections at the router" "$(col "$cost_ours" 1)" "$(col "$cost_native" 1)" "$(col "$cost_wine" 1)"
printf '%-44s %12s %12s %12s\n' "request segments at the router" "$(col "$cost_ours" 2)" "$(col "$cost_native" 2)" "$(col "$cost_wine" 2)"
printf '%-44s %12s %12s %12s\n' "ws2_32 calls traced (+winsock)" "$(col "$cost_ours" 3)" "-" "$(col "$cost_wine" 3)"
awk -v o="$m_ours" -v n="$m_native" -v w="$m_wine" 'BEGIN {
    printf "per Add, open-hnetcfg / native libminiupnpc = %.2f (goal <= 1.2: %s); open-hnetcfg / miniupnpc under Wine = %.2f; miniupnpc under Wine / native = %.2f\n", o / n, (o / n <= 1.2) ? "met" : "MISSED", o / w, w / n }'
