#!/bin/sh
# Registration and unregistration with regsvr32, exactly as a user runs it, for the architecture
# under test (OHN_ARCH: its DLL with its own regsvr32, C:\windows\system32 for x86_64 and
# C:\windows\syswow64 for i686):
#   regsvr32.sh
# Starts from neither architecture registered, copies the DLL to C:\ohn-reg (C:\ohn-reg32),
# exports HKEY_CLASSES_ROOT with the 64-bit reg (one export holds both views: the 32-bit one is
# under Wow6432Node), registers, checks every value registration writes in this architecture's
# view (and that it only adds keys of its own classes, ProgIDs, type libraries and interfaces,
# and changes only the keys of the UPnPNAT class it takes over from Wine's builtin), checks that
# Wine's builtin hnetcfg.dll classes still work next to ours, then registers the other
# architecture too and unregisters both in either order: every time, both views must be exactly
# what they were before (ignoring order), with Wine's builtin UPnPNAT back. At the end both
# architectures are registered again from their test folders, where the other tests expect
# them. Does not use the `registered` fixture; must not run concurrently with other tests.
set -u
. "$(dirname "$0")/common.sh"

case "$OHN_ARCH" in
    i686) reg_dir_unix="$WINEPREFIX/drive_c/ohn-reg32"; reg_dll='C:\ohn-reg32\hnetcfg.dll' ;;
    *) reg_dir_unix="$WINEPREFIX/drive_c/ohn-reg"; reg_dll='C:\ohn-reg\hnetcfg.dll' ;;
esac
dll_src="$OHN_BUILD_ROOT/$OHN_ARCH/src/hnetcfg.dll"
platform=$OHN_TYPELIB_PLATFORM
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

clsid_key="HKCR\\CLSID\\$OHN_CLSID"
typelib_key="HKCR\\TypeLib\\$OHN_LIBID"
# The dual interfaces of the type library (RegisterTypeLib registers these).
DUAL_IIDS='{C08956B7-1CD3-11D1-B1C5-00805FC1270E}
{C08956B6-1CD3-11D1-B1C5-00805FC1270E}
{C08956B1-1CD3-11D1-B1C5-00805FC1270E}
{24B7E9B5-E38F-4685-851B-00892CF5F940}
{02E4A2DE-DA20-4E34-89C8-AC22275A010B}
{F4277C95-CE5B-463D-8167-5662D9BCAA72}
{33C4643C-7811-46FA-A89A-768597BD7223}
{7D7A6355-F372-4971-A149-BFC927BE762A}
{38AE69E0-4409-402A-A2CB-E965C727F840}'
# Every interface of the IDL (registration may add keys for any of them, for no other).
ALL_IIDS="$DUAL_IIDS
{C08956A1-1CD3-11D1-B1C5-00805FC1270E}
{C08956B0-1CD3-11D1-B1C5-00805FC1270E}
{C08956B8-1CD3-11D1-B1C5-00805FC1270E}
{C08956B4-1CD3-11D1-B1C5-00805FC1270E}
{C08956B5-1CD3-11D1-B1C5-00805FC1270E}"
PSOAINTERFACE='{00020424-0000-0000-C000-000000000046}'
# UPnPNAT, taken over from Wine's builtin: its class, type library and interfaces, and ours.
NAT_CLSID='{AE1E00AA-3FD5-403C-8A27-2BBDC30CD0E1}'
NAT_LIBID='{1C565858-F302-471E-B409-F180AA4ABEC6}'
OWN_LIBID='{C9D91DC2-51A8-45B6-B3FE-D2AB2608634E}'
NAT_IIDS='{B171C812-CC76-485A-94D8-B6B3A2794E99}
{CD1F3E77-66D6-4664-82C7-36DBB641D0F1}
{6F10711F-729B-41E5-93B8-F21D0F818DF1}
{B60DE00F-156E-4E8D-9EC1-3A2342C10899}
{4FC80282-23B6-4378-9A27-CD8F17C9400C}
{624BD588-9060-4109-B0B0-1ADBBCAC32DF}
{D814D41E-E206-415E-9A10-DC13A80ABC2D}
{ADD4B305-AE8F-4192-8A7E-7CB745C036C1}'
nat_key="HKCR\\CLSID\\$NAT_CLSID"
# The firewall classes, taken over from Wine's builtin the same way, with NetFwPublicTypeLib.
FW_POLICY2_CLSID='{E2B3C97F-6AE1-41AC-817A-F6F92166D7DD}'
FW_RULE_CLSID='{2C5BC43E-3369-4C33-AB0C-BE9469677AF4}'
FW_MGR_CLSID='{304CE942-6E39-40D8-943A-B913C40C9CD4}'
FW_APP_CLSID='{EC9846B3-2762-4A6B-A214-6ACB603462D2}'
FW_PORT_CLSID='{0CA545C6-37AD-4A6C-BF92-9F7610067EF5}'
FW_PRODUCT_CLSID='{9D745ED8-C514-4D1D-BF42-751FED2D5AC7}'
FW_PRODUCTS_CLSID='{CC19079B-8272-4D73-BB70-CDB533527B61}'
FW_LIBID='{DB4F3345-3EF8-45ED-B976-25A6D3B81B71}'
FW_IIDS='{A6207B2E-7CDD-426A-951E-5E1CBC5AFEAD}
{E0483BA0-47FF-4D9C-A6D6-7741D0B195F7}
{C0E9D7FA-E07E-430A-B19A-090CE82D92E2}
{79FD57C8-908E-4A36-9888-D5B3F0A444CF}
{79649BB4-903E-421B-94C9-79848E79F6EE}
{B5E64FFA-C2C5-444E-A301-FB5E00018050}
{D4BECDDF-6F73-4A83-B832-9C66874CD20E}
{644EFD52-CCF9-486C-97A2-39F352570B30}
{AF230D27-BABA-4E42-ACED-F524F22CFCE2}
{9C27C8DA-189B-4DDE-89F7-8B39A316782C}
{B21563FF-D696-4222-AB46-4E89B73AB34A}
{9C4C6277-5027-441E-AFAE-CA1F542DA009}
{8267BBE3-F890-491C-B7B6-2DB1EF0E5D2B}
{174A0DDA-E9F9-449D-993B-21AB667CA456}
{D46D2478-9AC9-4008-9DC7-5563CE5536CC}
{98325047-C671-4174-8D81-DEFCD3F03186}
{F7898AF5-CAC4-4632-A2EC-DA06E5111AF2}
{71881699-18F4-458B-B892-3FFCE5E07F75}
{39EB36E0-2097-40BD-8AF2-63A13B525362}'
fw_policy2_key="HKCR\\CLSID\\$FW_POLICY2_CLSID"
# The RTC-style session: a class of the project's own.
RTC_CLSID='{6BEA1C0E-F5BF-4354-A8DE-8DD839FE692C}'
rtc_key="HKCR\\CLSID\\$RTC_CLSID"

regsvr() {
    ohn_regsvr32 "$@"
    rc=$?
    if [ "$rc" -eq 0 ]; then ohn_say "ok: $OHN_SYSDIR\\regsvr32 $* exited 0"; else ohn_fail "$OHN_SYSDIR\\regsvr32 $* exited $rc"; fi
}

# peer [/u]: (un)registers the other architecture's DLL (its test folder) with its regsvr32.
peer() {
    if ohn_register_arch "$OHN_PEER_ARCH" "$@"; then
        ohn_say "ok: the $OHN_PEER_ARCH regsvr32 $* exited 0"
    else
        ohn_fail "the $OHN_PEER_ARCH regsvr32 $* failed"
    fi
}

# export NAME: HKEY_CLASSES_ROOT exported with the 64-bit reg (both views), normalized to $work/NAME: one
# line per key ("[key]") and per value ("[key]<TAB>value line", continuation lines joined),
# sorted, so that two exports compare with diff regardless of order.
export_hkcr() {
    rm -f "$WINEPREFIX/drive_c/ohn-export.reg"
    if ! ohn_reg64 export HKCR 'C:\ohn-export.reg' /y >/dev/null 2>&1; then
        ohn_fail "reg export HKCR failed ($1)"
        : >"$work/$1"
        return
    fi
    iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/drive_c/ohn-export.reg" | tr -d '\r' | awk '
        pending != "" { sub(/^ +/, ""); $0 = pending $0; pending = "" }
        /\\$/ { pending = substr($0, 1, length($0) - 1); next }
        /^\[/ { key = $0; print key; next }
        /^$/ || /^Windows Registry Editor/ || /^REGEDIT/ { next }
        { print key "\t" $0 }
    ' | LC_ALL=C sort >"$work/$1"
    rm -f "$WINEPREFIX/drive_c/ohn-export.reg"
    ohn_say "# exported HKCR ($1): $(wc -l <"$work/$1") lines"
}

# same_export A B WHAT: A and B must be identical.
same_export() {
    if cmp -s "$work/$1" "$work/$2"; then
        ohn_say "ok: HKCR $3"
        return
    fi
    ohn_fail "HKCR differs: $3"
    ohn_say "  only before ($1):"
    LC_ALL=C comm -23 "$work/$1" "$work/$2" | head -n 40 | sed 's/^/    /'
    ohn_say "  only after ($2):"
    LC_ALL=C comm -13 "$work/$1" "$work/$2" | head -n 40 | sed 's/^/    /'
}

# under KEY PATH...: KEY (an export's "[HKEY_CLASSES_ROOT\...]" line, upper case) is one of the
# paths (upper case, below HKCR) or below one of them.
under() {
    k="$1"
    shift
    for path in "$@"; do
        case "$k" in
            "[HKEY_CLASSES_ROOT\\$path]" | "[HKEY_CLASSES_ROOT\\$path\\"*) return 0 ;;
        esac
    done
    return 1
}

# The type library and interface keys of these GUIDs, in both registry views (Wine's
# RegisterTypeLib writes both, hence also Wow6432Node\TypeLib and Wow6432Node\Interface).
typelib_paths() { for g in "$@"; do printf '%s\n' "TYPELIB\\$g" "WOW6432NODE\\TYPELIB\\$g"; done; }
interface_paths() { for g in "$@"; do printf '%s\n' "INTERFACE\\$g" "WOW6432NODE\\INTERFACE\\$g"; done; }

# The keys of UPnPNAT, which registration takes over (may change), and the keys registration
# may create besides: its classes, its ProgIDs, its type libraries, its interfaces. One path a
# line, upper case, below HKCR.
NAT_PATHS="CLSID\\$NAT_CLSID
WOW6432NODE\\CLSID\\$NAT_CLSID
HNETCFG.NATUPNP
HNETCFG.NATUPNP.1
$(typelib_paths $NAT_LIBID $OWN_LIBID)
$(interface_paths $NAT_IIDS)
CLSID\\$FW_POLICY2_CLSID
WOW6432NODE\\CLSID\\$FW_POLICY2_CLSID
CLSID\\$FW_RULE_CLSID
WOW6432NODE\\CLSID\\$FW_RULE_CLSID
CLSID\\$FW_MGR_CLSID
WOW6432NODE\\CLSID\\$FW_MGR_CLSID
CLSID\\$FW_APP_CLSID
WOW6432NODE\\CLSID\\$FW_APP_CLSID
CLSID\\$FW_PORT_CLSID
WOW6432NODE\\CLSID\\$FW_PORT_CLSID
CLSID\\$FW_PRODUCT_CLSID
WOW6432NODE\\CLSID\\$FW_PRODUCT_CLSID
CLSID\\$FW_PRODUCTS_CLSID
WOW6432NODE\\CLSID\\$FW_PRODUCTS_CLSID
HNETCFG.FWPRODUCT
HNETCFG.FWPRODUCTS
HNETCFG.FWPOLICY2
HNETCFG.FWRULE
HNETCFG.FWMGR
HNETCFG.FWAUTHORIZEDAPPLICATION
HNETCFG.FWOPENPORT
$(typelib_paths $FW_LIBID)
$(interface_paths $FW_IIDS)"
OWN_PATHS="CLSID\\$OHN_CLSID
WOW6432NODE\\CLSID\\$OHN_CLSID
WOW6432NODE\\CLSID\\$RTC_CLSID
HNETCFG.HNETSHARE
HNETCFG.HNETSHARE.1
CLSID\\$RTC_CLSID
HNETCFG.RTCSESSION
HNETCFG.RTCSESSION.1
$(typelib_paths $OHN_LIBID)
$(interface_paths $ALL_IIDS)"

nat_owned_key() {
    # shellcheck disable=SC2086 # one path a line, no spaces
    under "$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')" $NAT_PATHS
}

allowed_key() {
    # shellcheck disable=SC2086
    under "$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')" $NAT_PATHS $OWN_PATHS
}

# Registration only adds keys of its own, and changes only the UPnPNAT keys it takes over.
check_additions() {
    LC_ALL=C comm -23 "$work/$1" "$work/$2" >"$work/removed"
    changed=0
    while IFS= read -r line; do
        key=${line%%"	"*}
        if ! nat_owned_key "$key"; then
            [ "$changed" -lt 40 ] && ohn_say "    changed: $line"
            changed=$((changed + 1))
        fi
    done <"$work/removed"
    if [ "$changed" -gt 0 ]; then
        ohn_fail "registration removed or changed HKCR entries other than UPnPNAT's (listed above)"
    else
        ohn_say "ok: registration changed nothing in HKCR but the UPnPNAT keys it takes over ($(wc -l <"$work/removed") lines)"
    fi
    LC_ALL=C comm -13 "$work/$1" "$work/$2" >"$work/added"
    n=$(wc -l <"$work/added")
    foreign=0
    while IFS= read -r line; do
        key=${line%%"	"*}
        if ! allowed_key "$key"; then
            [ "$foreign" -lt 40 ] && ohn_say "    foreign: $line"
            foreign=$((foreign + 1))
        fi
    done <"$work/added"
    if [ "$foreign" -eq 0 ] && [ "$n" -gt 0 ]; then
        ohn_say "ok: registration added $n HKCR entries, all under its class, ProgIDs, type library and interfaces"
    elif [ "$n" -eq 0 ]; then
        ohn_fail "registration added nothing to HKCR"
    else
        ohn_fail "registration added $foreign HKCR entries outside its own keys (listed above)"
    fi
}

check_registered() {
    path="$1"
    ohn_note "values of the registration at $path"
    got=$(ohn_reg_value "$clsid_key") || got=""
    [ -n "$got" ] && ohn_say "ok: $clsid_key (default) = '$got'" || ohn_fail "$clsid_key has no description"
    ohn_expect_value "$clsid_key\\InprocServer32" "" "$path"
    ohn_expect_value "$clsid_key\\InprocServer32" ThreadingModel Both
    ohn_expect_value "$clsid_key\\ProgID" "" HNetCfg.HNetShare.1
    ohn_expect_value "$clsid_key\\VersionIndependentProgID" "" HNetCfg.HNetShare
    ohn_expect_value "$clsid_key\\TypeLib" "" "$OHN_LIBID"
    ohn_expect_value 'HKCR\HNetCfg.HNetShare.1\CLSID' "" "$OHN_CLSID"
    ohn_expect_value 'HKCR\HNetCfg.HNetShare\CLSID' "" "$OHN_CLSID"
    ohn_expect_value 'HKCR\HNetCfg.HNetShare\CurVer' "" HNetCfg.HNetShare.1
    ohn_expect_value "$typelib_key\\1.0" "" "NetCon 1.0 Type Library"
    ohn_expect_value "$typelib_key\\1.0\\0\\$platform" "" "$path"
    ohn_expect_key "$typelib_key\\1.0\\FLAGS"
    for iid in $DUAL_IIDS; do
        ohn_expect_value "HKCR\\Interface\\$iid\\TypeLib" "" "$OHN_LIBID"
        ohn_expect_value "HKCR\\Interface\\$iid\\ProxyStubClsid32" "" "$PSOAINTERFACE"
    done
    ohn_note "values of the UPnPNAT registration at $path"
    ohn_expect_value "$nat_key\\InprocServer32" "" "$path"
    ohn_expect_value "$nat_key\\InprocServer32" ThreadingModel Apartment
    ohn_expect_value "$nat_key\\ProgID" "" HNetCfg.NATUPnP.1
    ohn_expect_value "$nat_key\\VersionIndependentProgID" "" HNetCfg.NATUPnP
    ohn_expect_value "$nat_key\\TypeLib" "" "$NAT_LIBID"
    ohn_expect_key "$nat_key\\Programmable"
    ohn_expect_value 'HKCR\HNetCfg.NATUPnP\CLSID' "" "$NAT_CLSID"
    ohn_expect_value 'HKCR\HNetCfg.NATUPnP\CurVer' "" HNetCfg.NATUPnP.1
    ohn_expect_value "HKCR\\TypeLib\\$NAT_LIBID\\1.0" "" "NATUPnP 1.0 Type Library"
    ohn_expect_value "HKCR\\TypeLib\\$NAT_LIBID\\1.0\\0\\$platform" "" "$path\\2"
    ohn_expect_value "HKCR\\TypeLib\\$OWN_LIBID\\1.0\\0\\$platform" "" "$path\\3"
    for iid in $NAT_IIDS; do
        ohn_expect_value "HKCR\\Interface\\$iid\\ProxyStubClsid32" "" "$PSOAINTERFACE"
    done
    ohn_note "values of the RTCSession registration at $path"
    ohn_expect_value "$rtc_key\\InprocServer32" "" "$path"
    ohn_expect_value "$rtc_key\\InprocServer32" ThreadingModel Both
    ohn_expect_value "$rtc_key\\ProgID" "" HNetCfg.RTCSession.1
    ohn_expect_value "$rtc_key\\VersionIndependentProgID" "" HNetCfg.RTCSession
    ohn_expect_value "$rtc_key\\TypeLib" "" "$OWN_LIBID"
    ohn_expect_value 'HKCR\HNetCfg.RTCSession.1\CLSID' "" "$RTC_CLSID"
    ohn_expect_value 'HKCR\HNetCfg.RTCSession\CLSID' "" "$RTC_CLSID"
    ohn_expect_value 'HKCR\HNetCfg.RTCSession\CurVer' "" HNetCfg.RTCSession.1
}

# This view has Wine's builtin UPnPNAT back and none of our classes, while the other
# architecture's registration (the peer's test DLL) still answers in its own view.
check_unregistered_own_view() {
    ohn_expect_value "$nat_key\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "$fw_policy2_key\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_no_key "$clsid_key"
    ohn_expect_no_key "$rtc_key"
    ohn_arch_vars "$OHN_PEER_ARCH"
    peer_dll="$ohn_test_dir\\hnetcfg.dll"
    peer_platform=$ohn_typelib_platform
    ohn_arch_vars "$OHN_ARCH"
    if [ "$OHN_ARCH" = i686 ]; then view=/reg:64; else view=/reg:32; fi
    got=$(ohn_reg query "$clsid_key\\InprocServer32" /ve $view 2>/dev/null | tr -d '\r' | grep REG_SZ | sed -E 's/.*REG_SZ +//')
    if [ "$got" = "$peer_dll" ]; then
        ohn_say "ok: the $OHN_PEER_ARCH view still has our class at $peer_dll"
    else
        ohn_fail "the $OHN_PEER_ARCH view lost our class: '$got', want '$peer_dll'"
    fi
    ohn_expect_value "$typelib_key\\1.0\\0\\$peer_platform" "" "$peer_dll"
    ohn_expect_value 'HKCR\HNetCfg.HNetShare\CLSID' "" "$OHN_CLSID"
}

check_unregistered() {
    # Wine's builtin UPnPNAT registration, as every prefix has it.
    ohn_expect_value "$nat_key\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "HKCR\\TypeLib\\$NAT_LIBID\\1.0\\0\\$platform" "" 'C:\windows\system32\hnetcfg.dll\2'
    ohn_expect_value "$fw_policy2_key\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "HKCR\\CLSID\\$FW_RULE_CLSID\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "HKCR\\CLSID\\$FW_MGR_CLSID\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "HKCR\\CLSID\\$FW_PRODUCTS_CLSID\\InprocServer32" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_value "HKCR\\TypeLib\\$FW_LIBID\\1.0\\0\\$platform" "" 'C:\windows\system32\hnetcfg.dll'
    ohn_expect_no_key "HKCR\\TypeLib\\$OWN_LIBID"
    ohn_expect_no_key "$clsid_key"
    ohn_expect_no_key "$rtc_key"
    ohn_expect_no_key 'HKCR\HNetCfg.RTCSession'
    ohn_expect_no_key 'HKCR\HNetCfg.RTCSession.1'
    ohn_expect_no_key 'HKCR\HNetCfg.HNetShare'
    ohn_expect_no_key 'HKCR\HNetCfg.HNetShare.1'
    ohn_expect_no_key "$typelib_key"
    ohn_expect_no_key 'HKCR\Interface\{C08956B7-1CD3-11D1-B1C5-00805FC1270E}'
}

ohn_note "neither architecture registered: the prefix as Wine made it"
# Both test DLLs in their folders first (this test does not need the fixture that puts them there).
ohn_install_arch x86_64 || ohn_fail "could not install the x86_64 DLL in C:\\ohn-test"
ohn_install_arch i686 || ohn_fail "could not install the i686 DLL in C:\\ohn-test32"
regsvr /u /s "$OHN_TEST_DLL"
peer /u
mkdir -p "$reg_dir_unix"
cp "$dll_src" "$reg_dir_unix/hnetcfg.dll"
regsvr /u /s "$reg_dll"
check_unregistered
ohn_run_script builtins.js unregistered
export_hkcr before

ohn_note "registration"
regsvr /s "$reg_dll"
check_registered "$reg_dll"
export_hkcr registered
check_additions before registered

ohn_note "registering again changes nothing"
regsvr /s "$reg_dll"
export_hkcr registered-twice
same_export registered registered-twice "after a second registration equals after the first"

ohn_note "Wine's builtin classes next to ours"
ohn_run_script builtins.js builtin-first
ohn_run_script builtins.js ours-first

ohn_note "the other architecture registered too, then unregistered first: this view is untouched"
peer
export_hkcr both
regsvr /s "$reg_dll"
export_hkcr both-again
same_export both both-again "registering this architecture again with both registered changes nothing"
peer /u
check_registered "$reg_dll"
export_hkcr peer-gone
same_export registered peer-gone "after the other architecture's registration and unregistration equals this one's alone"

ohn_note "unregistration"
regsvr /u /s "$reg_dll"
check_unregistered
export_hkcr after
same_export before after "after unregistration equals HKCR before registration (both views)"
ohn_run_script builtins.js unregistered

ohn_note "unregistering again changes nothing"
regsvr /u /s "$reg_dll"
export_hkcr after-twice
same_export before after-twice "after a second unregistration equals HKCR before registration"

ohn_note "both registered, this one unregistered first: the other keeps its view"
regsvr /s "$reg_dll"
peer
regsvr /u /s "$reg_dll"
check_unregistered_own_view
peer /u
export_hkcr after-both
same_export before after-both "after both unregistrations (this one first) equals HKCR before registration"

ohn_note "unregistration leaves a ProgID that names another class alone"
foreign_clsid='{0E4A9C1B-7D55-4C2E-9F3A-6B1D2C3E4F50}'
ohn_reg add 'HKCR\HNetCfg.HNetShare\CLSID' /ve /d "$foreign_clsid" /f >/dev/null 2>&1 ||
    ohn_fail "could not create a foreign HKCR\HNetCfg.HNetShare"
regsvr /u /s "$reg_dll"
ohn_expect_value 'HKCR\HNetCfg.HNetShare\CLSID' "" "$foreign_clsid"
ohn_reg delete 'HKCR\HNetCfg.HNetShare' /f >/dev/null 2>&1 || ohn_fail "could not delete HKCR\HNetCfg.HNetShare"
export_hkcr after-foreign
same_export before after-foreign "after the foreign ProgID test equals HKCR before registration"

ohn_note "registering both architectures again from their test folders for the other tests"
rm -rf "$reg_dir_unix"
ohn_install_arch x86_64 || ohn_fail "x86_64 registration at C:\\ohn-test failed"
ohn_install_arch i686 || ohn_fail "i686 registration at C:\\ohn-test32 failed"
ohn_expect_value "$clsid_key\\InprocServer32" "" "$OHN_TEST_DLL"
ohn_expect_value "$typelib_key\\1.0\\0\\$platform" "" "$OHN_TEST_DLL"
ohn_finish
