#!/usr/bin/env python3
# A small fake UPnP device for what miniupnpd will not do, run by `lab.sh fake ARGS` as the LAN
# host 10.77.0.3 (namespace <lab>-fake). It answers SSDP searches and serves descriptions and
# SOAP, misbehaving as told:
#
#   --ssdp tv          a root device that is not a gateway (a MediaRenderer), answering at once
#   --ssdp igd         itself, as an Internet gateway (with --soap below)
#   --ssdp malformed   answers that are not answers: no LOCATION, a bad status, a huge datagram,
#                      a LOCATION with a host name, a NUL in a header
#   --ssdp elsewhere   a LOCATION on another host (the real router's own URL): must be refused
#   --ssdp slow-desc   a gateway whose description trickles in, one byte a second
#   --ssdp bad-desc    a gateway whose description is not XML at all
#   --soap ok | only-permanent (error 725 for any lease but 0) | no-permanent (error 402 for
#          lease 0) | hang (accepts, never answers) | huge (an answer without end) | garbage
#   --service 1|2      WANIPConnection version (default 1)
#   --external ADDR    the external address it reports (default 198.51.100.7)
#
# Every request it gets is logged on stdout (lab.sh sends it to <lab dir>/fake.log), e.g.
# "SOAP AddPortMapping NewLeaseDuration=0 ...".
import argparse
import http.server
import os
import re
import socket
import socketserver
import struct
import sys
import threading
import time

ME = "10.77.0.3"
HTTP_PORT = 49000

p = argparse.ArgumentParser()
p.add_argument("--dir", required=True)
p.add_argument("--ssdp", default="tv")
p.add_argument("--soap", default="ok")
p.add_argument("--service", default="1")
p.add_argument("--external", default="198.51.100.7")
args = p.parse_args()

SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:" + args.service
table = {}  # (proto, port) -> dict
lock = threading.Lock()


def log(*words):
    print(*words, flush=True)


TV_DESC = """<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>
<device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>Living room TV</friendlyName>
<UDN>uuid:11111111-2222-3333-4444-555555555555</UDN><serviceList><service>
<serviceType>urn:schemas-upnp-org:service:RenderingControl:1</serviceType>
<serviceId>urn:upnp-org:serviceId:RenderingControl</serviceId><controlURL>/rc</controlURL>
<eventSubURL>/rce</eventSubURL><SCPDURL>/rc.xml</SCPDURL></service></serviceList></device></root>
"""

IGD_DESC = """<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>
<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><friendlyName>Fake gateway</friendlyName>
<UDN>uuid:66666666-7777-8888-9999-000000000000</UDN><deviceList><device>
<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><UDN>uuid:66666666-7777-8888-9999-000000000001</UDN>
<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
<UDN>uuid:66666666-7777-8888-9999-000000000002</UDN><serviceList><service>
<serviceType>%s</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>
<controlURL>/ctl</controlURL><eventSubURL>/evt</eventSubURL><SCPDURL>/scpd.xml</SCPDURL>
</service></serviceList></device></deviceList></device></deviceList></device></root>
""" % SERVICE


def ssdp_answers(st):
    location = "http://%s:%d/%s" % (ME, HTTP_PORT, {"tv": "tv.xml", "slow-desc": "slow.xml",
                                                     "bad-desc": "bad.xml"}.get(args.ssdp, "igd.xml"))
    head = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nEXT:\r\nSERVER: fake/1 UPnP/1.1 fake/1\r\n"
    if args.ssdp == "malformed":
        return [
            (head + "ST: %s\r\nUSN: uuid:bad1\r\n\r\n" % st).encode(),
            ("HTTP/1.1 500 Oops\r\nST: %s\r\nLOCATION: http://%s:%d/igd.xml\r\n\r\n" % (st, ME, HTTP_PORT)).encode(),
            (head + "ST: %s\r\nLOCATION: http://%s:%d/igd.xml\r\nX-PAD: %s\r\n\r\n" % (st, ME, HTTP_PORT, "x" * 1600)).encode(),
            (head + "ST: %s\r\nLOCATION: http://router.invalid:%d/igd.xml\r\n\r\n" % (st, HTTP_PORT)).encode(),
            (head + "ST: %s\r\nLOCATION: http://%s:%d/igd\0.xml\r\n\r\n" % (st, ME, HTTP_PORT)).encode(),
        ]
    if args.ssdp == "elsewhere":
        location = "http://10.77.0.1:5431/rootDesc.xml"
    return [(head + "ST: %s\r\nUSN: uuid:66666666-7777-8888-9999-000000000000::%s\r\nLOCATION: %s\r\n\r\n"
             % (st, st, location)).encode()]


def ssdp_loop():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", 1900))
    mreq = struct.pack("4s4s", socket.inet_aton("239.255.255.250"), socket.inet_aton(ME))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    while True:
        data, sender = s.recvfrom(4096)
        text = data.decode("latin-1")
        if not text.startswith("M-SEARCH"):
            continue
        m = re.search(r"^ST:\s*(.+?)\r?$", text, re.M | re.I)
        st = m.group(1).strip() if m else "ssdp:all"
        log("SSDP", sender[0], st)
        for answer in ssdp_answers(st):
            s.sendto(answer, sender)


def envelope(body):
    return ('<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
            's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>%s</s:Body></s:Envelope>\r\n' % body)


def fault(code, text):
    return 500, envelope('<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>'
                         '<UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>%d</errorCode>'
                         '<errorDescription>%s</errorDescription></UPnPError></detail></s:Fault>' % (code, text))


def ok(action, values=""):
    return 200, envelope('<u:%sResponse xmlns:u="%s">%s</u:%sResponse>' % (action, SERVICE, values, action))


def soap(action, a):
    key = (a.get("NewProtocol", ""), a.get("NewExternalPort", ""))
    if action == "GetStatusInfo":
        return ok(action, "<NewConnectionStatus>Connected</NewConnectionStatus><NewLastConnectionError>ERROR_NONE"
                          "</NewLastConnectionError><NewUptime>100</NewUptime>")
    if action == "GetExternalIPAddress":
        return ok(action, "<NewExternalIPAddress>%s</NewExternalIPAddress>" % args.external)
    if action == "AddPortMapping":
        lease = a.get("NewLeaseDuration", "0")
        if args.soap == "only-permanent" and lease != "0":
            return fault(725, "OnlyPermanentLeasesSupported")
        if args.soap == "no-permanent" and lease == "0":
            return fault(402, "Invalid Args")
        with lock:
            table[key] = dict(a)
        return ok(action)
    if action == "DeletePortMapping":
        with lock:
            if key not in table:
                return fault(714, "NoSuchEntryInArray")
            del table[key]
        return ok(action)
    if action == "GetSpecificPortMappingEntry":
        with lock:
            e = table.get(key)
        if not e:
            return fault(714, "NoSuchEntryInArray")
        return ok(action, "".join("<%s>%s</%s>" % (n, e.get(n, ""), n) for n in
                                  ("NewInternalPort", "NewInternalClient", "NewEnabled", "NewPortMappingDescription",
                                   "NewLeaseDuration")))
    if action == "GetGenericPortMappingEntry":
        with lock:
            entries = list(table.values())
        i = int(a.get("NewPortMappingIndex", "0"))
        if i >= len(entries):
            return fault(713, "SpecifiedArrayIndexInvalid")
        e = entries[i]
        return ok(action, "".join("<%s>%s</%s>" % (n, e.get(n, ""), n) for n in
                                  ("NewRemoteHost", "NewExternalPort", "NewProtocol", "NewInternalPort",
                                   "NewInternalClient", "NewEnabled", "NewPortMappingDescription",
                                   "NewLeaseDuration")))
    return fault(401, "Invalid Action")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="text/xml"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        log("GET", self.path)
        if self.path == "/tv.xml":
            self.send(200, TV_DESC)
        elif self.path == "/igd.xml":
            self.send(200, IGD_DESC)
        elif self.path == "/bad.xml":
            self.send(200, "\x00<root><device><serviceList><service><<<controlURL>/ctl" + "\xff" * 300)
        elif self.path == "/slow.xml":
            data = IGD_DESC.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for b in data:
                    self.wfile.write(bytes([b]))
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        else:
            self.send(404, "")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        action = (self.headers.get("SOAPAction", "").strip('"').split("#") + [""])[1]
        a = dict(re.findall(r"<(New\w+)>(.*?)</\1>", body, re.S))
        log("SOAP", action, " ".join("%s=%s" % kv for kv in sorted(a.items())))
        if args.soap == "hang" and action not in ("GetStatusInfo", "GetExternalIPAddress"):
            time.sleep(3600)
            return
        if args.soap == "huge" and action not in ("GetStatusInfo", "GetExternalIPAddress"):
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            try:
                chunk = b"<x>" + b"A" * 65536 + b"</x>"
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if args.soap == "garbage" and action not in ("GetStatusInfo", "GetExternalIPAddress"):
            self.send(200, "\x00\x01 not xml at all <<<<")
            return
        code, text = soap(action, a)
        self.send(code, text)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def server_bind(self):
        # HTTPServer's own asks DNS for the host's name: there is no DNS in the lab.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = ME, HTTP_PORT


server = Server((ME, HTTP_PORT), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Thread(target=ssdp_loop, daemon=True).start()
with open(os.path.join(args.dir, "fake.ready"), "w") as f:
    f.write("ready\n")
log("fake ready:", " ".join(sys.argv[1:]))
while True:
    time.sleep(3600)
