#!/bin/sh
# The sequence of issue 23, each step a process of its own, for both architectures' cscript, on
# the lab's router with UPnP off (PCP and NAT-PMP) and on a NAT-PMP-only server (fake_pcp.py
# --natpmp-only): A gets a collection with nothing remembered; B adds TCP 45100 -> 8100; three
# seconds later (the prefix's wineserver has exited: the next processes start a new one) C reads
# it, D counts it, E removes it, F counts again. Bounds: every get_StaticPortMappingCollection
# call returns within 1200 ms, and a process that finds the remembered gateway answering has
# its collection within 100 ms of making the object (B to F).
# Run by ctest through in-lab.sh (the lab's client namespace and prefix). The router is put
# back in UPnP mode at the end.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

# probe ARCH ACTION: one process (ARCH's loader and cscript); its line, and checks of it.
probe() {
    ohn_arch_vars "$1"
    mkdir -p "$OHN_STAGE_UNIX"
    cp "$here/process_probe.js" "$OHN_STAGE_UNIX/process_probe.js"
    # Into a file, not a pipe: a wineserver this process starts keeps its output open until it
    # exits, seconds later.
    "$ohn_wine" "$ohn_sysdir\\cscript.exe" //nologo "$OHN_STAGE_WIN\\process_probe.js" "$2" >"$WINEPREFIX/probe.out" 2>&1
    out=$(tr -d '\r' <"$WINEPREFIX/probe.out")
    line=$(printf '%s\n' "$out" | grep "^$2 collection_ms " | tail -1)
    # Anything else the process printed (Wine's own messages at exit, say), shown as it is.
    printf '%s\n' "$out" | grep -v "^$2 collection_ms " | sed 's/^/    (output) /'
    ohn_arch_vars "$OHN_ARCH"
    ohn_say "    $1: $line"
    took=$(printf '%s\n' "$line" | awk '{ print $3 }')
    slowest=$(printf '%s\n' "$line" | awk '{ print $5 }')
    case "$took" in '' | *[!0-9]*) ohn_fail "$1 $2: no figures"; return ;; esac
    [ "$slowest" -le 1200 ] && ohn_say "ok: $1 $2: every call within 1200 ms ($slowest)" ||
        ohn_fail "$1 $2: a call took $slowest ms (bound 1200)"
    if [ "$2" != none ]; then
        [ "$took" -le 100 ] && ohn_say "ok: $1 $2: collection in $took ms (remembered gateway)" ||
            ohn_fail "$1 $2: collection after $took ms (bound 100, the gateway is remembered)"
    fi
}

# expect_result ARCH ACTION RESULT
expect_result() {
    probe "$1" "$2"
    case "$line" in
        *" result $3") ohn_say "ok: $1 $2: $3" ;;
        *) ohn_fail "$1 $2: expected result '$3'" ;;
    esac
}

sequence() { # sequence ARCH SERVER
    ohn_note "$2, $1: A, B, (3 s), C, D, E, F: each a process"
    ohn_forget_gateway
    expect_result "$1" none ok
    expect_result "$1" add "added 1.2.3.4"
    sleep 3
    expect_result "$1" item "item 8100"
    expect_result "$1" count "count 1"
    expect_result "$1" remove removed
    expect_result "$1" count "count 0"
}

"$OHN_LAB_SH" mode pcp
"$OHN_LAB_SH" router-restart --forget
for arch in x86_64 i686; do sequence "$arch" "the router with UPnP off"; done

"$OHN_LAB_SH" router-stop
"$OHN_LAB_SH" pcpfake --natpmp-only
for arch in x86_64 i686; do sequence "$arch" "a NAT-PMP-only server"; done
"$OHN_LAB_SH" pcpfake-stop

"$OHN_LAB_SH" mode upnp
"$OHN_LAB_SH" router-restart
ohn_forget_gateway
ohn_finish
