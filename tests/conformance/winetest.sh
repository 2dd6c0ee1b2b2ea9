#!/bin/sh
# Wine's own conformance tests of hnetcfg (dlls/hnetcfg/tests/*.c: policy.c in Wine 8.0 and
# 10.0), taken from the Wine source package of this Debian at build time (never committed),
# built with mingw-w64 as standalone test programs for both architectures, and run against this
# DLL and against Wine's builtin.
#
#   winetest.sh build OUT            fetches and builds OUT/x86_64/hnetcfg_test.exe and
#                                    OUT/i686/hnetcfg_test.exe (IDL headers from the build trees
#                                    OHN_BUILD_ROOT/ARCH/idl)
#   winetest.sh check OUT            fails unless both are built (the tests' fixture)
#   winetest.sh run OUT WHAT LABEL   runs both in the prefix and network namespace it is called
#                                    in ($WINEPREFIX, both DLLs of the project registered or, with
#                                    WHAT=builtin, none), in the default mode and with
#                                    WINETEST_PLATFORM=windows; prints each run's summary line as
#                                    "LABEL WHAT ARCH MODE: <summary>" and fails when a run crashed,
#                                    printed no summary, or failed a check. A check that succeeds
#                                    inside a todo_wine block (what Wine's builtin does not do yet
#                                    and this DLL does) counts as a failure in Wine's default mode;
#                                    it is listed ("todo fixed") and not held against this DLL.
#                                    WHAT=builtin is a report: it never fails.
#
# The source: the orig tarball of Debian's `wine` source package of the installed version (apt
# checks its hash against the Sources index), only the test files and include/wine/test.h
# extracted; Debian's own patches are not applied (none touches these files in 8.0 or 10.0).
# Every .c file of dlls/hnetcfg/tests is built, with a testlist.c as Wine's makedep writes one
# (each file's START_TEST), so a test file a newer Wine adds is picked up. What Wine's own build
# gives these headers and mingw-w64 does not: debugstr_w (Wine-internal), DECLSPEC_EXPORT
# (Wine 10's debug.h; empty: nothing is exported), and __wine_dbg_strdup (ntdll's: dbgstr.c).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

fetch() { # fetch DIR: DIR/tests/*.c and DIR/include/wine/test.h
    dir="$1"
    [ -f "$dir/include/wine/test.h" ] && return 0
    mkdir -p "$dir"
    version=$(dpkg-query -W -f='${source:Version}' wine 2>/dev/null || true)
    [ -n "$version" ] || version=$(dpkg-query -W -f='${source:Version}' libwine 2>/dev/null || true)
    pkg=wine${version:+=$version}
    uri=$(cd "$dir" && apt-get source --print-uris "$pkg" 2>/dev/null | awk '/orig\.tar/ { print $1, $2, $4; exit }')
    if [ -z "$uri" ]; then
        echo "winetest: apt knows no source of $pkg (scripts/install-deps.sh adds a deb-src entry)" >&2
        return 1
    fi
    set -- $uri
    url=$(echo "$1" | tr -d "'")
    /usr/lib/apt/apt-helper download-file "$url" "$dir/$2" "$3" >/dev/null 2>"$dir/download.log" || {
        cat "$dir/download.log" >&2
        return 1
    }
    tar -xf "$dir/$2" -C "$dir" --wildcards '*/dlls/hnetcfg/tests/*' '*/include/wine/test.h' '*/include/wine/debug.h'
    rm -f "$dir/$2"
    top=$(ls -d "$dir"/*/dlls/hnetcfg/tests | head -1)
    top=${top%/dlls/hnetcfg/tests}
    mkdir -p "$dir/tests" "$dir/include/wine"
    cp "$top"/dlls/hnetcfg/tests/*.c "$dir/tests/"
    cp "$top"/include/wine/test.h "$top"/include/wine/debug.h "$dir/include/wine/"
    rm -rf "$top"
    echo "winetest: $(ls "$dir/tests" | tr '\n' ' ')from $2 ($pkg)"
}

build() { # build OUT
    out="$1"
    : "${OHN_BUILD_ROOT:?OHN_BUILD_ROOT: the folder of the build trees}"
    fetch "$out/src"
    # testlist.c, as Wine's makedep writes it.
    names=$(sed -n 's/^START_TEST(\([A-Za-z0-9_]*\)).*/\1/p' "$out/src/tests"/*.c)
    {
        printf '#define STANDALONE\n#include "wine/test.h"\n'
        for n in $names; do printf 'extern void func_%s(void);\n' "$n"; done
        printf 'const struct test winetest_testlist[] =\n{\n'
        for n in $names; do printf '    { "%s", func_%s },\n' "$n" "$n"; done
        printf '    { 0, 0 }\n};\n'
    } >"$out/src/testlist.c"
    # natupnp.h, which mingw-w64 lacks: the project's own declarations (natupnplib.idl).
    mkdir -p "$out/src/shim"
    printf '#include "natupnplib.h"\n' >"$out/src/shim/natupnp.h"
    for arch in x86_64 i686; do
        mkdir -p "$out/$arch"
        idl="$OHN_BUILD_ROOT/$arch/idl"
        cc="$arch-w64-mingw32-gcc -O1 -w -D_WIN32_WINNT=0x0a00 -DWINVER=0x0a00 -Ddebugstr_w=wine_dbgstr_w -DDECLSPEC_EXPORT="
        cc="$cc -I$out/src/include -I$out/src/shim -I$idl"
        rm -f "$out/$arch"/*.o
        for c in "$out/src"/tests/*.c; do
            $cc -c -o "$out/$arch/$(basename "$c" .c).o" "$c"
        done
        # testlist.c includes only wine/test.h, whose main() needs wincon.h's console modes.
        $cc -include windows.h -c -o "$out/$arch/testlist.o" "$out/src/testlist.c"
        $cc -o "$out/$arch/hnetcfg_test.exe" "$out/$arch"/*.o "$here/dbgstr.c" "$idl/natupnplib_i.c" \
            "$idl/wine_netfw_i.c" -static -lole32 -loleaut32 -luuid -ladvapi32 -lmpr
    done
    echo "winetest: built $out/x86_64/hnetcfg_test.exe and $out/i686/hnetcfg_test.exe ($names)"
}

run() { # run OUT WHAT LABEL
    out="$1" what="$2" label="$3"
    . "$root/scripts/wine-env.sh"
    bad=0
    for arch in x86_64 i686; do
        if [ "$arch" = x86_64 ]; then loader=$OHN_WINE64; else loader=$OHN_WINE32; fi
        mkdir -p "$WINEPREFIX/drive_c/ohn-winetest"
        cp "$out/$arch/hnetcfg_test.exe" "$WINEPREFIX/drive_c/ohn-winetest/hnetcfg_test_$arch.exe"
        for mode in default windows; do
            log="$WINEPREFIX/drive_c/ohn-winetest/$what-$arch-$mode.log"
            platform=
            [ "$mode" = windows ] && platform=windows
            rc=0
            env -u WINETEST_PLATFORM ${platform:+WINETEST_PLATFORM=$platform} "$loader" \
                "C:\\ohn-winetest\\hnetcfg_test_$arch.exe" >"$log" 2>&1 || rc=$?
            tr -d '\r' <"$log" >"$log.txt"
            summaries=$(grep -E '^[0-9a-f]+:[a-z_0-9]+:.* tests executed' "$log.txt" || true)
            fixed=$(grep -c 'Test succeeded inside todo block' "$log.txt" || true)
            failed=$(printf '%s\n' "$summaries" | sed -n 's/.*, \([0-9]*\) failures\{0,1\}), .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
            crashed=$(grep -c -i 'unhandled exception\|page fault' "$log.txt" || true)
            printf '%s %s %s %s: %s (exit %s%s)\n' "$label" "$what" "$arch" "$mode" \
                "$(printf '%s' "$summaries" | sed 's/^[0-9a-f]*://' | tr '\n' ';')" "$rc" \
                "$([ "$fixed" -gt 0 ] && printf ', %s todo fixed' "$fixed")"
            grep -E 'Test failed|Test succeeded inside todo block|unhandled exception' "$log.txt" | sed 's/^/    /' | head -20
            [ "$what" = builtin ] && continue
            expected=0
            [ "$mode" = default ] && expected=$fixed
            if [ -z "$summaries" ] || [ "$crashed" -gt 0 ] || [ "$failed" -ne "$expected" ] || [ "$rc" -ne "$expected" ]; then
                echo "FAIL: $label $what $arch $mode: $failed failures ($expected are todo_wine checks this DLL passes), crash $crashed, exit $rc"
                bad=1
            fi
        done
    done
    return $bad
}

case "${1:-}" in
    build) build "$2" ;;
    run) run "$2" "$3" "$4" ;;
    check)
        for arch in x86_64 i686; do
            [ -f "$2/$arch/hnetcfg_test.exe" ] || { echo "winetest: no $2/$arch/hnetcfg_test.exe (scripts/build.sh builds it)" >&2; exit 1; }
        done
        echo "winetest: $(ls "$2/src/tests" | tr '\n' ' ')built for x86_64 and i686"
        ;;
    *) echo "usage: $0 build OUT | check OUT | run OUT ours|builtin LABEL" >&2; exit 2 ;;
esac
