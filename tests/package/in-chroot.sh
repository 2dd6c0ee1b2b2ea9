#!/bin/sh
# The Debian package as a user meets it, in a fresh chroot of the release with no build tool in
# it (run as root inside scripts/release-chroot.sh; tests/package/test-package.sh drives it):
#
#   tests/package/in-chroot.sh DEB
#
#  1. `apt-get install ./open-hnetcfg_*.deb winetricks` as a user runs it (with what the
#     package recommends: wine64 and wine32, i386 being enabled first; winetricks from contrib),
#     and no compiler, MinGW or CMake comes with it;
#  2. an ordinary user, in a network namespace of this script's own (two veth ends, ohn0 and
#     ohn1, both inside it), runs tests/package/user-flows.sh: `open-hnetcfg install` on a new
#     prefix and on an existing one, JScript flows from each architecture's cscript, `status`,
#     `uninstall` (HKCR as before in both views), a reinstall that keeps mappings and firewall
#     rules, and the winetricks verb on another prefix;
#  3. `apt-get remove` leaves none of the package's files behind.
# The last line is "package: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
deb="$1"
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok: %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
    echo "package: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit $?
}

export DEBIAN_FRONTEND=noninteractive
dpkg --add-architecture i386
# contrib, for winetricks (one-line or deb822 sources, as debootstrap wrote them).
if [ -f /etc/apt/sources.list ]; then
    sed -i 's/^\(deb .* main\)$/\1 contrib/' /etc/apt/sources.list
fi
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed -i 's/^Components: main$/Components: main contrib/' "$f"
done
tries=0
until apt-get update -qq; do
    tries=$((tries + 1))
    [ $tries -lt 5 ] || break
    sleep $((tries * 10))
done
# No service starts in the chroot.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
start=$(date +%s)
if apt-get install -y -qq "$deb" winetricks iproute2 >/tmp/apt.log 2>&1; then
    ok "apt-get install ./$(basename "$deb") winetricks in $(( $(date +%s) - start )) s ($(grep -c '^Setting up' /tmp/apt.log) packages)"
else
    tail -n 20 /tmp/apt.log
    bad "apt-get install ./$(basename "$deb")"
    finish
fi
rm -f /usr/sbin/policy-rc.d
tools=""
for t in gcc cc x86_64-w64-mingw32-gcc i686-w64-mingw32-gcc cmake make widl; do
    command -v "$t" >/dev/null 2>&1 && tools="$tools $t"
done
[ -z "$tools" ] && ok "no build tool installed" || bad "build tools present:$tools"
dpkg -L open-hnetcfg | sort >/tmp/package-files
[ -x /usr/bin/open-hnetcfg ] && ok "/usr/bin/open-hnetcfg" || bad "no /usr/bin/open-hnetcfg"
man -w open-hnetcfg >/dev/null 2>&1 || [ -f /usr/share/man/man1/open-hnetcfg.1.gz ] && ok "the man page" || bad "no man page"

# An ordinary user, and a network namespace with two adapters of its own.
id player >/dev/null 2>&1 || useradd -m -s /bin/sh player
ns="ohn-package-$$"
"$here/../../scripts/netns-add.sh" "$ns"
work=$(mktemp -d /tmp/ohn-user.XXXXXX)
cp "$here/user-flows.sh" "$here/../scripts/harness.js" "$here/../scripts/ics_flow.js" "$here/flows.js" "$work/"
chown -R player: "$work"
ip netns exec "$ns" runuser -u player -- env -i HOME=/home/player USER=player PATH=/usr/bin:/bin \
    LANG=C.UTF-8 sh "$work/user-flows.sh" "$work" >"$work/user.log" 2>&1
rc=$?
cat "$work/user.log"
u_pass=$(sed -n 's/^user: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$work/user.log")
u_fail=$(sed -n 's/^user: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$work/user.log")
if [ -z "$u_pass" ]; then bad "user-flows.sh ended without its summary (exit $rc)"; else
    pass=$((pass + u_pass))
    fail=$((fail + u_fail))
    [ $rc -eq 0 ] || [ "$u_fail" -gt 0 ] || bad "user-flows.sh exit $rc"
fi
# The user's wineservers, by their prefixes (no process of the user is left running).
. /usr/lib/open-hnetcfg/wine-env.sh
for p in /home/player/p-*; do
    [ -d "$p" ] && ip netns exec "$ns" runuser -u player -- env WINEPREFIX="$p" "$OHN_WINESERVER" -k 2>/dev/null
done
ip netns del "$ns"
rm -rf "/etc/netns/$ns"

# apt-get remove: nothing of the package's files is left.
if apt-get remove -y -qq open-hnetcfg >/tmp/apt.log 2>&1; then ok "apt-get remove open-hnetcfg"; else bad "apt-get remove"; fi
left=""
while read -r f; do
    case "$f" in /.|/usr|/usr/bin|/usr/lib|/usr/share|/usr/share/doc|/usr/share/man|/usr/share/man/man1) continue ;; esac
    [ -e "$f" ] && left="$left $f"
done </tmp/package-files
[ -z "$left" ] && ok "apt-get remove left none of its $(wc -l </tmp/package-files) paths" || bad "left after remove:$left"
finish
