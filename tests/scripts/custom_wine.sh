#!/bin/sh
# A Wine in a folder of its own, as a user of WineHQ's packages has it (/opt/wine-stable/bin: a
# `wine`, a `wine64` and a `wineserver`), named by WINE alone as for winetricks: the install and
# the flows of both architectures (install_prefix.sh: a 32-bit and a 64-bit script host each
# create HNetCfg.HNetShare, the 32-bit hnetmap adds a mapping that the 64-bit one lists,
# uninstall gives HKCR back in both views, a 32-bit prefix) run with nothing else assumed:
# `wine`, `wine64` and `wineserver` on PATH are poisoned, so a script that took the loader from
# anywhere but WINE fails, and the poison's log must stay empty. The folder holds links to the
# Wine under test (the one the default rules of scripts/wine-env.sh find).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
[ -n "$OHN_WINE32" ] && [ "$OHN_WINE32" != "$OHN_WINE64" ] || { ohn_say "SKIP: this Wine has one loader"; exit 0; }
work=$(mktemp -d /tmp/ohn-custom-wine.XXXXXX)
trap 'rm -rf "$work"' EXIT

bin="$work/opt/wine-test/bin"
mkdir -p "$bin" "$work/poison"
ln -s "$OHN_WINE32" "$bin/wine"
ln -s "$OHN_WINE64" "$bin/wine64"
ln -s "$OHN_WINESERVER" "$bin/wineserver"
for p in wine wine64 wineserver wine-stable wineboot regsvr32; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/poison.log"\nexit 97\n' "$p" "$work" >"$work/poison/$p"
    chmod +x "$work/poison/$p"
done

out=$(env -u WINESERVER WINE="$bin/wine" PATH="$work/poison:$PATH" OHN_SOURCE_DIR="${OHN_SOURCE_DIR:-}" \
      sh -c '. "$1/../../scripts/wine-env.sh" && echo "$OHN_WINE_LAYOUT: $OHN_WINE64 $OHN_WINE32 $OHN_WINESERVER"' sh "$here")
ohn_say "WINE=$bin/wine -> $out"
case "$out" in
    "two loaders: $bin/wine64 $bin/wine $bin/wineserver") ohn_say "ok: the loaders and wineserver beside WINE" ;;
    *) ohn_fail "scripts/wine-env.sh did not take the Wine beside WINE" ;;
esac

env -u WINESERVER WINE="$bin/wine" PATH="$work/poison:$PATH" sh "$here/install_prefix.sh"
rc=$?
[ $rc -eq 0 ] && ohn_say "ok: install_prefix.sh passed with WINE=$bin/wine" || ohn_fail "install_prefix.sh with WINE=$bin/wine: exit $rc"
if [ -s "$work/poison.log" ]; then
    ohn_fail "a program was taken from PATH instead of WINE: $(cat "$work/poison.log")"
else
    ohn_say "ok: nothing was run from PATH's wine, wine64 or wineserver"
fi
ohn_finish
