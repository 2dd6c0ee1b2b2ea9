// UPnPNAT from JScript (each architecture's cscript), as games and P2P programs script it, against the lab's
// router: CreateObject("HNetCfg.NATUPnP").StaticPortMappingCollection and every method of the
// collection and of a mapping, the dynamic collection, Enumerator over both. Run by scripts.sh;
// it checks the router's side with upnpc. Last line: "SUMMARY: <n> passed, <m> failed".

function errorText(e) {
    return hex(e.number) + (e.description ? " (" + e.description + ")" : "");
}

function main() {
    var nat = new ActiveXObject("HNetCfg.NATUPnP");
    var c = nat.StaticPortMappingCollection;
    ok(c !== null && typeof c == "object", "StaticPortMappingCollection is an object");
    var before = c.Count;
    ok(typeof before == "number", "Count is a number: " + before);

    var m = c.Add(45700, "TCP", 8080, "10.77.0.2", true, "from JScript");
    is(c.Count, before + 1, "Count after Add");
    is(m.ExternalIPAddress, "1.2.3.4", "ExternalIPAddress");
    is(m.ExternalPort, 45700, "ExternalPort");
    is(m.InternalPort, 8080, "InternalPort");
    is(m.Protocol, "TCP", "Protocol");
    is(m.InternalClient, "10.77.0.2", "InternalClient");
    is(m.Enabled, true, "Enabled");
    is(m.Description, "from JScript", "Description");

    var item = c.Item(45700, "TCP");
    is(item.Description, "from JScript", "Item(...).Description");
    item.EditDescription("edited & <escaped>");
    item.EditInternalPort(8081);
    item.EditInternalClient("10.77.0.2");
    item.Enable(false);
    is(item.Enabled, false, "Enabled after Enable(false)");
    is(c.Item(45700, "TCP").Description, "edited & <escaped>", "description read back from the router");
    is(c.Item(45700, "TCP").InternalPort, 8081, "internal port read back from the router");

    var seen = 0;
    for (var e = new Enumerator(c); !e.atEnd(); e.moveNext()) {
        var x = e.item();
        if (x.ExternalPort == 45700 && x.Protocol == "TCP")
            seen++;
    }
    is(seen, 1, "Enumerator finds the mapping once");

    try {
        c.Add(45701, "tcp", 80, "10.77.0.2", true, "lower case");
        ok(false, "Add with \"tcp\" must fail");
    } catch (ex) {
        is(ex.number, 0x80070057 | 0, "Add with \"tcp\": E_INVALIDARG");
    }
    try {
        c.Item(45799, "UDP");
        ok(false, "Item of a missing mapping must fail");
    } catch (ex) {
        is(ex.number, 0x80070002 | 0, "Item of a missing mapping: ERROR_FILE_NOT_FOUND");
    }

    c.Remove(45700, "TCP");
    is(c.Count, before, "Count after Remove");

    var d = nat.DynamicPortMappingCollection;
    var dm = d.Add("", 45702, "UDP", 45702, "10.77.0.2", true, "dynamic from JScript", 600);
    is(dm.LeaseDuration, 600, "LeaseDuration");
    is(dm.RenewLease(300), 300, "RenewLease returns the lease granted");
    is(dm.RemoteHost, "", "RemoteHost");
    is(d.Item("", 45702, "UDP").Description, "dynamic from JScript", "dynamic Item");
    d.Remove("", 45702, "UDP");

    var events = nat.NATEventManager;
    ok(events !== null && typeof events == "object", "NATEventManager is an object");
}

try {
    main();
} catch (ex) {
    ok(false, "uncaught error: " + errorText(ex));
}
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
