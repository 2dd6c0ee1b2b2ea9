' The essentials of the ICS sample flow in VBScript, against HNetCfg.HNetShare under Wine's
' cscript: For Each over the connections, sharing, a port mapping whose name has non-ASCII
' characters (they must round-trip exactly), For Each over the mappings, Delete, and the
' Err.Number of failing calls under On Error Resume Next. Run by run-script.sh inside
' scripts/in-netns.sh (adapters ohn0 and ohn1), after harness.vbs (Ok, IsEq). Last line:
' "SUMMARY: <n> passed, <m> failed".

Sub Note(msg)
    WScript.Echo "# " & msg
End Sub

Function HexErr(n)
    HexErr = "0x" & Right("00000000" & Hex(n), 8)
End Function

' A string's UTF-16 code units, for messages about strings that may not print. Wine 8's VBScript
' has no AscW: there, only the length.
Function Units(s)
    Dim i, r
    On Error Resume Next
    r = ""
    For i = 1 To Len(s)
        r = r & Right("0000" & Hex(AscW(Mid(s, i, 1)) And &HFFFF&), 4) & " "
    Next
    If Err.Number <> 0 Then r = "(" & Len(s) & " units)"
    Err.Clear
    On Error GoTo 0
    Units = Trim(r)
End Function

' The non-ASCII sample: "caf" e-acute " " U+4E2D U+6587 " " U+1F600 (a surrogate pair), 10 units.
' Wine 8's VBScript has no ChrW, so run-script.sh passes it as the argument (ics_flow.js checks
' that it arrives exactly); where ChrW works, the argument is checked against it too.
Function Sample()
    Dim s, built
    Ok WScript.Arguments.Count = 1, "one argument (the non-ASCII sample), got " & WScript.Arguments.Count
    s = WScript.Arguments.Item(0)
    IsNum Len(s), 10, "length of the sample argument"
    Ok InStr(s, "?") = 0, "the sample argument has no '?'"
    On Error Resume Next
    built = "caf" & ChrW(233) & " " & ChrW(20013) & ChrW(25991) & " " & ChrW(&HD83D) & ChrW(&HDE00)
    If Err.Number = 0 Then
        On Error GoTo 0
        Ok s = built, "the sample argument equals the string ChrW builds"
    Else
        Note "no ChrW in this VBScript (" & HexErr(Err.Number) & "): using the argument as is"
        Err.Clear
        On Error GoTo 0
    End If
    Sample = s
End Function

Sub IsNum(got, want, msg)
    Dim same
    same = False
    If IsNumeric(got) And Not IsEmpty(got) Then same = (CLng(got) = want)
    Ok same, msg & ": got " & CStr(got) & " (" & TypeName(got) & "), want " & want
End Sub

' Exactly the same string: same length, equal, binary StrComp 0, and not equal to the string
' with its non-ASCII characters replaced (so the comparison does not ignore them).
Sub SameString(got, want, msg)
    Dim same
    same = VarType(got) = vbString
    If same Then same = Len(got) = Len(want) And got = want And StrComp(got, want, vbBinaryCompare) = 0
    If same And Len(uni) > 3 Then same = Not (got = Replace(want, Mid(uni, 4, 1), "e"))
    Ok same, msg & ": got " & Units(got) & " " & got & ", want " & Units(want) & " " & want
End Sub

Const ICSSHARINGTYPE_PUBLIC = 0
Const ICSSC_DEFAULT = 0
Const ICSTT_NAME = 0
Const ICSTT_IPADDRESS = 1
Const NCCF_SHARED = &H100&
Const NCCF_FIREWALLED = &H400&
Const E_INVALIDARG = &H80070057
' VBScript reports some HRESULTs as its own error numbers: E_INVALIDARG as 5, "Invalid procedure
' call or argument" (Windows' VBScript does too).
Const VBSE_ILLEGAL_FUNC_CALL = 5
Const E_ALREADY_EXISTS = &H80071392

Dim mgr, conn, props, cfg, cfgOhn0, connOhn0, n, names, m, m2, p, item, mappingName, found, count, ch, target, uni

Sub Main()
    Dim errNum

    Set mgr = CreateObject("HNetCfg.HNetShare.1")
    Ok IsObject(mgr), "CreateObject(HNetCfg.HNetShare.1)"
    IsEq mgr.SharingInstalled, True, "SharingInstalled"

    Note "For Each conn In mgr.EnumEveryConnection"
    n = 0
    names = ""
    For Each conn In mgr.EnumEveryConnection
        Set props = mgr.NetConnectionProps(conn)
        Note "  Name=" & props.Name & " Guid=" & props.Guid
        Ok Len(props.Name) > 0, "connection " & n & ": Name non-empty"
        Ok props.Name <> "lo", "connection " & n & ": not loopback"
        Ok Len(props.Guid) = 38 And Left(props.Guid, 1) = "{" And Right(props.Guid, 1) = "}", _
           "connection " & n & ": Guid is a braced GUID: " & props.Guid
        IsNum props.Status, 2, props.Name & ": Status (NCS_CONNECTED)"
        IsNum props.MediaType, 3, props.Name & ": MediaType (NCM_LAN)"
        Set cfg = mgr.INetSharingConfigurationForINetConnection(conn)
        Ok IsObject(cfg), props.Name & ": INetSharingConfigurationForINetConnection"
        IsEq cfg.SharingEnabled, False, props.Name & ": SharingEnabled at start"
        IsNum cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 0, props.Name & ": no mappings at start"
        names = names & "[" & props.Name & "]"
        If props.Name = "ohn0" Then
            Set cfgOhn0 = cfg
            Set connOhn0 = conn
        End If
        n = n + 1
    Next
    IsNum n, 2, "connections in For Each"
    Ok InStr(names, "[ohn0]") > 0 And InStr(names, "[ohn1]") > 0, "connections are ohn0 and ohn1: " & names
    IsNum mgr.EnumEveryConnection.Count, 2, "EnumEveryConnection.Count"
    If IsEmpty(cfgOhn0) Then Exit Sub
    Set cfg = cfgOhn0

    Note "EnableSharing / EnableInternetFirewall on ohn0"
    cfg.EnableSharing ICSSHARINGTYPE_PUBLIC
    IsEq cfg.SharingEnabled, True, "ohn0: SharingEnabled"
    IsNum cfg.SharingConnectionType, ICSSHARINGTYPE_PUBLIC, "ohn0: SharingConnectionType"
    cfg.EnableInternetFirewall
    IsEq cfg.InternetFirewallEnabled, True, "ohn0: InternetFirewallEnabled"
    ch = mgr.NetConnectionProps(connOhn0).Characteristics
    ' (Call: Wine's VBScript parser rejects a statement call whose first argument starts with "(".)
    Call Ok((ch And NCCF_SHARED) <> 0 And (ch And NCCF_FIREWALLED) <> 0, "ohn0: NCCF_SHARED and NCCF_FIREWALLED: " & HexErr(ch))

    Note "AddPortMapping with a non-ASCII name"
    uni = Sample()
    mappingName = uni & " " & Chr(34) & "q" & Chr(34) & vbTab & "end"
    target = "host " & uni
    Set m = cfg.AddPortMapping(mappingName, 17, 5353, 5354, 0, target, ICSTT_NAME)
    Ok IsObject(m), "AddPortMapping returned an object"
    IsEq m.Properties.Enabled, False, "new mapping: Enabled"
    m.Enable
    Set p = m.Properties
    IsEq p.Enabled, True, "mapping: Enabled after Enable"
    SameString p.Name, mappingName, "mapping: Name round-trips"
    SameString p.TargetName, target, "mapping: TargetName round-trips"
    IsEq p.TargetIPAddress, "", "mapping: TargetIPAddress"
    IsNum p.IPProtocol, 17, "mapping: IPProtocol"
    IsNum p.ExternalPort, 5353, "mapping: ExternalPort"
    IsNum p.InternalPort, 5354, "mapping: InternalPort"
    IsNum p.Options, 0, "mapping: Options"

    Set m2 = cfg.AddPortMapping("second", 6, 8080, 80, 0, "192.0.2.30", ICSTT_IPADDRESS)
    IsEq m2.Properties.TargetIPAddress, "192.0.2.30", "mapping 2: TargetIPAddress"
    IsEq m2.Properties.TargetName, "", "mapping 2: TargetName"

    Note "For Each item In cfg.EnumPortMappings(0)"
    count = 0
    found = False
    For Each item In cfg.EnumPortMappings(ICSSC_DEFAULT)
        Set p = item.Properties
        If p.IPProtocol = 17 And p.ExternalPort = 5353 Then
            found = True
            SameString p.Name, mappingName, "enumerated mapping: Name round-trips"
            IsEq p.Enabled, True, "enumerated mapping: Enabled"
        End If
        count = count + 1
    Next
    IsNum count, 2, "mappings in For Each"
    Ok found, "For Each found the non-ASCII mapping"

    Note "errors under On Error Resume Next"
    On Error Resume Next
    Err.Clear
    Set item = cfg.AddPortMapping("dup", 17, 5353, 1, 0, "x", ICSTT_NAME)
    errNum = Err.Number
    On Error GoTo 0
    Ok errNum = E_ALREADY_EXISTS, "duplicate AddPortMapping: Err.Number " & HexErr(errNum) & ", want " & HexErr(E_ALREADY_EXISTS)

    On Error Resume Next
    Err.Clear
    Set item = cfg.AddPortMapping("bad protocol", 1, 5355, 1, 0, "x", ICSTT_NAME)
    errNum = Err.Number
    On Error GoTo 0
    Ok errNum = VBSE_ILLEGAL_FUNC_CALL Or errNum = E_INVALIDARG, _
       "AddPortMapping with protocol 1: Err.Number " & HexErr(errNum) & ", want 5 (E_INVALIDARG)"

    On Error Resume Next
    Err.Clear
    Set item = cfg.AddPortMapping("bad address", 6, 5356, 1, 0, "not-an-address", ICSTT_IPADDRESS)
    errNum = Err.Number
    On Error GoTo 0
    Ok errNum = VBSE_ILLEGAL_FUNC_CALL Or errNum = E_INVALIDARG, _
       "AddPortMapping with a bad IP address: Err.Number " & HexErr(errNum) & ", want 5 (E_INVALIDARG)"
    IsNum cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 2, "the failed calls added nothing"

    Note "Delete"
    m.Delete
    cfg.RemovePortMapping m2
    IsNum cfg.EnumPortMappings(ICSSC_DEFAULT).Count, 0, "no mappings after Delete and RemovePortMapping"

    On Error Resume Next
    Err.Clear
    m.Delete
    errNum = Err.Number
    On Error GoTo 0
    Ok errNum <> 0, "Delete of a deleted mapping fails: Err.Number " & HexErr(errNum)

    cfg.DisableInternetFirewall
    cfg.DisableSharing
    IsEq cfg.SharingEnabled, False, "ohn0: SharingEnabled after DisableSharing"
    IsEq cfg.InternetFirewallEnabled, False, "ohn0: InternetFirewallEnabled after DisableInternetFirewall"
    ch = mgr.NetConnectionProps(connOhn0).Characteristics
    Call Ok((ch And (NCCF_SHARED Or NCCF_FIREWALLED)) = 0, "ohn0: flags cleared: " & HexErr(ch))
End Sub

' Deletes what Main may have left behind after a failure.
Sub Cleanup()
    Dim c, cf, it, pr
    On Error Resume Next
    If IsEmpty(mgr) Then Exit Sub
    For Each c In mgr.EnumEveryConnection
        Set cf = mgr.INetSharingConfigurationForINetConnection(c)
        For Each it In cf.EnumPortMappings(ICSSC_DEFAULT)
            Set pr = it.Properties
            If (pr.IPProtocol = 17 And pr.ExternalPort = 5353) Or (pr.IPProtocol = 6 And pr.ExternalPort = 8080) Then
                Note "cleanup: deleting a leftover mapping"
                it.Delete
            End If
        Next
        cf.DisableInternetFirewall
        cf.DisableSharing
    Next
    On Error GoTo 0
End Sub

' VBScript has no try/catch: run Main under On Error Resume Next only to report an unexpected
' error (the checks inside use On Error GoTo 0, so an error there ends Main at once).
On Error Resume Next
Main
If Err.Number <> 0 Then
    Ok False, "unexpected error " & HexErr(Err.Number) & " " & Err.Description
End If
Err.Clear
On Error GoTo 0
Cleanup
WScript.Echo "SUMMARY: " & passed & " passed, " & failed & " failed"
