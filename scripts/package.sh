#!/bin/sh
# Builds the Debian package the Debian way (as root, on Debian 12 or 13): installs what is
# missing (scripts/install-deps.sh, then build-essential, debhelper and lintian), builds in a copy of the source
# tree with `dpkg-buildpackage -b`, puts open-hnetcfg_VERSION_all.deb in dist/ (DIST_DIR), and
# runs lintian on it.
#
#   scripts/package.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dist="${DIST_DIR:-$root/dist}"
"$root/scripts/install-deps.sh" >/dev/null
# dpkg-buildpackage checks build-essential besides debian/control's Build-Depends.
need=""
for p in build-essential debhelper lintian; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
[ -z "$need" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null

work=$(mktemp -d /tmp/ohn-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$(cd "$root" && dpkg-parsechangelog -SVersion)
src="$work/open-hnetcfg-$version"
"$root/scripts/copy-tree.sh" "$root" "$src"
start=$(date +%s)
(cd "$src" && dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1) || {
    tail -n 40 "$work/build.log" >&2
    echo "package: dpkg-buildpackage failed" >&2
    exit 1
}
mkdir -p "$dist"
deb="open-hnetcfg_${version}_all.deb"
mv "$work/$deb" "$dist/$deb"
echo "package: $dist/$deb built in $(( $(date +%s) - start )) s"
dpkg-deb -c "$dist/$deb" | awk '{print "package:   " $6 ($7 ? " " $7 " " $8 : "")}'
lintian "$dist/$deb" >"$work/lintian.txt" 2>&1 || true
echo "package: lintian: $(grep -c '^E:' "$work/lintian.txt") errors, $(grep -c '^W:' "$work/lintian.txt") warnings"
sed 's/^/package:   /' "$work/lintian.txt"
if grep -q '^E:' "$work/lintian.txt"; then
    echo "package: lintian reports errors" >&2
    exit 1
fi
