// A short script that shares the lab's connection publicly, adds and enables an ICS port
// mapping, and exits at once: the mapping must be on the router when it has exited.
//   ics_exit.js add       share, add, enable, exit
//   ics_exit.js remove    delete the mapping and stop sharing, exit
// Last line: "SUMMARY: <n> passed, <m> failed".
var mode = WScript.Arguments.length > 0 ? WScript.Arguments.Item(0) : "";
try {
    var mgr = new ActiveXObject("HNetCfg.HNetShare");
    var conn = new Enumerator(mgr.EnumEveryConnection).item();
    var cfg = mgr.INetSharingConfigurationForINetConnection(conn);
    if (mode == "add") {
        cfg.EnableSharing(0);
        var m = cfg.AddPortMapping("Quick script", 6, 45720, 8088, 0, "10.77.0.2", 1);
        m.Enable();
        ok(true, "");
    } else if (mode == "remove") {
        for (var e = new Enumerator(cfg.EnumPortMappings(0)); !e.atEnd(); e.moveNext())
            e.item().Delete();
        cfg.DisableSharing();
        ok(true, "");
    } else
        ok(false, "unknown mode " + mode);
} catch (ex) {
    ok(false, "uncaught error: " + hex(ex.number) + " " + ex.description);
}
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
