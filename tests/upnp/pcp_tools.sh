#!/bin/sh
# Everything that uses the gateway, against the lab's router with UPnP off (NAT-PMP and PCP on),
# as users run it; the router's forwards are read from its nftables chain (lab.sh forwards):
#   - natpmpc, a second client, checks the lab itself;
#   - `hnetmap upnp status` of both architectures says PCP; a mapping added by one architecture's
#     hnetmap is listed and removed by the other's (the nonce is kept in the records: miniupnpd
#     refuses any other);
#   - an ICS mapping of the public connection is realised on the router by a short script
#     (ics_exit.js), stays through `hnetmap upnp sync`, and leaves with the next script;
#   - an RTC session without a port manager (`hnetmap session`) maps its media ports on it.
# Run by ctest through in-lab.sh (the lab's client namespace and prefix). The router is put back
# in UPnP mode at the end.
set -u
here=$(cd "$(dirname "$0")" && pwd)
OHN_HARNESS="$here/../scripts/harness.js"
OHN_HARNESS_VBS="$here/../scripts/harness.vbs"
. "$here/../scripts/common.sh"

forwards() { "$OHN_LAB_SH" forwards; }

# expect_forward PATTERN yes|no WHAT
expect_forward() {
    if forwards | grep -q -- "$1"; then have=yes; else have=no; fi
    if [ "$have" = "$2" ]; then ohn_say "ok: $3"; else ohn_fail "$3 (forwards: $(forwards | tr '\n' ' '))"; fi
}

# expect TEXT PATTERN WHAT
expect() {
    if printf '%s\n' "$1" | grep -q -- "$2"; then ohn_say "ok: $3"; else ohn_fail "$3: $(printf '%s' "$1" | tr '\n' ' ')"; fi
}

"$OHN_LAB_SH" mode pcp
"$OHN_LAB_SH" router-restart --forget
ohn_forget_gateway

ohn_note "the lab: natpmpc maps and unmaps on the router"
"$OHN_LAB_SH" natpmpc -a 45500 45500 tcp 600 >/dev/null 2>&1 || ohn_fail "natpmpc -a failed"
expect_forward "TCP 45500->10.77.0.2:45500" yes "natpmpc's mapping is on the router"
"$OHN_LAB_SH" natpmpc -a 45500 45500 tcp 0 >/dev/null 2>&1 || ohn_fail "natpmpc delete failed"
expect_forward "TCP 45500->" no "natpmpc's mapping is gone"

ohn_note "hnetmap of both architectures"
for arch in x86_64 i686; do
    out=$(ohn_hnetmap_of $arch upnp status)
    expect "$out" "^protocol PCP" "$arch: hnetmap upnp status says PCP"
    expect "$out" "^external 1.2.3.4" "$arch: and the external address"
done
out=$(ohn_hnetmap_of x86_64 upnp add udp 45510 45510 10.77.0.2 "pcp tools")
expect "$out" "added UDP 45510 -> 10.77.0.2:45510 on the gateway" "x86_64: hnetmap upnp add"
expect_forward "UDP 45510->10.77.0.2:45510" yes "the mapping is on the router"
out=$(ohn_hnetmap_of i686 upnp list)
expect "$out" 'UDP 45510 -> 10.77.0.2:45510  enabled  "pcp tools"' "i686: hnetmap upnp list shows it, from the records"
out=$(ohn_hnetmap_of i686 upnp remove udp 45510)
expect "$out" "removed UDP 45510" "i686: hnetmap upnp remove"
expect_forward "UDP 45510->" no "the mapping left the router (the other architecture had its nonce)"
out=$(ohn_hnetmap_of x86_64 upnp list)
if printf '%s\n' "$out" | grep -q 45510; then ohn_fail "still listed: $out"; else ohn_say "ok: no longer listed"; fi

ohn_note "an ICS mapping of the public connection, realised by a short script"
ohn_wipe_store
ohn_run_script ics_exit.js add
expect_forward "TCP 45720->10.77.0.2:8088" yes "the ICS mapping is on the router after the script exited"
out=$(ohn_hnetmap_of "$OHN_ARCH" upnp sync)
expect "$out" "the gateway has the enabled ICS mappings of the public connection" "hnetmap upnp sync"
expect_forward "TCP 45720->10.77.0.2:8088" yes "the ICS mapping is still on the router after hnetmap upnp sync"
ohn_run_script ics_exit.js remove
expect_forward "TCP 45720->" no "it left the router with the second script"
ohn_wipe_store

ohn_note "an RTC session without a port manager"
ohn_hnetmap_of "$OHN_ARCH" session sip:bob@192.0.2.7 --video --hold 4 >"$WINEPREFIX/pcp-session.out" 2>&1 &
pid=$!
held=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
    sleep 0.5
    held=$(forwards | grep -c '^UDP .*->10.77.0.2:')
    [ "$held" -eq 4 ] && break
done
if [ "$held" -eq 4 ]; then ohn_say "ok: the session's four UDP ports are on the router"; else ohn_fail "$held of the session's ports on the router"; fi
wait "$pid"
rc=$?
text=$(cat "$WINEPREFIX/pcp-session.out")
printf '%s\n' "$text" | sed 's/^/    /'
[ "$rc" -eq 0 ] && ohn_say "ok: hnetmap session exited 0" || ohn_fail "hnetmap session exited $rc"
expect "$text" "from the gateway" "its mappings came from the gateway"
expect_forward "^UDP " no "they left the router with the session"

"$OHN_LAB_SH" mode upnp
"$OHN_LAB_SH" router-restart
ohn_forget_gateway
ohn_finish
