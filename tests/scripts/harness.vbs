' Checks shared by the VBScript tests: common.sh puts this file in front of each script before
' running it (cscript has no include), as harness.js for JScript. Every check counts; the script
' ends with WScript.Echo "SUMMARY: " & passed & " passed, " & failed & " failed".
Option Explicit

Dim passed, failed
passed = 0
failed = 0

Sub Ok(cond, msg)
    If cond Then
        passed = passed + 1
    Else
        failed = failed + 1
        WScript.Echo "FAIL: " & msg
    End If
End Sub

' Same type and value (VarType too: a VARIANT_BOOL must come back as Boolean, etc.).
Sub IsEq(got, want, msg)
    Dim same
    same = False
    If VarType(got) = VarType(want) Then same = (got = want)
    Ok same, msg & ": got " & CStr(got) & " (" & TypeName(got) & "), want " & CStr(want) & " (" & TypeName(want) & ")"
End Sub

