#!/usr/bin/env python3
"""The router's own cost, from a native client: N PCP MAPs or N UPnP AddPortMappings (each on a
new connection, as miniupnpc makes them) to the lab's miniupnpd, one by one, then their
deletions. Prints "router_add_median_ms X". Run by scripts/bench-pcp.sh in the lab's client
namespace, with the router in the matching mode.

  router_cost.py pcp|upnp N
"""
import os
import re
import socket
import struct
import sys
import time
import urllib.request

ROUTER = "10.77.0.1"
CLIENT = "10.77.0.2"
MAPPED_CLIENT = b"\0" * 10 + b"\xff\xff" + socket.inet_aton(CLIENT)
ANY = b"\0" * 10 + b"\xff\xff" + b"\0" * 4


def pcp(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((CLIENT, 0))
    s.settimeout(2)
    times, nonces = [], []
    for i in range(n):
        port = 48000 + i
        nonce = os.urandom(12)
        nonces.append(nonce)
        req = bytes([2, 1, 0, 0]) + struct.pack(">I", 0x7FFFFFFF) + MAPPED_CLIENT + nonce + bytes([6, 0, 0, 0])
        req += struct.pack(">HH", port, port) + ANY
        t = time.perf_counter()
        s.sendto(req, (ROUTER, 5351))
        data, _ = s.recvfrom(2048)
        times.append((time.perf_counter() - t) * 1000)
        if data[3] != 0:
            sys.exit("PCP MAP refused: %d" % data[3])
    for i, nonce in enumerate(nonces):
        port = 48000 + i
        req = bytes([2, 1, 0, 0]) + struct.pack(">I", 0) + MAPPED_CLIENT + nonce + bytes([6, 0, 0, 0])
        s.sendto(req + struct.pack(">HH", port, port) + ANY, (ROUTER, 5351))
        s.recvfrom(2048)
    return times


def soap(control, service, action, args):
    body = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
            's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><u:%s xmlns:u="%s">%s</u:%s>'
            '</s:Body></s:Envelope>' % (action, service, args, action)).encode()
    head = ('POST %s HTTP/1.1\r\nHost: %s:5431\r\nContent-Type: text/xml; charset="utf-8"\r\n'
            'SOAPAction: "%s#%s"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n'
            % (control, ROUTER, service, action, len(body))).encode()
    c = socket.create_connection((ROUTER, 5431))
    c.sendall(head + body)
    data = b""
    while True:
        d = c.recv(4096)
        if not d:
            break
        data += d
    c.close()
    if b" 200 OK" not in data.split(b"\r\n")[0]:
        sys.exit("UPnP %s refused: %r" % (action, data[:100]))


def upnp(n):
    desc = urllib.request.urlopen("http://%s:5431/rootDesc.xml" % ROUTER).read().decode()
    m = re.search(r"<serviceType>(urn:schemas-upnp-org:service:WANIPConnection:\d)</serviceType>.*?"
                  r"<controlURL>([^<]+)</controlURL>", desc, re.S)
    service, control = m.group(1), m.group(2)
    times = []
    for i in range(n):
        port = 48000 + i
        args = ("<NewRemoteHost></NewRemoteHost><NewExternalPort>%d</NewExternalPort><NewProtocol>TCP</NewProtocol>"
                "<NewInternalPort>%d</NewInternalPort><NewInternalClient>%s</NewInternalClient><NewEnabled>1"
                "</NewEnabled><NewPortMappingDescription>bench</NewPortMappingDescription><NewLeaseDuration>0"
                "</NewLeaseDuration>" % (port, port, CLIENT))
        t = time.perf_counter()
        soap(control, service, "AddPortMapping", args)
        times.append((time.perf_counter() - t) * 1000)
    for i in range(n):
        soap(control, service, "DeletePortMapping",
             "<NewRemoteHost></NewRemoteHost><NewExternalPort>%d</NewExternalPort><NewProtocol>TCP</NewProtocol>"
             % (48000 + i))
    return times


def main():
    times = sorted((pcp if sys.argv[1] == "pcp" else upnp)(int(sys.argv[2])))
    print("router_add_median_ms %.3f" % times[len(times) // 2])


if __name__ == "__main__":
    main()
