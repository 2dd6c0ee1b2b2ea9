#!/usr/bin/env python3
"""A small PCP (RFC 6887) and NAT-PMP (RFC 6886) server for the router lab, for what miniupnpd
will not do: run in the router's namespace as 10.77.0.1:5351 (lab.sh pcpfake ARGS).

  --natpmp-only        answers PCP requests with NAT-PMP's UNSUPP_VERSION (a NAT-PMP gateway)
  --result N           answers every mapping request with result code N
  --lifetime S         grants at most S seconds
  --reset-after K      after K mapping requests, loses its state: epoch back to 0, mappings
                       forgotten (a reboot); with --announce it multicasts an ANNOUNCE then
  --noise              sends a truncated and a garbage datagram before every answer
  --garbage            sends only garbage
  --other-address      answers from 10.77.9.1 instead of 10.77.0.1
  --silent             never answers

Every request is logged as a JSON line to DIR/pcpfake.requests before it is answered (a client
that has its answer finds the request in the log); DIR/pcpfake.ready is written
once the socket is bound. Like miniupnpd, a mapping is the client's (address, protocol,
internal port), and a PCP request for it with another nonce is NOT_AUTHORIZED.
"""
import argparse
import json
import os
import socket
import struct
import time

EXTERNAL = bytes([1, 2, 3, 4])


def mapped(v4):
    return b"\0" * 10 + b"\xff\xff" + v4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--natpmp-only", action="store_true")
    ap.add_argument("--result", type=int, default=0)
    ap.add_argument("--lifetime", type=int, default=86400)
    ap.add_argument("--reset-after", type=int, default=0)
    ap.add_argument("--announce", action="store_true")
    ap.add_argument("--noise", action="store_true")
    ap.add_argument("--garbage", action="store_true")
    ap.add_argument("--other-address", action="store_true")
    ap.add_argument("--silent", action="store_true")
    a = ap.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("10.77.0.1", 5351))
    out = sock
    if a.other_address:
        out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        out.bind(("10.77.9.1", 5351))
    log = open(os.path.join(a.dir, "pcpfake.requests"), "a", buffering=1)
    open(os.path.join(a.dir, "pcpfake.ready"), "w").close()

    # Up for a while already: a reset to 0 is plainly one (RFC 6887 §8.5 allows a second or two).
    start = time.monotonic() - 1000
    maps = {}  # (client, protocol, internal port) -> [nonce, external port, expiry]
    map_requests = 0

    def epoch():
        return int(time.monotonic() - start)

    # What a request makes the server send goes out only after the request is logged: a client
    # that reads the log once it has its answer finds the request there.
    outgoing = []

    def send(data, peer):
        if a.silent:
            return
        if a.garbage:
            outgoing.append((out, os.urandom(len(data)), peer))
            return
        if a.noise:
            outgoing.append((out, data[: len(data) // 2], peer))
            outgoing.append((out, os.urandom(len(data)), peer))
        outgoing.append((out, data, peer))

    def lose_state():
        nonlocal start
        maps.clear()
        start = time.monotonic()
        if a.announce:
            ann = bytes([2, 0x80, 0, 0]) + struct.pack(">II", 0, 0) + b"\0" * 12
            # From the server's own address and port, as the client checks.
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("10.77.0.1"))
            outgoing.append((sock, ann, ("224.0.0.1", 5350)))

    while True:
        data, peer = sock.recvfrom(2048)
        client = peer[0]
        entry = {"from": client, "len": len(data), "version": data[0] if data else None}
        if len(data) >= 2 and data[0] == 0:
            op = data[1]
            entry["opcode"] = op
            if op == 0 and len(data) == 2:
                send(struct.pack(">BBHI", 0, 128, 0, epoch()) + EXTERNAL, peer)
            elif op in (1, 2) and len(data) == 12:
                map_requests += 1
                _, _, _, internal, suggested, lifetime = struct.unpack(">BBHHHI", data)
                entry.update(internal_port=internal, external_port=suggested, lifetime=lifetime)
                proto = 17 if op == 1 else 6
                key = (client, proto, internal)
                result = a.result
                granted = min(lifetime, a.lifetime)
                ext = 0
                if not result:
                    if lifetime == 0:
                        maps.pop(key, None)
                        granted = 0
                    else:
                        ext = suggested or internal
                        maps[key] = [None, ext, time.monotonic() + granted]
                send(struct.pack(">BBHIHHI", 0, 128 + op, result, epoch(), internal, ext, granted), peer)
                if a.reset_after and map_requests == a.reset_after:
                    lose_state()
            else:
                send(struct.pack(">BBHI", 0, 128 + (op & 127), 5, epoch()), peer)
        elif len(data) >= 24 and data[0] == 2:
            op = data[1] & 127
            entry["opcode"] = op
            if a.natpmp_only:
                send(struct.pack(">BBHI", 0, 128 + op, 1, epoch()), peer)
            elif op == 0:
                send(bytes([2, 0x80, 0, 0]) + struct.pack(">II", 0, epoch()) + b"\0" * 12, peer)
            elif op == 1 and len(data) >= 60:
                map_requests += 1
                lifetime = struct.unpack(">I", data[4:8])[0]
                nonce = data[24:36]
                proto = data[36]
                internal, suggested = struct.unpack(">HH", data[40:44])
                entry.update(nonce=nonce.hex(), protocol=proto, internal_port=internal, external_port=suggested,
                             lifetime=lifetime)
                key = (client, proto, internal)
                result = a.result
                granted = min(lifetime, a.lifetime)
                ext = suggested
                if not result and key in maps and maps[key][0] != nonce:
                    result = 2  # NOT_AUTHORIZED: another nonce
                if not result:
                    if lifetime == 0:
                        maps.pop(key, None)
                    else:
                        ext = suggested or internal
                        maps[key] = [nonce, ext, time.monotonic() + granted]
                if result:
                    granted = 30
                body = nonce + bytes([proto, 0, 0, 0]) + struct.pack(">HH", internal, ext) + mapped(EXTERNAL)
                send(bytes([2, 0x81, 0, result]) + struct.pack(">II", granted, epoch()) + b"\0" * 12 + body, peer)
                if a.reset_after and map_requests == a.reset_after:
                    lose_state()
            else:
                send(bytes([2, 0x80 | op, 0, 4]) + struct.pack(">II", 0, epoch()) + b"\0" * 12, peer)
        log.write(json.dumps(entry) + "\n")
        for via, data, to in outgoing:
            via.sendto(data, to)
        outgoing.clear()


if __name__ == "__main__":
    main()
