# The Wine programs of each architecture, named (POSIX sh, sourced). With wine32 installed,
# Debian's plain `wine` is the 32-bit loader, so no test says `wine`: each names the loader and
# the system folder it means.
#   OHN_ARCH (from ctest: x86_64 or i686) is the architecture under test; default x86_64.
#   OHN_BUILD_ROOT (from ctest) holds both build trees: x86_64/ and i686/.
# The loaders come from the Wine that WINE names (scripts/wine-env.sh: OHN_WINE64, OHN_WINE32,
# OHN_WINESERVER); a 32-bit program is always started by its syswow64 path, which both a
# two-loader Wine (Debian's Wine 8 and 10) and a one-loader one (Wine 11, new WoW64) accept.
# OHN_SOURCE_DIR (from ctest) is the source tree; else it is found above the sourcing script.
if [ -z "${OHN_SOURCE_DIR:-}" ]; then
    OHN_SOURCE_DIR=$(cd "$(dirname "$0")" && pwd)
    while [ "$OHN_SOURCE_DIR" != / ] && [ ! -f "$OHN_SOURCE_DIR/scripts/wine-env.sh" ]; do
        OHN_SOURCE_DIR=$(dirname "$OHN_SOURCE_DIR")
    done
fi
. "$OHN_SOURCE_DIR/scripts/wine-env.sh"
OHN_ARCH="${OHN_ARCH:-x86_64}"

# ohn_arch_vars ARCH: the loader, system folder and test folder of ARCH.
ohn_arch_vars() {
    case "$1" in
        i686)
            [ -n "$OHN_WINE32" ] || { echo "arch.sh: this Wine has no 32-bit loader" >&2; return 1; }
            ohn_wine=$OHN_WINE32
            ohn_sysdir='C:\windows\syswow64'
            ohn_test_dir='C:\ohn-test32'
            ohn_test_dir_unix="$WINEPREFIX/drive_c/ohn-test32"
            ohn_typelib_platform=win32
            ;;
        x86_64)
            ohn_wine=$OHN_WINE64
            ohn_sysdir='C:\windows\system32'
            ohn_test_dir='C:\ohn-test'
            ohn_test_dir_unix="$WINEPREFIX/drive_c/ohn-test"
            ohn_typelib_platform=win64
            ;;
        *) echo "arch.sh: unknown architecture '$1'" >&2; return 1 ;;
    esac
}

# The programs of the architecture under test: ohn_wine, ohn_cscript, ohn_regsvr32, ohn_reg run
# that architecture's loader with its own system folder's program (reg sees that
# architecture's registry view; /reg:64 reaches the 64-bit one from either).
ohn_arch_vars "$OHN_ARCH"
OHN_LOADER=$ohn_wine
OHN_SYSDIR=$ohn_sysdir
OHN_TEST_DIR=$ohn_test_dir
OHN_TEST_DIR_UNIX=$ohn_test_dir_unix
OHN_TEST_DLL="$ohn_test_dir\\hnetcfg.dll"
OHN_TYPELIB_PLATFORM=$ohn_typelib_platform
case "$OHN_ARCH" in i686) OHN_PEER_ARCH=x86_64 ;; *) OHN_PEER_ARCH=i686 ;; esac

ohn_wine() { "$OHN_LOADER" "$@"; }
ohn_cscript() { "$OHN_LOADER" "$OHN_SYSDIR\\cscript.exe" "$@"; }
ohn_regsvr32() { "$OHN_LOADER" "$OHN_SYSDIR\\regsvr32.exe" "$@"; }
ohn_reg() { "$OHN_LOADER" "$OHN_SYSDIR\\reg.exe" "$@"; }
# The 64-bit reg: its HKCR export holds both views (the 32-bit one under Wow6432Node).
ohn_reg64() { "$OHN_WINE64" 'C:\windows\system32\reg.exe' "$@"; }

# ohn_register_arch ARCH [/u]: (un)registers ARCH's DLL from its test folder with ARCH's regsvr32.
ohn_register_arch() {
    ohn_arch_vars "$1" || return 1
    "$ohn_wine" "$ohn_sysdir\\regsvr32.exe" /s ${2:+"$2"} "$ohn_test_dir\\hnetcfg.dll"
    rc=$?
    ohn_arch_vars "$OHN_ARCH"
    return $rc
}

# ohn_install_arch ARCH: copies ARCH's DLL and hnetmap.exe from its build tree into its test
# folder and registers the DLL with ARCH's regsvr32.
ohn_install_arch() {
    : "${OHN_BUILD_ROOT:?OHN_BUILD_ROOT: the folder of the build trees (set by ctest)}"
    ohn_arch_vars "$1" || return 1
    mkdir -p "$ohn_test_dir_unix"
    cp "$OHN_BUILD_ROOT/$1/src/hnetcfg.dll" "$ohn_test_dir_unix/hnetcfg.dll" || return 1
    cp "$OHN_BUILD_ROOT/$1/tools/hnetmap.exe" "$ohn_test_dir_unix/hnetmap.exe" || return 1
    ohn_arch_vars "$OHN_ARCH"
    ohn_register_arch "$1"
}
