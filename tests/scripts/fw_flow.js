// The firewall classes from JScript under Wine's cscript, as installers and launchers use them:
// HNetCfg.FwPolicy2 and HNetCfg.FWRule, Rules.Add, an Enumerator over the rules, a rule from
// Item written through, rule groups, and the error numbers of refused input. Run by
// run-script.sh after harness.js (ok, is, hex); leaves the firewall store at its defaults.
// Last line: "SUMMARY: <n> passed, <m> failed".

function errorOf(f) {
    try {
        f();
        return "no error";
    } catch (e) {
        return hex(e.number);
    }
}

var policy = new ActiveXObject("HNetCfg.FwPolicy2");
policy.RestoreLocalFirewallDefaults();
is(policy.CurrentProfileTypes, 2, "CurrentProfileTypes (private)");
is(policy.FirewallEnabled(2), true, "FirewallEnabled(private)");
is(policy.DefaultInboundAction(4), 0, "DefaultInboundAction(public) is block");
is(errorOf(function () { return policy.FirewallEnabled(7); }), "0x80070057", "FirewallEnabled(7)");

var rules = policy.Rules;
is(rules.Count, 0, "no rules at first");

var rule = new ActiveXObject("HNetCfg.FWRule");
rule.Name = "Script rule";
rule.Description = "added by fw_flow.js";
rule.Protocol = 6;
rule.LocalPorts = "8080, 8443";
rule.RemoteAddresses = "LocalSubnet";
rule.ApplicationName = "C:\\Program Files\\App\\app.exe";
rule.Grouping = "Scripts";
rule.Profiles = 2 | 4;
rule.EdgeTraversalOptions = 2;
rule.Enabled = true;
rules.Add(rule);
is(rules.Count, 1, "Count after Add");
is(errorOf(function () { rules.Add(rule); }), "0x800700B7", "the same rule again");

var names = [];
for (var e = new Enumerator(rules); !e.atEnd(); e.moveNext())
    names.push(e.item().Name + ":" + e.item().LocalPorts);
is(names.join("|"), "Script rule:8080,8443", "the rules through an Enumerator");

var item = rules.Item("script RULE");
is(item.RemoteAddresses, "LocalSubnet", "RemoteAddresses from Item");
is(item.EdgeTraversalOptions, 2, "EdgeTraversalOptions from Item");
is(item.EdgeTraversal, false, "EdgeTraversal of a deferred rule");
item.Enabled = false;
is(rules.Item("Script rule").Enabled, false, "a put on Item is stored");
is(rule.Enabled, false, "and the added object sees it");

is(errorOf(function () { rule.LocalPorts = "0"; }), "0x80070057", "LocalPorts = 0");
is(errorOf(function () { rule.Protocol = 1; }), "0x80070057", "Protocol = ICMP while ports are set");
is(errorOf(function () { rule.Name = "a|b"; }), "0x80070057", "a name with |");
is(rule.LocalPorts, "8080,8443", "refused puts changed nothing");
is(errorOf(function () { return rules.Item("no such rule"); }), "0x80070002", "Item of no rule");

policy.EnableRuleGroup(0x7fffffff, "Scripts", true);
is(policy.IsRuleGroupEnabled(2, "Scripts"), true, "IsRuleGroupEnabled after EnableRuleGroup");
is(policy.IsRuleGroupCurrentlyEnabled("Scripts"), true, "IsRuleGroupCurrentlyEnabled");

// A launcher through the Windows XP API: it checks, adds itself, and is a rule.
var mgr = new ActiveXObject("HNetCfg.FwMgr");
var profile = mgr.LocalPolicy.CurrentProfile;
is(profile.FirewallEnabled, true, "FwMgr: the current profile's FirewallEnabled");
var app = new ActiveXObject("HNetCfg.FwAuthorizedApplication");
app.Name = "Launcher";
app.ProcessImageFileName = "C:\\Launcher\\launcher.exe";
app.Scope = 1;
profile.AuthorizedApplications.Add(app);
profile.AuthorizedApplications.Add(app);
var apps = [];
for (var e = new Enumerator(profile.AuthorizedApplications); !e.atEnd(); e.moveNext())
    apps.push(e.item().Name + ":" + e.item().Enabled + ":" + e.item().Scope);
is(apps.join("|"), "Launcher:true:1", "the authorized applications, once");
is(rules.Item("Launcher").ApplicationName, "C:\\Launcher\\launcher.exe", "the application is a rule");
var port = new ActiveXObject("HNetCfg.FwOpenPort");
port.Name = "Voice";
port.Port = 3478;
port.Protocol = 17;
profile.GloballyOpenPorts.Add(port);
is(profile.GloballyOpenPorts.Item(3478, 17).Name, "Voice", "GloballyOpenPorts.Item");
profile.Services.Item(2).Enabled = true;
is(profile.Services.Item(2).Enabled, true, "Remote Desktop enabled");
is(errorOf(function () { port.Port = 0; }), "0x80070057", "Port = 0");
profile.AuthorizedApplications.Remove("C:\\Launcher\\launcher.exe");
profile.GloballyOpenPorts.Remove(3478, 17);
rules.Remove("Remote Desktop (TCP 3389)");

rules.Remove("no such rule");
is(rules.Count, 1, "Remove of no rule removes nothing");
rules.Remove("Script rule");
is(rules.Count, 0, "Count after Remove");
policy.RestoreLocalFirewallDefaults();
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
