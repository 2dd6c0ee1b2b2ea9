#!/bin/sh
# A UPnP router lab in network namespaces of its own (as root). Nothing is created in the host
# namespace: every process that may speak SSDP or UPnP (miniupnpd, upnpc, the fakes, Wine and
# the DLL) runs inside these namespaces.
#
#   lab.sh up                      namespaces, links, nftables, a Wine prefix whose wineserver
#                                  runs in the client namespace; then router-start
#   lab.sh down                    stops everything it started (by PID) and deletes it all
#   lab.sh router-start [--fresh]  miniupnpd in the router namespace (--fresh: no lease file)
#   lab.sh router-stop             stops it (its lease file stays)
#   lab.sh router-restart [--forget]  stop and start; --forget deletes the lease file first,
#                                  as a router that reboots and remembers nothing
#   lab.sh mode upnp|pcp           what the router speaks from its next start: UPnP (the
#                                  default), or NAT-PMP and PCP with UPnP off
#   lab.sh permit lan|any          which internal clients the router maps to from its next start:
#                                  the LAN's (the default), or any address (Wine's conformance
#                                  test maps to 1.2.3.4)
#   lab.sh forwards                the router's port forwards (its nftables chain), one per line
#                                  as "PROTO EXT->CLIENT:INT": UPnP cannot be asked in pcp mode
#   lab.sh natpmpc ARGS...         natpmpc (a second NAT-PMP client) in the client namespace
#   lab.sh pcpfake ARGS...         starts tests/upnp/fake_pcp.py as the router's PCP/NAT-PMP
#                                  server (10.77.0.1:5351; the router must not serve NAT-PMP
#                                  then), in the background; `lab.sh pcpfake-stop` stops it
#   lab.sh client CMD...           runs CMD in the client namespace with the lab's WINEPREFIX
#   lab.sh upnpc ARGS...           upnpc in the client namespace (e.g. -l)
#   lab.sh fake ARGS...            starts tests/upnp/fake_igd.py as the LAN device
#                                  10.77.0.3, in the background; `lab.sh fake-stop` stops it
#   lab.sh block ssdp|soap|pcp     the router stops answering SSDP (drops it), drops every
#                                  packet to its HTTP/SOAP port (a gateway that hangs), or to
#                                  its PCP/NAT-PMP port;
#   lab.sh unblock                 `unblock` lifts both
#   lab.sh http-count reset|show   counts connections and requests to the router's SOAP port
#                                  from `reset` on; `show` prints them
#   lab.sh env                     prints the lab's variables as shell assignments
#
# The client namespace resolves the name "lanbox" to 10.77.0.9 (a LAN host) and "farbox" to
# 192.0.2.50 (not on the LAN), through /etc/netns/<client namespace>/hosts, which `ip netns
# exec` puts in place of /etc/hosts for the lab's processes.
#
# Addresses: client 10.77.0.2 (eth0, default route via the router's br0 10.77.0.1); a fake
# device 10.77.0.3 on the same LAN (namespace <lab>-fake); router WAN ext0 203.0.113.2 to the
# "internet" namespace (up0 203.0.113.1). miniupnpd reports the external address 1.2.3.4 (it
# refuses to start with a private one).
#
# OHN_LAB names the lab (default: lab-<namespace of the caller>, or lab-$$); its state is in
# ${OHN_LAB_DIR:-/tmp/ohn-$OHN_LAB}.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/wine-env.sh"
lab="${OHN_LAB:-lab-${HNETCFG_NETNS:-$$}}"
dir="${OHN_LAB_DIR:-/tmp/ohn-$lab}"
igd="$lab-igd"
lan="$lab-lan"
wan="$lab-wan"
fakens="$lab-fake"
prefix="$dir/prefix"

export WINEPREFIX="$prefix"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

# A fixed UUID per lab: a restarted router is the same device.
router_uuid() {
    printf '6d3f1a0e-0b1c-4d2a-9e4f-%012x' "$(printf '%s' "$lab" | cksum | cut -d' ' -f1)"
}

router_pid() { cat "$dir/miniupnpd.pid" 2>/dev/null || true; }

router_running() {
    pid=$(router_pid)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

router_mode() { cat "$dir/mode" 2>/dev/null || echo upnp; }

router_start() {
    fresh=""
    [ "${1:-}" = "--fresh" ] && fresh=1
    router_running && return 0
    [ -z "$fresh" ] || rm -f "$dir/leases"
    # In pcp mode the epoch counts from the daemon's start (system_uptime=no): a restart is a
    # reboot to its clients.
    if [ "$(router_mode)" = pcp ]; then upnp=no natpmp=yes uptime=no; else upnp=yes natpmp=no uptime=yes; fi
    cat > "$dir/miniupnpd.conf" <<EOF
ext_ifname=ext0
listening_ip=br0
port=5431
uuid=$(router_uuid)
enable_upnp=$upnp
enable_natpmp=$natpmp
secure_mode=no
system_uptime=$uptime
notify_interval=60
clean_ruleset_interval=600
ext_ip=${OHN_LAB_EXT_IP:-1.2.3.4}
lease_file=$dir/leases
friendly_name=open-hnetcfg lab router
allow 1024-65535 $(if [ "$(cat "$dir/permit" 2>/dev/null)" = any ]; then echo 0.0.0.0/0; else echo 10.77.0.0/24; fi) 1-65535
deny 0-65535 0.0.0.0/0 0-65535
EOF
    ip netns exec "$igd" miniupnpd -f "$dir/miniupnpd.conf" -P "$dir/miniupnpd.pid" >"$dir/miniupnpd.log" 2>&1
    i=0
    while [ $i -lt 50 ]; do
        if [ "$upnp" = yes ]; then
            router_running && ip netns exec "$igd" sh -c "ss -ltn 2>/dev/null | grep -q ':5431 '" && return 0
        else
            router_running && ip netns exec "$igd" sh -c "ss -lun 2>/dev/null | grep -q '10.77.0.1:5351 '" && return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "lab: miniupnpd did not start; its log:" >&2
    cat "$dir/miniupnpd.log" >&2
    return 1
}

# Stops the process of a pid file (ours: started by this script) and waits for it to end.
stop_pidfile() {
    pid=$(cat "$1" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    fi
    rm -f "$1"
}

# miniupnpd removes its rules on a clean exit; the lease file is what it restores from.
router_stop() {
    stop_pidfile "$dir/miniupnpd.pid"
}

fake_stop() {
    stop_pidfile "$dir/fake.pid"
}

pcpfake_stop() {
    stop_pidfile "$dir/pcpfake.pid"
}

# start_fake NAMESPACE SCRIPT NAME ARGS...: runs tests/upnp/SCRIPT there in the background (its
# pid in $dir/NAME.pid, its output in $dir/NAME.log) and waits until it says it is ready
# ($dir/NAME.ready).
start_fake() {
    ns="$1" script="$2" name="$3"
    shift 3
    ip netns exec "$ns" python3 "$here/$script" --dir "$dir" "$@" >"$dir/$name.log" 2>&1 &
    echo $! > "$dir/$name.pid"
    i=0
    while [ ! -f "$dir/$name.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    rm -f "$dir/$name.ready"
}

# The router's forwards as "PROTO EXT->CLIENT:INT" (from miniupnpd's rules such as
# 'iif "ext0" @nh,72,8 0x6 th dport 45000 dnat ip to 10.77.0.2:8080', 0x6 TCP, 0x11 UDP).
forwards() {
    ip netns exec "$igd" nft list chain inet filter prerouting_miniupnpd |
        sed -n -e 's/.* 0x6 th dport \([0-9]*\) .*dnat ip to \([0-9.]*\):\([0-9]*\).*/TCP \1->\2:\3/p' \
            -e 's/.* 0x11 th dport \([0-9]*\) .*dnat ip to \([0-9.]*\):\([0-9]*\).*/UDP \1->\2:\3/p'
}

up() {
    down_quiet
    mkdir -p "$dir"
    for ns in "$igd" "$lan" "$wan" "$fakens"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
    # LAN: the router's bridge br0 (10.77.0.1) joins the client's and the fake device's links.
    # LAN to LAN traffic is accepted below: with br_netfilter loaded on the host, bridged
    # packets go through the forward hook too.
    ip -n "$igd" link add br0 type bridge
    ip -n "$igd" link add c0 type veth peer name eth0 netns "$lan"
    ip -n "$igd" link set c0 master br0
    ip -n "$igd" link add f0 type veth peer name eth0 netns "$fakens"
    ip -n "$igd" link set f0 master br0
    ip -n "$igd" addr add 10.77.0.1/24 dev br0
    for l in br0 c0 f0; do ip -n "$igd" link set "$l" up; done
    ip -n "$lan" addr add 10.77.0.2/24 dev eth0
    ip -n "$lan" link set eth0 up
    ip -n "$lan" route add default via 10.77.0.1
    ip -n "$fakens" addr add 10.77.0.3/24 dev eth0
    ip -n "$fakens" link set eth0 up
    ip -n "$fakens" route add default via 10.77.0.1
    # WAN
    ip -n "$igd" link add ext0 type veth peer name up0 netns "$wan"
    ip -n "$igd" addr add 203.0.113.2/24 dev ext0
    ip -n "$igd" link set ext0 up
    ip -n "$wan" addr add 203.0.113.1/24 dev up0
    ip -n "$wan" link set up0 up
    ip -n "$igd" route add default via 203.0.113.1
    ip netns exec "$igd" sysctl -q -w net.ipv4.ip_forward=1
    ip netns exec "$igd" nft -f - <<'EOF'
table inet filter {
    chain miniupnpd {
    }
    chain prerouting_miniupnpd {
    }
    chain postrouting_miniupnpd {
    }
    chain forward {
        type filter hook forward priority 0; policy drop;
        iifname "br0" oifname "br0" accept
        jump miniupnpd
    }
    chain prerouting {
        type nat hook prerouting priority -100; policy accept;
        jump prerouting_miniupnpd
    }
    chain postrouting {
        type nat hook postrouting priority 100; policy accept;
        jump postrouting_miniupnpd
    }
}
EOF
    mkdir -p "/etc/netns/$lan"
    # The host's own name too, as in Debian's /etc/hosts: wineboot looks it up at every start of
    # the prefix's wineserver, and the lab's resolver answers nothing (10 s each time).
    printf '127.0.0.1 localhost\n127.0.1.1 %s\n10.77.0.9 lanbox\n192.0.2.50 farbox\n' "$(hostname)" > "/etc/netns/$lan/hosts"
    # The prefix's wineserver must live in the client namespace: its first process starts there.
    rm -rf "$prefix"
    ip netns exec "$lan" "$OHN_WINE64" wineboot -i >/dev/null 2>&1
    router_start --fresh
    echo "lab: $lab up (client namespace $lan, prefix $prefix)"
}

down_quiet() {
    fake_stop
    pcpfake_stop
    router_stop
    if ns_exists "$lan"; then
        ip netns exec "$lan" env WINEPREFIX="$prefix" "$OHN_WINESERVER" -k >/dev/null 2>&1 || true
    fi
    for ns in "$igd" "$lan" "$wan" "$fakens"; do
        if ns_exists "$ns"; then ip netns del "$ns"; fi
    done
    rm -rf "/etc/netns/$lan"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
    up) up ;;
    down) down_quiet; rm -rf "$dir"; echo "lab: $lab down" ;;
    router-start) router_start "$@" ;;
    router-stop) router_stop ;;
    router-restart)
        router_stop
        if [ "${1:-}" = "--forget" ]; then
            # As a router that reboots: no lease file, and no rules left in its firewall.
            rm -f "$dir/leases"
            for chain in miniupnpd prerouting_miniupnpd postrouting_miniupnpd; do
                ip netns exec "$igd" nft flush chain inet filter "$chain"
            done
        fi
        router_start
        ;;
    client) exec ip netns exec "$lan" "$@" ;;
    upnpc) exec ip netns exec "$lan" upnpc -u "http://10.77.0.1:5431/rootDesc.xml" "$@" ;;
    fake)
        fake_stop
        start_fake "$fakens" fake_igd.py fake "$@"
        ;;
    fake-stop) fake_stop ;;
    mode)
        case "${1:-}" in
            upnp | pcp) echo "$1" > "$dir/mode" ;;
            *) echo "lab: mode upnp|pcp" >&2; exit 2 ;;
        esac
        ;;
    forwards) forwards ;;
    natpmpc) exec ip netns exec "$lan" natpmpc -g 10.77.0.1 "$@" ;;
    permit)
        case "${1:-}" in
            lan | any) echo "$1" > "$dir/permit" ;;
            *) echo "lab: permit lan|any" >&2; exit 2 ;;
        esac
        ;;
    pcpfake)
        pcpfake_stop
        rm -f "$dir/pcpfake.ready" "$dir/pcpfake.requests"
        # "Another address" for answers that must be refused: the router's, but not 10.77.0.1.
        ip -n "$igd" addr replace 10.77.9.1/32 dev lo
        start_fake "$igd" fake_pcp.py pcpfake "$@"
        ;;
    pcpfake-stop) pcpfake_stop ;;
    block)
        ip netns exec "$igd" nft add table inet labblock
        ip netns exec "$igd" nft add chain inet labblock input '{ type filter hook input priority -10; policy accept; }'
        case "${1:-}" in
            ssdp) ip netns exec "$igd" nft add rule inet labblock input udp dport 1900 drop ;;
            soap) ip netns exec "$igd" nft add rule inet labblock input tcp dport 5431 drop ;;
            pcp) ip netns exec "$igd" nft add rule inet labblock input udp dport 5351 drop ;;
            *) echo "lab: block ssdp|soap|pcp" >&2; exit 2 ;;
        esac
        ;;
    unblock) ip netns exec "$igd" nft delete table inet labblock 2>/dev/null || true ;;
    http-count)
        # Counts what reaches the router's HTTP/SOAP port from `reset` on: connections (SYNs)
        # and request segments (PSH from the client: miniupnpc sends a request in one send).
        case "${1:-}" in
            reset)
                ip netns exec "$igd" nft delete table inet labcount 2>/dev/null || true
                ip netns exec "$igd" nft -f - <<'EOF'
table inet labcount {
    chain input {
        type filter hook input priority -20; policy accept;
        tcp dport 5431 tcp flags & (syn | ack) == syn counter
        tcp dport 5431 tcp flags & psh == psh counter
    }
}
EOF
                ;;
            show)
                ip netns exec "$igd" nft list chain inet labcount input |
                    awk '/counter packets/ { for (i = 1; i < NF; i++) if ($i == "packets") n[++k] = $(i + 1) }
                         END { printf "connections %d\nrequests %d\n", n[1], n[2] }'
                ;;
            *) echo "lab: http-count reset|show" >&2; exit 2 ;;
        esac
        ;;
    env) printf 'OHN_LAB=%s\nOHN_LAB_DIR=%s\nWINEPREFIX=%s\nOHN_LAB_CLIENT_NS=%s\n' "$lab" "$dir" "$prefix" "$lan" ;;
    *) echo "usage: $0 up|down|router-start [--fresh]|router-stop|router-restart [--forget]|client CMD|upnpc ARGS|fake ARGS|fake-stop|mode upnp|pcp|permit lan|any|forwards|natpmpc ARGS|pcpfake ARGS|pcpfake-stop|block ssdp|soap|pcp|unblock|http-count reset|show|env" >&2; exit 2 ;;
esac
