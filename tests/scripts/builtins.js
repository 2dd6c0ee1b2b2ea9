// Wine's builtin hnetcfg.dll classes keep working whatever our registration does (run by
// regsvr32.sh):
//   cscript builtins.js builtin-first   Wine's classes, then ours, in one process
//   cscript builtins.js ours-first      ours, then Wine's, in one process
//   cscript builtins.js unregistered    Wine's classes; HNetCfg.HNetShare(.1) are not creatable,
//                                       HNetCfg.NATUPnP and HNetCfg.FwPolicy2 are Wine's builtin again
// While we are registered, HNetCfg.NATUPnP and HNetCfg.FwPolicy2 are ours (registration takes
// them over).
// Both DLLs are named hnetcfg.dll: one process must be able to use both.
// Last line: "SUMMARY: <n> passed, <m> failed".

function errorText(e) {
    return hex(e.number) + (e.description ? " (" + e.description + ")" : "");
}

// Wine's builtin classes (ProgIDs its hnetcfg.dll registers in every prefix).
var BUILTIN = ["HNetCfg.FwMgr", "HNetCfg.NATUPnP", "HNetCfg.FwPolicy2", "HNetCfg.FwOpenPort",
               "HNetCfg.FwAuthorizedApplication"];

function create(progid) {
    try {
        var obj = new ActiveXObject(progid);
        ok(obj !== null && typeof obj == "object", progid + " is an object");
        return obj;
    } catch (e) {
        ok(false, "new ActiveXObject(\"" + progid + "\"): " + errorText(e));
        return null;
    }
}

function builtins() {
    for (var i = 0; i < BUILTIN.length; i++)
        create(BUILTIN[i]);
    // Beyond creation: Wine's objects answer a call (one each that Wine 8 implements).
    try {
        var fw = new ActiveXObject("HNetCfg.FwMgr");
        var enabled = fw.LocalPolicy.CurrentProfile.FirewallEnabled;
        ok(typeof enabled == "boolean", "HNetCfg.FwMgr: LocalPolicy.CurrentProfile.FirewallEnabled is a boolean: " + enabled);
    } catch (e) {
        ok(false, "HNetCfg.FwMgr: LocalPolicy.CurrentProfile.FirewallEnabled: " + errorText(e));
    }
    try {
        var app = new ActiveXObject("HNetCfg.FwAuthorizedApplication");
        ok(typeof app.Enabled == "boolean", "HNetCfg.FwAuthorizedApplication.Enabled is a boolean");
    } catch (e) {
        ok(false, "HNetCfg.FwAuthorizedApplication.Enabled: " + errorText(e));
    }
}

function ours() {
    var ids = ["HNetCfg.HNetShare.1", "HNetCfg.HNetShare"];
    for (var i = 0; i < ids.length; i++) {
        var mgr = create(ids[i]);
        if (!mgr)
            continue;
        try {
            ok(mgr.SharingInstalled === true, ids[i] + ".SharingInstalled is true");
            ok(mgr.EnumEveryConnection.Count == 2, ids[i] + ".EnumEveryConnection.Count is 2");
        } catch (e) {
            ok(false, ids[i] + ": " + errorText(e));
        }
    }
}

// Whose HNetCfg.NATUPnP answers: Wine's builtin has no dynamic collection (E_NOTIMPL), ours
// answers it (null in this namespace, where there is no gateway).
function natIsOurs(expected) {
    var nat = create("HNetCfg.NATUPnP");
    if (!nat)
        return;
    try {
        var dynamic = nat.DynamicPortMappingCollection;
        ok(expected, "HNetCfg.NATUPnP is ours: DynamicPortMappingCollection answers " + dynamic);
    } catch (e) {
        ok(!expected, "HNetCfg.NATUPnP is Wine's builtin: DynamicPortMappingCollection: " + errorText(e));
    }
}

// Whose HNetCfg.FwPolicy2 answers: ours reports the private profile, Wine 8's builtin has no
// CurrentProfileTypes (E_NOTIMPL).
function policyIsOurs(expected) {
    var policy = create("HNetCfg.FwPolicy2");
    if (!policy)
        return;
    try {
        var types = policy.CurrentProfileTypes;
        ok(expected && types == 2, "HNetCfg.FwPolicy2 is ours: CurrentProfileTypes is " + types);
    } catch (e) {
        ok(!expected, "HNetCfg.FwPolicy2 is Wine's builtin: CurrentProfileTypes: " + errorText(e));
    }
}

function notCreatable() {
    var ids = ["HNetCfg.HNetShare.1", "HNetCfg.HNetShare"];
    for (var i = 0; i < ids.length; i++) {
        try {
            new ActiveXObject(ids[i]);
            ok(false, ids[i] + " is still creatable after unregistration");
        } catch (e) {
            ok(true, "");
            note(ids[i] + " after unregistration: " + errorText(e));
        }
    }
}

var mode = WScript.Arguments.length > 0 ? WScript.Arguments.Item(0) : "(none)";
note("mode " + mode);
try {
    if (mode == "builtin-first") {
        builtins();
        ours();
        natIsOurs(true);
        policyIsOurs(true);
    } else if (mode == "ours-first") {
        ours();
        natIsOurs(true);
        policyIsOurs(true);
        builtins();
    } else if (mode == "unregistered") {
        builtins();
        notCreatable();
        natIsOurs(false);
        policyIsOurs(false);
    } else
        ok(false, "unknown mode " + mode);
} catch (ex) {
    ok(false, "uncaught error: " + errorText(ex));
}
WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed");
