#!/bin/sh
# Copies the source tree SRC into DEST: what git tracks and the untracked files it does not
# ignore (so no build/ or dist/), or, outside a git checkout, everything but build/ and dist/.
# For a tree that others build from (scripts/release-chroot.sh, scripts/package.sh).
#
#   scripts/copy-tree.sh SRC DEST
set -eu
src="$1"
dest="$2"
mkdir -p "$dest"
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf -) | tar -xf - -C "$dest"
else
    (cd "$src" && tar --exclude=./build --exclude=./dist -cf - .) | tar -xf - -C "$dest"
fi
