# The Wine to use, as winetricks finds it (POSIX sh, sourced by every script and test that runs
# a Windows program). Nothing else in the project names a Wine binary.
#
#   WINE        the loader the user names (a path, or a name on PATH). Default: Debian's own
#               loaders, /usr/lib/wine/wine and /usr/lib/wine/wine64, where they exist (Debian 12
#               and 13: Wine 8 and 10); else `wine` on PATH.
#   WINESERVER  the wineserver of that Wine. Default: `wineserver` beside the loader (WineHQ's
#               /opt/wine-*/bin, a build tree, Proton's files/bin), else Debian's
#               /usr/lib/wine/wineserver, else `wineserver` on PATH.
#
# Sets:
#   OHN_WINE64       the loader of 64-bit programs: `${WINE}64` where it exists (Wine 10 and
#                    older, WineHQ's packages), else WINE itself (Wine 11, new WoW64 builds,
#                    Proton: one loader runs both architectures).
#   OHN_WINE32       the loader of 32-bit programs: WINE (Debian's /usr/lib/wine/wine by
#                    default); empty where this Wine has no 32-bit side (Debian's wine64
#                    without wine32). A 32-bit program in a WoW64 prefix is always started by
#                    its C:\windows\syswow64 path, which every layout accepts.
#   OHN_WINESERVER   the wineserver, as above.
#   OHN_WINE_LAYOUT  "two loaders" or "one loader", for messages.
# WINESERVER is exported when the user set it (Wine itself reads it); WINE is left as it was.
# shellcheck disable=SC2034  # the OHN_ variables are for the scripts that source this file

# ohn_which NAME: NAME's path if it is a path to an executable, or found on PATH; else nothing.
ohn_which() {
    case "$1" in
        */*) [ -x "$1" ] && printf '%s\n' "$1" ;;
        *) command -v "$1" 2>/dev/null | grep / ;;
    esac
}

ohn_wine_env() {
    OHN_WINE64=""
    OHN_WINE32=""
    if [ -n "${WINE:-}" ]; then
        _ohn_w=$(ohn_which "$WINE") || { echo "wine-env: WINE=$WINE is not an executable loader" >&2; return 1; }
        # Debian's /usr/bin/wine (WINE=wine) is a script that picks one of its two loaders: the
        # loaders themselves are meant.
        if ! head -c 4 "$_ohn_w" | grep -q ELF && grep -qs /usr/lib/wine/wine64 "$(readlink -f "$_ohn_w")"; then
            _ohn_w=/usr/lib/wine/wine
            [ -x "$_ohn_w" ] || _ohn_w=/usr/lib/wine/wine64
        fi
        case "$_ohn_w" in
            *64)
                # WINE names the 64-bit loader: its 32-bit partner is the same name without 64.
                OHN_WINE64=$_ohn_w
                OHN_WINE32=$(ohn_which "${_ohn_w%64}") || OHN_WINE32=""
                ;;
            *)
                OHN_WINE32=$_ohn_w
                OHN_WINE64=$(ohn_which "${_ohn_w}64") || OHN_WINE64=$_ohn_w
                ;;
        esac
        _ohn_dir=$(dirname "$_ohn_w")
    elif [ -x /usr/lib/wine/wine64 ] || [ -x /usr/lib/wine/wine ]; then
        # Debian's own packages: /usr/bin/wine is a wrapper that picks one of these.
        _ohn_dir=/usr/lib/wine
        [ -x /usr/lib/wine/wine64 ] && OHN_WINE64=/usr/lib/wine/wine64
        [ -x /usr/lib/wine/wine ] && OHN_WINE32=/usr/lib/wine/wine
        [ -n "$OHN_WINE64" ] || OHN_WINE64=$OHN_WINE32
    else
        _ohn_w=$(ohn_which wine) || { echo "wine-env: no Wine found: install Debian's wine, or name a loader with WINE=" >&2; return 1; }
        OHN_WINE32=$_ohn_w
        OHN_WINE64=$(ohn_which "${_ohn_w}64") || OHN_WINE64=$_ohn_w
        _ohn_dir=$(dirname "$_ohn_w")
    fi
    if [ "$OHN_WINE64" = "$OHN_WINE32" ]; then OHN_WINE_LAYOUT="one loader"; else OHN_WINE_LAYOUT="two loaders"; fi

    if [ -n "${WINESERVER:-}" ]; then
        OHN_WINESERVER=$(ohn_which "$WINESERVER") || { echo "wine-env: WINESERVER=$WINESERVER is not an executable" >&2; return 1; }
        export WINESERVER
    elif [ -x "$_ohn_dir/wineserver" ]; then
        OHN_WINESERVER="$_ohn_dir/wineserver"
    elif [ -x /usr/lib/wine/wineserver ] && [ -z "${WINE:-}" ]; then
        OHN_WINESERVER=/usr/lib/wine/wineserver
    else
        OHN_WINESERVER=$(ohn_which wineserver) || { echo "wine-env: no wineserver beside $_ohn_dir: name it with WINESERVER=" >&2; return 1; }
    fi
    unset _ohn_w _ohn_dir
}

ohn_wine_env
