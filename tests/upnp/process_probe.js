// One process of tests/upnp/pcp_processes.sh: makes HNetCFG.NATUPnP and polls
// StaticPortMappingCollection for up to 5 s (every 100 ms while it is null), timing each call,
// then does one thing with the collection. Prints one line:
//   ACTION collection_ms T slowest_call_ms S calls N result R
// T counts from before the object is made; R is "none" (no collection), or what the action
// gave: "ok", "added <external address>", "item <internal port>", "count <n>", "removed", or
// "error <hex HRESULT>".
var action = WScript.Arguments.length ? WScript.Arguments(0) : "none";
var start = new Date().getTime(), c = null, calls = 0, slowest = 0, result = "none";
var nat = new ActiveXObject("HNetCfg.NATUPnP");
while (new Date().getTime() - start < 5000) {
    var t = new Date().getTime();
    c = nat.StaticPortMappingCollection;
    calls++;
    if (new Date().getTime() - t > slowest) slowest = new Date().getTime() - t;
    if (c != null) break;
    WScript.Sleep(100);
}
var took = new Date().getTime() - start;
if (c != null) {
    try {
        if (action == "add") result = "added " + c.Add(45100, "TCP", 8100, "10.77.0.2", true, "processes").ExternalIPAddress;
        else if (action == "item") result = "item " + c.Item(45100, "TCP").InternalPort;
        else if (action == "count") result = "count " + c.Count;
        else if (action == "remove") { c.Remove(45100, "TCP"); result = "removed"; }
        else result = "ok";
    } catch (e) {
        result = "error " + (e.number >>> 0).toString(16);
    }
}
WScript.Echo(action + " collection_ms " + took + " slowest_call_ms " + slowest + " calls " + calls + " result " + result);
