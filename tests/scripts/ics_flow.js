// The flow of Microsoft's JScript ICS sample, against HNetCfg.HNetShare under Wine's cscript:
// enumerate the connections, share one, enable its firewall, add / enable / enumerate / remove
// port mappings, then undo everything. Run by run-script.sh inside scripts/in-netns.sh, whose
// namespace has exactly two adapters, ohn0 and ohn1, besides loopback.
//
// Every value read is checked with ok(); the last line is "SUMMARY: <n> passed, <m> failed"
// (Wine's cscript reports an uncaught error by printing nothing, so the runner needs that line).

function errorText(e) {
    return hex(e.number) + (e.description ? " (" + e.description + ")" : "");
}

// fn must throw a COM error whose HRESULT is hr.
function throwsHr(fn, hr, msg) {
    try {
        fn();
    } catch (e) {
        ok((e.number >>> 0) === hr, msg + ": error " + errorText(e) + ", want " + hex(hr));
        return;
    }
    ok(false, msg + ": no error, want " + hex(hr));
}

var S_NCS_CONNECTED = 2, NCM_LAN = 3;
var NCCF_SHARED = 0x100, NCCF_SHARED_PRIVATE = 0x2000, NCCF_FIREWALLED = 0x400;
var ICSSHARINGTYPE_PUBLIC = 0, ICSSHARINGTYPE_PRIVATE = 1;
var ICSSC_DEFAULT = 0;
var ICSTT_NAME = 0, ICSTT_IPADDRESS = 1;
var NAT_PROTOCOL_TCP = 6, NAT_PROTOCOL_UDP = 17;
var E_INVALIDARG = 0x80070057;
var E_ALREADY_EXISTS = 0x80071392; // HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS)
var GUID_RE = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

// The mappings this script adds: (protocol, external port).
var OURS = [[NAT_PROTOCOL_TCP, 555], [NAT_PROTOCOL_UDP, 555], [NAT_PROTOCOL_TCP, 556]];

function isOurs(props) {
    for (var i = 0; i < OURS.length; i++)
        if (props.IPProtocol == OURS[i][0] && props.ExternalPort == OURS[i][1])
            return true;
    return false;
}

function countMappings(cfg) {
    var n = 0;
    for (var e = new Enumerator(cfg.EnumPortMappings(ICSSC_DEFAULT)); !e.atEnd(); e.moveNext())
        n++;
    return n;
}

// Every connection of mgr.EnumEveryConnection as {conn, name, guid}.
function connections(mgr) {
    var list = [];
    var coll = mgr.EnumEveryConnection;
    for (var e = new Enumerator(coll); !e.atEnd(); e.moveNext()) {
        var conn = e.item();
        var props = mgr.NetConnectionProps(conn);
        list.push({ conn: conn, name: props.Name, guid: props.Guid });
    }
    return list;
}

var mgr = null, configs = [];

function main() {
    note("creating HNetCfg.HNetShare.1 and HNetCfg.HNetShare");
    mgr = new ActiveXObject("HNetCfg.HNetShare.1");
    ok(typeof mgr == "object" && mgr !== null, "HNetCfg.HNetShare.1 created");
    var mgr2 = new ActiveXObject("HNetCfg.HNetShare");
    ok(typeof mgr2 == "object" && mgr2 !== null, "HNetCfg.HNetShare created");

    is(mgr.SharingInstalled, true, "SharingInstalled");
    is(mgr2.SharingInstalled, true, "SharingInstalled (version-independent ProgID)");

    note("EnumEveryConnection");
    var coll = mgr.EnumEveryConnection;
    is(coll.Count, 2, "EnumEveryConnection.Count");
    var byName = {}, guids = {}, n = 0;
    for (var e = new Enumerator(coll); !e.atEnd(); e.moveNext()) {
        note("connection " + n + ": e.item()");
        var conn = e.item();
        ok(conn !== null && conn !== undefined, "connection " + n + " is an object");
        var props = mgr.NetConnectionProps(conn);
        var name = props.Name, guid = props.Guid, device = props.DeviceName;
        var status = props.Status, media = props.MediaType, ch = props.Characteristics;
        note("  Name=" + name + " Guid=" + guid + " DeviceName=" + device + " Status=" + status +
             " MediaType=" + media + " Characteristics=" + hex(ch));
        ok(typeof name == "string" && name.length > 0, "connection " + n + ": Name non-empty: " + repr(name));
        ok(name != "lo", "connection " + n + ": loopback is not a connection");
        ok(typeof guid == "string" && GUID_RE.test(guid), "connection " + n + ": Guid is a braced GUID: " + repr(guid));
        ok(!guids[String(guid).toUpperCase()], "connection " + n + ": Guid is unique");
        guids[String(guid).toUpperCase()] = true;
        ok(typeof device == "string" && device.length > 0, "connection " + n + ": DeviceName non-empty: " + repr(device));
        is(status, S_NCS_CONNECTED, name + ": Status (NCS_CONNECTED)");
        is(media, NCM_LAN, name + ": MediaType (NCM_LAN)");
        ok(typeof ch == "number", name + ": Characteristics is a number");
        is(ch & (NCCF_SHARED | NCCF_SHARED_PRIVATE | NCCF_FIREWALLED), 0, name + ": not shared nor firewalled at start");
        // The same properties through the second manager.
        var props2 = mgr2.NetConnectionProps(conn);
        is(props2.Guid, guid, name + ": Guid through HNetCfg.HNetShare");
        is(props2.Name, name, name + ": Name through HNetCfg.HNetShare");
        var cfg = mgr.INetSharingConfigurationForINetConnection(conn);
        ok(typeof cfg == "object" && cfg !== null, name + ": INetSharingConfigurationForINetConnection");
        is(cfg.SharingEnabled, false, name + ": SharingEnabled at start");
        is(cfg.InternetFirewallEnabled, false, name + ": InternetFirewallEnabled at start");
        is(countMappings(cfg), 0, name + ": no port mappings at start");
        byName[name] = { conn: conn, cfg: cfg, guid: guid };
        configs.push(cfg);
        n++;
    }
    is(n, 2, "connections enumerated");
    ok(byName["ohn0"] !== undefined, "a connection named ohn0");
    ok(byName["ohn1"] !== undefined, "a connection named ohn1");
    if (!byName["ohn0"] || !byName["ohn1"])
        return;

    var pub = byName["ohn0"], priv = byName["ohn1"], cfg = pub.cfg;
    var list2 = connections(mgr2);
    is(list2.length, 2, "HNetCfg.HNetShare: EnumEveryConnection items");

    note("EnableSharing(ICSSHARINGTYPE_PUBLIC) on ohn0");
    cfg.EnableSharing(ICSSHARINGTYPE_PUBLIC);
    is(cfg.SharingEnabled, true, "ohn0: SharingEnabled after EnableSharing(0)");
    is(cfg.SharingConnectionType, ICSSHARINGTYPE_PUBLIC, "ohn0: SharingConnectionType");
    var ch = mgr.NetConnectionProps(pub.conn).Characteristics;
    ok((ch & NCCF_SHARED) != 0, "ohn0: Characteristics has NCCF_SHARED: " + hex(ch));
    ok((ch & NCCF_SHARED_PRIVATE) == 0, "ohn0: Characteristics has no NCCF_SHARED_PRIVATE: " + hex(ch));
    // The state is the store's, not the object's: a second manager sees it.
    is(mgr2.INetSharingConfigurationForINetConnection(pub.conn).SharingEnabled, true,
       "ohn0: SharingEnabled through HNetCfg.HNetShare");
    is(priv.cfg.SharingEnabled, false, "ohn1: still not shared");
    is(mgr.EnumPublicConnections(ICSSC_DEFAULT).Count, 1, "EnumPublicConnections.Count");
    is(mgr.EnumPrivateConnections(ICSSC_DEFAULT).Count, 0, "EnumPrivateConnections.Count before the private one");

    note("EnableSharing(ICSSHARINGTYPE_PRIVATE) on ohn1");
    priv.cfg.EnableSharing(ICSSHARINGTYPE_PRIVATE);
    is(priv.cfg.SharingEnabled, true, "ohn1: SharingEnabled after EnableSharing(1)");
    is(priv.cfg.SharingConnectionType, ICSSHARINGTYPE_PRIVATE, "ohn1: SharingConnectionType");
    ch = mgr.NetConnectionProps(priv.conn).Characteristics;
    ok((ch & NCCF_SHARED_PRIVATE) != 0, "ohn1: Characteristics has NCCF_SHARED_PRIVATE: " + hex(ch));
    ok((ch & NCCF_SHARED) == 0, "ohn1: Characteristics has no NCCF_SHARED: " + hex(ch));
    is(mgr.EnumPrivateConnections(ICSSC_DEFAULT).Count, 1, "EnumPrivateConnections.Count");
    is(cfg.SharingConnectionType, ICSSHARINGTYPE_PUBLIC, "ohn0: still the public connection");

    note("EnableInternetFirewall on ohn0");
    cfg.EnableInternetFirewall();
    is(cfg.InternetFirewallEnabled, true, "ohn0: InternetFirewallEnabled");
    ch = mgr.NetConnectionProps(pub.conn).Characteristics;
    ok((ch & NCCF_FIREWALLED) != 0, "ohn0: Characteristics has NCCF_FIREWALLED: " + hex(ch));
    is(priv.cfg.InternetFirewallEnabled, false, "ohn1: firewall untouched");

    note("deleting the sample's mapping in case it exists");
    for (var en = new Enumerator(cfg.EnumPortMappings(ICSSC_DEFAULT)); !en.atEnd(); en.moveNext()) {
        var item = en.item();
        var p = item.Properties;
        if (p.IPProtocol == NAT_PROTOCOL_TCP && p.ExternalPort == 555)
            item.Delete();
    }

    note("AddPortMapping by name");
    var m = cfg.AddPortMapping("Ben's Port Mapping", NAT_PROTOCOL_TCP, 555, 444, 0, "compnametst2", ICSTT_NAME);
    ok(typeof m == "object" && m !== null, "AddPortMapping returned an object");
    var p = m.Properties;
    is(p.Enabled, false, "new mapping: Enabled");
    m.Enable();
    is(p.Enabled, false, "the Properties object read before Enable is a snapshot");
    p = m.Properties;
    is(p.Enabled, true, "mapping: Enabled after Enable()");
    is(p.Name, "Ben's Port Mapping", "mapping: Name");
    is(p.IPProtocol, NAT_PROTOCOL_TCP, "mapping: IPProtocol");
    is(p.ExternalPort, 555, "mapping: ExternalPort");
    is(p.InternalPort, 444, "mapping: InternalPort");
    is(p.Options, 0, "mapping: Options");
    is(p.TargetName, "compnametst2", "mapping: TargetName");
    is(p.TargetIPAddress, "", "mapping: TargetIPAddress of a by-name mapping");
    m.Disable();
    is(m.Properties.Enabled, false, "mapping: Enabled after Disable()");
    m.Enable();
    is(m.Properties.Enabled, true, "mapping: Enabled after Enable() again");

    note("AddPortMapping by address");
    var m2 = cfg.AddPortMapping("by address", NAT_PROTOCOL_UDP, 555, 445, 0, "192.0.2.20", ICSTT_IPADDRESS);
    var p2 = m2.Properties;
    is(p2.Name, "by address", "mapping 2: Name");
    is(p2.IPProtocol, NAT_PROTOCOL_UDP, "mapping 2: IPProtocol");
    is(p2.ExternalPort, 555, "mapping 2: ExternalPort");
    is(p2.InternalPort, 445, "mapping 2: InternalPort");
    is(p2.Options, 0, "mapping 2: Options");
    is(p2.TargetIPAddress, "192.0.2.20", "mapping 2: TargetIPAddress");
    is(p2.TargetName, "", "mapping 2: TargetName of a by-address mapping");
    is(p2.Enabled, false, "mapping 2: Enabled");

    note("EnumPortMappings");
    var mappings = cfg.EnumPortMappings(ICSSC_DEFAULT);
    is(mappings.Count, 2, "EnumPortMappings(0).Count");
    var seen = {};
    for (en = new Enumerator(mappings); !en.atEnd(); en.moveNext()) {
        var ip = en.item().Properties;
        seen[ip.IPProtocol + "/" + ip.ExternalPort] = ip;
    }
    ok(seen["6/555"] !== undefined && seen["6/555"].Name == "Ben's Port Mapping" && seen["6/555"].Enabled === true,
       "enumeration has the TCP 555 mapping, enabled");
    ok(seen["17/555"] !== undefined && seen["17/555"].TargetIPAddress == "192.0.2.20" && seen["17/555"].Enabled === false,
       "enumeration has the UDP 555 mapping, disabled");
    is(countMappings(priv.cfg), 0, "ohn1 has no mappings: they are per connection");
    is(mgr2.INetSharingConfigurationForINetConnection(pub.conn).EnumPortMappings(ICSSC_DEFAULT).Count, 2,
       "HNetCfg.HNetShare sees the 2 mappings");

    note("errors");
    throwsHr(function () { cfg.AddPortMapping("again", NAT_PROTOCOL_TCP, 555, 1000, 0, "other", ICSTT_NAME); },
             E_ALREADY_EXISTS, "AddPortMapping of a taken (TCP, 555)");
    throwsHr(function () { cfg.AddPortMapping("icmp", 1, 556, 556, 0, "compnametst2", ICSTT_NAME); },
             E_INVALIDARG, "AddPortMapping with protocol 1");
    is(cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 2, "the failed calls added nothing");
    is(m.Properties.InternalPort, 444, "the failed duplicate did not overwrite the mapping");

    note("non-ASCII strings");
    var sample = "caf\u00e9 \u4e2d\u6587 \ud83d\ude00";
    // run-script.sh passes the same string, UTF-8 encoded, as the argument; ics_flow.vbs (Wine 8's
    // VBScript has no ChrW) relies on Wine decoding it exactly.
    is(WScript.Arguments.length, 1, "argument count");
    if (WScript.Arguments.length >= 1)
        is(units(WScript.Arguments.Item(0)), units(sample), "argument 0 is the non-ASCII sample");
    var uname = sample + " \"q\"\t\\end", utarget = "h\u00f6st";
    var m4 = cfg.AddPortMapping(uname, NAT_PROTOCOL_TCP, 556, 556, 0, utarget, ICSTT_NAME);
    var p4 = m4.Properties;
    is(units(p4.Name), units(uname), "non-ASCII Name round-trips");
    is(units(p4.TargetName), units(utarget), "non-ASCII TargetName round-trips");
    for (en = new Enumerator(cfg.EnumPortMappings(ICSSC_DEFAULT)); !en.atEnd(); en.moveNext()) {
        var ip4 = en.item().Properties;
        if (ip4.ExternalPort == 556)
            is(units(ip4.Name), units(uname), "non-ASCII Name through EnumPortMappings");
    }
    m4.Delete();

    note("deleting");
    m.Delete();
    is(cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 1, "Count after m.Delete()");
    cfg.RemovePortMapping(m2);
    is(cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 0, "Count after RemovePortMapping(m2)");
    var stale = false;
    try {
        m.Enable();
    } catch (ex) {
        stale = true;
        note("Enable() on a deleted mapping: " + errorText(ex));
    }
    ok(stale, "Enable() on a deleted mapping fails");
    is(cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 0, "Enable() on a deleted mapping did not bring it back");
    // The key is free again.
    var m3 = cfg.AddPortMapping("Ben's Port Mapping", NAT_PROTOCOL_TCP, 555, 444, 0, "compnametst2", ICSTT_NAME);
    is(m3.Properties.Enabled, false, "re-added mapping starts disabled");
    m3.Delete();
    is(cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 0, "Count after deleting the re-added mapping");

    note("DisableSharing / DisableInternetFirewall");
    cfg.DisableInternetFirewall();
    is(cfg.InternetFirewallEnabled, false, "ohn0: InternetFirewallEnabled after DisableInternetFirewall");
    cfg.DisableSharing();
    is(cfg.SharingEnabled, false, "ohn0: SharingEnabled after DisableSharing");
    priv.cfg.DisableSharing();
    is(priv.cfg.SharingEnabled, false, "ohn1: SharingEnabled after DisableSharing");
    ch = mgr.NetConnectionProps(pub.conn).Characteristics;
    is(ch & (NCCF_SHARED | NCCF_SHARED_PRIVATE | NCCF_FIREWALLED), 0, "ohn0: sharing and firewall flags cleared");
    ch = mgr.NetConnectionProps(priv.conn).Characteristics;
    is(ch & (NCCF_SHARED | NCCF_SHARED_PRIVATE | NCCF_FIREWALLED), 0, "ohn1: sharing and firewall flags cleared");
    is(mgr.EnumPublicConnections(ICSSC_DEFAULT).Count, 0, "EnumPublicConnections.Count at the end");
    is(mgr.EnumPrivateConnections(ICSSC_DEFAULT).Count, 0, "EnumPrivateConnections.Count at the end");
}

// Undoes what main() may have left behind after a failure.
function cleanup() {
    for (var i = 0; i < configs.length; i++) {
        var cfg = configs[i];
        try {
            for (var e = new Enumerator(cfg.EnumPortMappings(ICSSC_DEFAULT)); !e.atEnd(); e.moveNext()) {
                var item = e.item();
                if (isOurs(item.Properties)) {
                    note("cleanup: deleting a leftover mapping");
                    item.Delete();
                }
            }
        } catch (ex) {
            ok(false, "cleanup: " + errorText(ex));
        }
        try {
            cfg.DisableInternetFirewall();
            cfg.DisableSharing();
        } catch (ex) {
            ok(false, "cleanup: " + errorText(ex));
        }
    }
}

try {
    main();
} catch (ex) {
    ok(false, "uncaught error: " + errorText(ex));
}
cleanup();
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
