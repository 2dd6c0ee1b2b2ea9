// Checks shared by the JScript tests: common.sh puts this file in front of each script
// before running it (cscript has no include). Every check counts; the script ends with
// WScript.Echo("SUMMARY: " + passed + " passed, " + failed + " failed").

var passed = 0, failed = 0;

function ok(cond, msg) {
    if (cond)
        passed++;
    else {
        failed++;
        WScript.Echo("FAIL: " + msg);
    }
}

function note(msg) {
    WScript.Echo("# " + msg);
}

function hex(n) {
    var s = ((n >>> 0) + 0x100000000).toString(16).toUpperCase();
    return "0x" + s.substring(s.length - 8);
}

function repr(v) {
    if (typeof v == "string")
        return '"' + v + '"';
    return String(v) + " (" + typeof v + ")";
}

function is(got, want, msg) {
    ok(got === want, msg + ": got " + repr(got) + ", want " + repr(want));
}

// A string's UTF-16 code units in hex, for exact comparisons of non-ASCII strings.
function units(s) {
    if (typeof s != "string")
        return repr(s);
    var r = [];
    for (var i = 0; i < s.length; i++)
        r.push(s.charCodeAt(i).toString(16));
    return r.join(" ");
}
