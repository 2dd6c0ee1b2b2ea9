#!/bin/sh
# Prints the Debian mirror this machine's apt reaches (the first non-security URI of its deb822
# or one-line sources), else Debian's own: for a chroot or a suite's sources made from it
# (scripts/release-chroot.sh, scripts/check-cmocka.sh).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
echo "${mirror:-http://deb.debian.org/debian}"
