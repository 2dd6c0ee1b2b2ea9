' The firewall classes from VBScript under Wine's cscript: parameterised property puts of
' HNetCfg.FwPolicy2, For Each over the rules, an array of interface names, a rule from Item
' written through, and Err.Number of refused input under On Error Resume Next. Run by
' run-script.sh after harness.vbs (Ok, IsEq); leaves the firewall store at its defaults.
' Last line: "SUMMARY: <n> passed, <m> failed".

Function HexErr(n)
    HexErr = "0x" & Right("00000000" & Hex(n), 8)
End Function

' VBScript reports E_INVALIDARG as its own error 5 (invalid procedure call or argument).
Sub IsInvalidArg(n, msg)
    Ok n = 5 Or n = &H80070057, msg & ": Err.Number " & HexErr(n) & ", want 5 (E_INVALIDARG)"
End Sub

Dim policy, rules, rule, r, count, names, ifs

Set policy = CreateObject("HNetCfg.FwPolicy2")
policy.RestoreLocalFirewallDefaults
IsEq policy.CurrentProfileTypes, CLng(2), "CurrentProfileTypes"
policy.FirewallEnabled(4) = False
IsEq policy.FirewallEnabled(4), False, "FirewallEnabled(public) after the put"
IsEq policy.FirewallEnabled(2), True, "FirewallEnabled(private) untouched"
policy.DefaultInboundAction(2) = 1
IsEq policy.DefaultInboundAction(2), CLng(1), "DefaultInboundAction(private) after the put"
policy.BlockAllInboundTraffic(1) = True
IsEq policy.BlockAllInboundTraffic(1), True, "BlockAllInboundTraffic(domain) after the put"

Set rules = policy.Rules
Set rule = CreateObject("HNetCfg.FWRule")
rule.Name = "VBS rule"
rule.Protocol = 17
rule.LocalPorts = "27015-27030"
rule.Interfaces = Array("ohn0")
rule.InterfaceTypes = "lan"
rule.Enabled = True
rules.Add rule

count = 0
names = ""
For Each r In rules
    count = count + 1
    names = names & r.Name & ";"
Next
IsEq count, 1, "For Each over the rules"
IsEq names, "VBS rule;", "the rule's name from For Each"

ifs = rules.Item("VBS rule").Interfaces
Ok IsArray(ifs), "Interfaces is an array"
If IsArray(ifs) Then
    IsEq UBound(ifs), CLng(0), "one interface"
    IsEq ifs(0), "ohn0", "the interface's name"
End If
IsEq rules.Item("VBS rule").InterfaceTypes, "Lan", "InterfaceTypes"

rules.Item("VBS rule").LocalPorts = "9000"
IsEq rule.LocalPorts, "9000", "a put on Item is stored and seen by the added object"

On Error Resume Next
rule.Protocol = 300
IsInvalidArg Err.Number, "Protocol = 300"
Err.Clear
rule.Interfaces = Array("no such adapter")
IsInvalidArg Err.Number, "an interface the host has not"
Err.Clear
Set r = rules.Item("nobody")
IsEq HexErr(Err.Number), "0x80070002", "Item of no rule"
Err.Clear
On Error GoTo 0
IsEq rule.Protocol, CLng(17), "refused puts changed nothing"

' The Windows XP API: For Each over the open ports of the current profile.
Dim mgr, profile, port, ports
Set mgr = CreateObject("HNetCfg.FwMgr")
Set profile = mgr.LocalPolicy.CurrentProfile
Set port = CreateObject("HNetCfg.FwOpenPort")
port.Name = "VBS port"
port.Port = 25565
profile.GloballyOpenPorts.Add port
ports = ""
For Each r In profile.GloballyOpenPorts
    ports = ports & r.Name & ":" & r.Port & ":" & r.Protocol & ";"
Next
IsEq ports, "VBS port:25565:6;", "For Each over GloballyOpenPorts"
profile.IcmpSettings.AllowInboundEchoRequest = True
IsEq profile.IcmpSettings.AllowInboundEchoRequest, True, "IcmpSettings.AllowInboundEchoRequest"
profile.GloballyOpenPorts.Remove 25565, 6
IsEq profile.GloballyOpenPorts.Count, CLng(0), "GloballyOpenPorts after Remove"

rules.Remove "VBS rule"
IsEq rules.Count, CLng(0), "Count after Remove"
policy.RestoreLocalFirewallDefaults
IsEq policy.FirewallEnabled(4), True, "RestoreLocalFirewallDefaults"
IsEq policy.BlockAllInboundTraffic(1), False, "RestoreLocalFirewallDefaults (block all)"
WScript.Echo "SUMMARY: " & passed & " passed, " & failed & " failed"
