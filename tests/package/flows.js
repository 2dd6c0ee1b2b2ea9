// After `open-hnetcfg install`, from either architecture's cscript (tests/package/user-flows.sh
// puts tests/scripts/harness.js in front): UPnPNAT without a router answers with no collection
// within its bound, and a firewall rule is stored and read back through HNetCfg.FwPolicy2.
// The argument names the rule (one per architecture). Last line: "SUMMARY: <n> passed, <m> failed".

var name = WScript.Arguments.Item(0);
var nat = new ActiveXObject("HNetCfg.NATUPnP");
var t0 = new Date();
var c = nat.StaticPortMappingCollection;
var took = new Date() - t0;
ok(c === null, "StaticPortMappingCollection without a router is null: " + repr(c));
ok(took < 3000, "and it came within 3 s: " + took + " ms");
note("StaticPortMappingCollection without a router: " + took + " ms");

var policy = new ActiveXObject("HNetCfg.FwPolicy2");
var before = policy.Rules.Count;
var rule = new ActiveXObject("HNetCfg.FWRule");
rule.Name = name;
rule.Protocol = 6;
rule.LocalPorts = "4711";
rule.ApplicationName = "C:\\Games\\game.exe";
rule.Enabled = true;
policy.Rules.Add(rule);
is(policy.Rules.Count, before + 1, "Rules.Count after Add");
var got = policy.Rules.Item(name);
is(got.LocalPorts, "4711", "the rule read back: LocalPorts");
is(got.Protocol, 6, "the rule read back: Protocol");
is(got.Enabled, true, "the rule read back: Enabled");
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
