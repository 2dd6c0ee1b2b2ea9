#!/bin/sh
# The gateway one architecture found is the other's: a process of one architecture discovers
# the router and remembers it; then the router stops answering SSDP, so a process of the other
# architecture reaches the router only through what was remembered (one request to validate it).
# Both ways round, and first the control: with nothing remembered and SSDP blocked, nothing is
# found (so the test can tell). Then the realisation records: an ICS mapping of the public
# connection that one architecture realised on the router is taken off it, and put back, by
# the other (only a mapping this DLL owns is ever touched, so the other must read the records). Run by ctest through in-lab.sh (the lab's client namespace and
# prefix, both architectures registered by lab-up.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

remembered() {
    ohn_reg query 'HKLM\Software\open-hnetcfg\UPnP' /v Remembered /reg:64 >/dev/null 2>&1
}

"$OHN_LAB_SH" unblock
"$OHN_LAB_SH" router-start

ohn_note "control: nothing remembered and SSDP blocked: no gateway"
ohn_forget_gateway
"$OHN_LAB_SH" block ssdp
out=$(ohn_hnetmap_of x86_64 upnp list)
case "$out" in
    *"no UPnP gateway answers"*) ohn_say "ok: nothing found: $out" ;;
    *) ohn_fail "a gateway was found with SSDP blocked and nothing remembered: $out" ;;
esac
"$OHN_LAB_SH" unblock

for finder in x86_64 i686; do
    case "$finder" in x86_64) user=i686 ;; *) user=x86_64 ;; esac
    ohn_note "$finder finds the router, $user uses what it remembered"
    ohn_forget_gateway
    out=$(ohn_hnetmap_of "$finder" upnp status)
    if remembered; then ohn_say "ok: the $finder process remembered the gateway"; else ohn_fail "$finder remembered nothing: $out"; fi
    "$OHN_LAB_SH" block ssdp
    out=$(ohn_hnetmap_of "$user" upnp add tcp 45731 80 10.77.0.2 "remembered by $finder")
    rc=$?
    if "$OHN_LAB_SH" upnpc -l 2>/dev/null | grep -q "TCP 45731->10.77.0.2:80"; then
        ohn_say "ok: the $user process mapped a port on the gateway $finder remembered"
    else
        ohn_fail "the $user process did not reach the remembered gateway ($rc): $out"
    fi
    ohn_hnetmap_of "$user" upnp remove tcp 45731 >/dev/null
    "$OHN_LAB_SH" unblock
done
on_router() { "$OHN_LAB_SH" upnpc -l 2>/dev/null | grep -q "UDP 45740->10.77.0.2:5000"; }
expect_router() {
    if on_router; then r=yes; else r=no; fi
    if [ "$r" = "$1" ]; then ohn_say "ok: $2"; else ohn_fail "$2: on the router: $r"; fi
}

ohn_note "realisation records: one architecture realises, the other takes it off and back"
ohn_hnetmap_of x86_64 share eth0 public >/dev/null || ohn_fail "share eth0 public"
out=$(ohn_hnetmap_of i686 add eth0 "across" udp 45740 5000 10.77.0.2 --enable)
expect_router yes "the i686 process's enabled ICS mapping is on the router"
ohn_hnetmap_of x86_64 disable eth0 udp 45740 >/dev/null
expect_router no "the x86_64 process took the i686 one's mapping off the router"
ohn_hnetmap_of x86_64 enable eth0 udp 45740 >/dev/null
expect_router yes "the x86_64 process put it back"
ohn_hnetmap_of i686 remove eth0 udp 45740 >/dev/null
expect_router no "the i686 process removed what the x86_64 one realised"
ohn_hnetmap_of x86_64 unshare eth0 >/dev/null
ohn_finish
