#!/bin/sh
# The Debian package, built and then installed as a user would (as root):
#
#   tests/package/test-package.sh [--then-test] [RELEASE]      (default: trixie)
#
# builds it (scripts/package.sh: dist/open-hnetcfg_VERSION_all.deb, lintian), makes a fresh
# chroot of RELEASE (scripts/release-chroot.sh) and runs tests/package/in-chroot.sh there, before
# anything else is installed in it. With --then-test, the whole suite (scripts/test.sh) runs
# afterwards in the same chroot (CI does this, so that the release's Wine is installed once).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
then_test=""
[ "${1:-}" = --then-test ] && { then_test=1; shift; }
release="${1:-trixie}"
"$root/scripts/package.sh"
deb=$(ls "${DIST_DIR:-$root/dist}"/open-hnetcfg_*_all.deb | tail -n 1)
inner="tests/package/in-chroot.sh /root/files/$(basename "$deb")"
if [ -n "$then_test" ]; then
    inner="$inner; p=\$?; scripts/test.sh; t=\$?; [ \$p -eq 0 ] && [ \$t -eq 0 ]"
fi
OHN_CHROOT_FILES="$deb" exec "$root/scripts/release-chroot.sh" "$release" sh -c "$inner"
