# Helpers for the script-level tests; sourced by the *.sh tests here (POSIX sh).
# The tests run inside scripts/in-netns.sh (via ctest), so every wine process below runs in its
# network namespace with its prefix ($WINEPREFIX).

: "${WINEPREFIX:?run the tests through scripts/in-netns.sh (it makes the namespace and prefix)}"

OHN_SCRIPTS_DIR=$(cd "$(dirname "$0")" && pwd)
# The loader, cscript, regsvr32 and reg of the architecture under test (OHN_ARCH).
. "$OHN_SCRIPTS_DIR/../arch.sh"
# The harnesses put in front of each .js and .vbs (tests elsewhere set them before sourcing this).
OHN_HARNESS="${OHN_HARNESS:-$OHN_SCRIPTS_DIR/harness.js}"
OHN_HARNESS_VBS="${OHN_HARNESS_VBS:-$OHN_SCRIPTS_DIR/harness.vbs}"
# The scripts are copied into the prefix and run from there (cscript wants a Windows path).
OHN_STAGE_UNIX="$WINEPREFIX/drive_c/ohn-scripts"
OHN_STAGE_WIN='C:\ohn-scripts'
OHN_STORE_KEY='HKLM\Software\open-hnetcfg'
OHN_CLSID='{5C63C1AD-3956-4FF8-8486-40034758315B}'
OHN_LIBID='{43E734CA-043D-4A70-9A2C-A8F254063D91}'

# A non-ASCII sample (c a f e-acute, space, two CJK ideographs, space, U+1F600 as a surrogate
# pair: 10 UTF-16 units) for scripts to get as an argument: Wine 8's VBScript has no ChrW / AscW /
# Unescape, so it cannot build such a string itself. cscript gets its arguments decoded as UTF-8
# (LC_ALL=C.UTF-8 below).
OHN_SAMPLE=$(printf 'caf\303\251 \344\270\255\346\226\207 \360\237\230\200')

ohn_failures=0

# Prints its arguments as they are (dash's echo would interpret the backslashes of registry paths).
ohn_say() {
    printf '%s\n' "$*"
}

ohn_fail() {
    ohn_say "FAIL: $*"
    ohn_failures=$((ohn_failures + 1))
}

ohn_note() {
    ohn_say "# $*"
}

# ohn_finish: the test's exit status.
ohn_finish() {
    if [ "$ohn_failures" -ne 0 ]; then
        ohn_say "$ohn_failures check(s) failed"
        exit 1
    fi
    ohn_say "all checks passed"
    exit 0
}

# Removes the whole store (64-bit registry view); "not found" is fine, anything left is not.
ohn_wipe_store() {
    ohn_reg delete "$OHN_STORE_KEY" /f /reg:64 >/dev/null 2>&1 || true
    if ohn_reg query "$OHN_STORE_KEY" /reg:64 >/dev/null 2>&1; then
        ohn_fail "could not delete $OHN_STORE_KEY"
    fi
    # The firewall store (rules and profile settings, where Windows keeps them).
    ohn_reg delete "$OHN_FIREWALL_KEY" /f /reg:64 >/dev/null 2>&1 || true
}
OHN_FIREWALL_KEY='HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy'

# Prints the names of the mapping records left in the store (the values of the group keys
# PortMappings\TCP-00xxx and so on, such as TCP-00555), one a line (nothing when there is none).
ohn_store_records() {
    ohn_reg query "$OHN_STORE_KEY" /s /reg:64 2>/dev/null | tr -d '\r' |
        awk '/^HKEY_/ { mappings = ($0 ~ /\\PortMappings\\(TCP|UDP)-[0-9][0-9]xxx$/); next } mappings && NF >= 3 { print $1 }'
}

# ohn_run_script FILE [ARGS...]: copies FILE (from this folder) into the prefix, runs it with
# cscript and checks its output. A script prints "FAIL: ..." per failed check and, last, exactly
# one "SUMMARY: <n> passed, <m> failed" line. Wine's cscript exits 0 and prints nothing on an
# uncaught script error, so a missing SUMMARY line means the script died: that fails too.
ohn_run_script() {
    file="$1"
    shift
    mkdir -p "$OHN_STAGE_UNIX"
    case "$file" in
        *.js) cat "$OHN_HARNESS" "$OHN_SCRIPTS_DIR/$file" >"$OHN_STAGE_UNIX/$file" ;;
        *.vbs) cat "$OHN_HARNESS_VBS" "$OHN_SCRIPTS_DIR/$file" >"$OHN_STAGE_UNIX/$file" ;;
        *) cp "$OHN_SCRIPTS_DIR/$file" "$OHN_STAGE_UNIX/$file" ;;
    esac
    out=$(mktemp)
    ohn_note "$OHN_LOADER $OHN_SYSDIR\\cscript.exe //nologo $OHN_STAGE_WIN\\$file $*"
    LC_ALL=C.UTF-8 ohn_cscript //nologo "$OHN_STAGE_WIN\\$file" "$@" >"$out" 2>&1
    rc=$?
    tr -d '\r' <"$out" >"$out.txt"
    sed 's/^/    /' "$out.txt"
    [ "$rc" -eq 0 ] || ohn_fail "$file $*: cscript exited with $rc"
    summaries=$(grep -c '^SUMMARY: ' "$out.txt")
    if [ "$summaries" -ne 1 ]; then
        ohn_fail "$file $*: expected one SUMMARY line, found $summaries (the script died or never ran)"
    elif ! grep -Eqx 'SUMMARY: [1-9][0-9]* passed, 0 failed' "$out.txt"; then
        ohn_fail "$file $*: $(grep '^SUMMARY: ' "$out.txt")"
    elif grep -q '^FAIL:' "$out.txt"; then
        ohn_fail "$file $*: FAIL lines despite a clean SUMMARY"
    fi
    rm -f "$out" "$out.txt"
}

# ohn_reg_value KEY [NAME]: the data of value NAME (the default value without NAME) of KEY, as
# `reg query` (of the architecture under test: its registry view) prints it; returns 1 when the key or value is missing.
ohn_reg_value() {
    if [ $# -ge 2 ]; then
        q=$(ohn_reg query "$1" /v "$2" 2>/dev/null) || return 1
    else
        q=$(ohn_reg query "$1" /ve 2>/dev/null) || return 1
    fi
    printf '%s\n' "$q" | tr -d '\r' | grep -E '^    .*    REG_[A-Z_]+    ' | head -n 1 |
        sed -E 's/^    .*    REG_[A-Z_]+    //'
}

# ohn_expect_value KEY NAME|"" WANT: checks a REG_SZ value (NAME "" is the default value).
ohn_expect_value() {
    if [ -n "$2" ]; then
        got=$(ohn_reg_value "$1" "$2") || { ohn_fail "$1 [$2] is missing (want '$3')"; return; }
    else
        got=$(ohn_reg_value "$1") || { ohn_fail "$1 (default) is missing (want '$3')"; return; }
    fi
    if [ "$got" = "$3" ]; then
        ohn_say "ok: $1 [${2:-(default)}] = '$got'"
    else
        ohn_fail "$1 [${2:-(default)}] = '$got', want '$3'"
    fi
}

# ohn_expect_key KEY [/reg:64]: KEY exists (in the view of the architecture under test, or
# the one named).
ohn_expect_key() {
    if ohn_reg query "$1" ${2:+"$2"} >/dev/null 2>&1; then
        ohn_say "ok: $1 exists"
    else
        ohn_fail "$1 is missing"
    fi
}

ohn_expect_no_key() {
    if ohn_reg query "$1" >/dev/null 2>&1; then
        ohn_fail "$1 exists: $(ohn_reg query "$1" /s 2>&1 | tr -d '\r' | head -n 20)"
    else
        ohn_say "ok: $1 does not exist"
    fi
}

# ohn_hnetmap_of ARCH ARGS...: that architecture's hnetmap.exe (from its test folder) with its
# loader, its output without carriage returns.
ohn_hnetmap_of() {
    ohn_arch_vars "$1"
    shift
    _loader=$ohn_wine
    _dir=$ohn_test_dir
    ohn_arch_vars "$OHN_ARCH"
    "$_loader" "$_dir\\hnetmap.exe" "$@" 2>&1 | tr -d '\r'
}

# Forgets the gateway the prefix remembered, and the records of what it mapped on PCP and
# NAT-PMP servers: the next process discovers afresh.
ohn_forget_gateway() {
    ohn_reg delete 'HKLM\Software\open-hnetcfg\UPnP' /v Remembered /f /reg:64 >/dev/null 2>&1
    ohn_reg delete 'HKLM\Software\open-hnetcfg\UPnP' /v Absent /f /reg:64 >/dev/null 2>&1
    ohn_reg delete 'HKLM\Software\open-hnetcfg\UPnP\PCP' /f /reg:64 >/dev/null 2>&1
    return 0
}
