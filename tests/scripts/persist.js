// Persistence of the sharing store, one step per cscript process (driven by persistence.sh):
//   cscript persist.js add      adds two mappings on ohn1 (one enabled), shares ohn1 (public)
//                               and ohn0 (private), enables ohn1's firewall, adds a firewall
//                               rule (HNetCfg.FwPolicy2); expects an empty store first
//   cscript persist.js check    finds all of that, every field
//   cscript persist.js remove   deletes / disables all of it
//   cscript persist.js absent   finds none of it
// Last line: "SUMMARY: <n> passed, <m> failed".

function isString(got, want, msg) {
    ok(got === want, msg + ": got [" + units(got) + "], want [" + units(want) + "]");
}

function errorText(e) {
    return hex(e.number) + (e.description ? " (" + e.description + ")" : "");
}

var NCCF_SHARED = 0x100, NCCF_SHARED_PRIVATE = 0x2000, NCCF_FIREWALLED = 0x400;
var ICSSHARINGTYPE_PUBLIC = 0, ICSSHARINGTYPE_PRIVATE = 1;
var ICSSC_DEFAULT = 0;

// The mappings, all on ohn1.
var MAPPINGS = [
    { name: "persist \u00e9\u4e2d\ud83d\ude00 TCP", protocol: 6, external: 40000, internal: 40001, options: 0,
      target: "persist-host", type: 0, enabled: true },
    { name: "persist UDP", protocol: 17, external: 40002, internal: 40003, options: 0,
      target: "192.0.2.99", type: 1, enabled: false }
];

var mgr, conns = {};

// The firewall rule, every field that persist.js can set from JScript.
var RULE = { name: "persist rule \u00e9\u4e2d", protocol: 17, ports: "3478,5000-5010", remote: "LocalSubnet",
             app: "C:\\Games\\persist.exe", group: "Persist", profiles: 6, enabled: true };

function firewallRules() {
    return new ActiveXObject("HNetCfg.FwPolicy2").Rules;
}

function checkRulePresent() {
    var rules = firewallRules(), r;
    is(rules.Count, 1, "one firewall rule");
    try {
        r = rules.Item(RULE.name);
    } catch (e) {
        ok(false, "firewall rule " + RULE.name + ": " + errorText(e));
        return;
    }
    isString(r.Name, RULE.name, "rule Name");
    is(r.Protocol, RULE.protocol, "rule Protocol");
    isString(r.LocalPorts, RULE.ports, "rule LocalPorts");
    isString(r.RemoteAddresses, RULE.remote, "rule RemoteAddresses");
    isString(r.ApplicationName, RULE.app, "rule ApplicationName");
    isString(r.Grouping, RULE.group, "rule Grouping");
    is(r.Profiles, RULE.profiles, "rule Profiles");
    is(r.Enabled, RULE.enabled, "rule Enabled");
}

function checkRuleAbsent() {
    is(firewallRules().Count, 0, "no firewall rules");
}

function addRule() {
    var r = new ActiveXObject("HNetCfg.FWRule");
    r.Name = RULE.name;
    r.Protocol = RULE.protocol;
    r.LocalPorts = RULE.ports;
    r.RemoteAddresses = RULE.remote;
    r.ApplicationName = RULE.app;
    r.Grouping = RULE.group;
    r.Profiles = RULE.profiles;
    r.Enabled = RULE.enabled;
    firewallRules().Add(r);
}

function open() {
    mgr = new ActiveXObject("HNetCfg.HNetShare");
    for (var e = new Enumerator(mgr.EnumEveryConnection); !e.atEnd(); e.moveNext()) {
        var conn = e.item();
        var name = mgr.NetConnectionProps(conn).Name;
        conns[name] = { conn: conn, cfg: mgr.INetSharingConfigurationForINetConnection(conn) };
    }
    ok(conns["ohn0"] !== undefined && conns["ohn1"] !== undefined, "connections ohn0 and ohn1 exist");
    return conns["ohn0"] !== undefined && conns["ohn1"] !== undefined;
}

// The mappings of cfg, keyed "protocol/port", each {item, props}.
function mappings(cfg) {
    var r = { count: 0 };
    for (var e = new Enumerator(cfg.EnumPortMappings(ICSSC_DEFAULT)); !e.atEnd(); e.moveNext()) {
        var item = e.item();
        var p = item.Properties;
        r[p.IPProtocol + "/" + p.ExternalPort] = { item: item, props: p };
        r.count++;
    }
    return r;
}

function checkProps(p, want, what) {
    isString(p.Name, want.name, what + ": Name");
    is(p.IPProtocol, want.protocol, what + ": IPProtocol");
    is(p.ExternalPort, want.external, what + ": ExternalPort");
    is(p.InternalPort, want.internal, what + ": InternalPort");
    is(p.Options, want.options, what + ": Options");
    isString(p.TargetName, want.type == 0 ? want.target : "", what + ": TargetName");
    isString(p.TargetIPAddress, want.type == 1 ? want.target : "", what + ": TargetIPAddress");
    is(p.Enabled, want.enabled, what + ": Enabled");
}

function flags(name) {
    return mgr.NetConnectionProps(conns[name].conn).Characteristics & (NCCF_SHARED | NCCF_SHARED_PRIVATE | NCCF_FIREWALLED);
}

function checkPresent() {
    var cfg = conns["ohn1"].cfg, all = mappings(cfg);
    is(all.count, MAPPINGS.length, "ohn1: number of mappings");
    for (var i = 0; i < MAPPINGS.length; i++) {
        var want = MAPPINGS[i], key = want.protocol + "/" + want.external;
        ok(all[key] !== undefined, "ohn1: mapping " + key + " is there");
        if (all[key])
            checkProps(all[key].props, want, "mapping " + key);
    }
    is(mappings(conns["ohn0"].cfg).count, 0, "ohn0: no mappings");
    is(cfg.SharingEnabled, true, "ohn1: SharingEnabled");
    is(cfg.SharingConnectionType, ICSSHARINGTYPE_PUBLIC, "ohn1: SharingConnectionType");
    is(cfg.InternetFirewallEnabled, true, "ohn1: InternetFirewallEnabled");
    is(conns["ohn0"].cfg.SharingEnabled, true, "ohn0: SharingEnabled");
    is(conns["ohn0"].cfg.SharingConnectionType, ICSSHARINGTYPE_PRIVATE, "ohn0: SharingConnectionType");
    is(conns["ohn0"].cfg.InternetFirewallEnabled, false, "ohn0: InternetFirewallEnabled");
    is(flags("ohn1"), NCCF_SHARED | NCCF_FIREWALLED, "ohn1: Characteristics sharing / firewall flags");
    is(flags("ohn0"), NCCF_SHARED_PRIVATE, "ohn0: Characteristics sharing / firewall flags");
    is(mgr.EnumPublicConnections(ICSSC_DEFAULT).Count, 1, "EnumPublicConnections.Count");
    is(mgr.EnumPrivateConnections(ICSSC_DEFAULT).Count, 1, "EnumPrivateConnections.Count");
    checkRulePresent();
}

function checkAbsent() {
    for (var name in conns) {
        var cfg = conns[name].cfg;
        is(mappings(cfg).count, 0, name + ": no mappings");
        is(cfg.SharingEnabled, false, name + ": SharingEnabled");
        is(cfg.InternetFirewallEnabled, false, name + ": InternetFirewallEnabled");
        is(flags(name), 0, name + ": Characteristics sharing / firewall flags");
    }
    is(mgr.EnumPublicConnections(ICSSC_DEFAULT).Count, 0, "EnumPublicConnections.Count");
    is(mgr.EnumPrivateConnections(ICSSC_DEFAULT).Count, 0, "EnumPrivateConnections.Count");
    checkRuleAbsent();
}

function add() {
    checkAbsent();
    var cfg = conns["ohn1"].cfg;
    for (var i = 0; i < MAPPINGS.length; i++) {
        var w = MAPPINGS[i];
        var m = cfg.AddPortMapping(w.name, w.protocol, w.external, w.internal, w.options, w.target, w.type);
        if (w.enabled)
            m.Enable();
    }
    cfg.EnableSharing(ICSSHARINGTYPE_PUBLIC);
    cfg.EnableInternetFirewall();
    conns["ohn0"].cfg.EnableSharing(ICSSHARINGTYPE_PRIVATE);
    addRule();
    checkPresent();
}

function remove() {
    var cfg = conns["ohn1"].cfg, all = mappings(cfg);
    var a = all[MAPPINGS[0].protocol + "/" + MAPPINGS[0].external];
    var b = all[MAPPINGS[1].protocol + "/" + MAPPINGS[1].external];
    ok(a !== undefined && b !== undefined, "both mappings are there to remove");
    if (a)
        a.item.Delete();
    if (b)
        cfg.RemovePortMapping(b.item);
    cfg.DisableInternetFirewall();
    cfg.DisableSharing();
    conns["ohn0"].cfg.DisableSharing();
    firewallRules().Remove(RULE.name);
    checkAbsent();
}

var mode = WScript.Arguments.length > 0 ? WScript.Arguments.Item(0) : "(none)";
try {
    if (open()) {
        note("mode " + mode);
        if (mode == "add")
            add();
        else if (mode == "check")
            checkPresent();
        else if (mode == "remove")
            remove();
        else if (mode == "absent")
            checkAbsent();
        else
            ok(false, "unknown mode " + mode);
    }
} catch (ex) {
    ok(false, "uncaught error: " + errorText(ex));
}
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
