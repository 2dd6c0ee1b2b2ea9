' UPnPNAT from VBScript (each architecture's cscript) against the lab's router: the static collection and a
' mapping's methods, For Each, and Err.Number of failing calls. Run by scripts.sh, after
' harness.vbs (Ok, IsEq). Last line: "SUMMARY: <n> passed, <m> failed".

Sub Main()
    Dim nat, c, m, x, before, seen, errNum

    Set nat = CreateObject("HNetCfg.NATUPnP")
    Set c = nat.StaticPortMappingCollection
    Ok IsObject(c), "StaticPortMappingCollection is an object"
    before = c.Count
    Set m = c.Add(45710, "UDP", 45711, "10.77.0.2", True, "from VBScript")
    IsEq c.Count, before + 1, "Count after Add"
    IsEq m.Protocol, "UDP", "Protocol"
    IsEq m.ExternalPort, CLng(45710), "ExternalPort"
    IsEq m.InternalPort, CLng(45711), "InternalPort"
    IsEq m.Description, "from VBScript", "Description"
    IsEq m.ExternalIPAddress, "1.2.3.4", "ExternalIPAddress"
    m.EditDescription "edited in VBScript"
    IsEq c.Item(45710, "UDP").Description, "edited in VBScript", "description read back"

    seen = 0
    For Each x In c
        If x.ExternalPort = 45710 And x.Protocol = "UDP" Then seen = seen + 1
    Next
    IsEq seen, 1, "For Each finds the mapping once"

    On Error Resume Next
    c.Item 45799, "UDP"
    errNum = Err.Number
    Err.Clear
    On Error GoTo 0
    Ok errNum <> 0, "Item of a missing mapping fails (Err.Number " & Hex(errNum) & ")"

    c.Remove 45710, "UDP"
    IsEq c.Count, before, "Count after Remove"
End Sub

On Error Resume Next
Main
If Err.Number <> 0 Then Ok False, "uncaught error " & Hex(Err.Number) & ": " & Err.Description
On Error GoTo 0
WScript.Echo "SUMMARY: " & passed & " passed, " & failed & " failed"
