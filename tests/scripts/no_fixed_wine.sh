#!/bin/sh
# No script, test or build file names a Wine binary of its own: the loaders and the wineserver
# come from scripts/wine-env.sh alone (WINE and WINESERVER, else Debian's), so that a user's
# Wine is the one every command runs. Fails on a Debian path of a loader outside wine-env.sh, and
# on a command line that starts with plain `wine`, `wine64` or `wineserver`.
set -u
src="${OHN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$src" || exit 1
files=$(find scripts tests cmake bench examples tools debian CMakeLists.txt .ci -type f \
        \( -name '*.sh' -o -name '*.cmake' -o -name 'CMakeLists.txt' -o -name run -o -name '*.c' -o -name '*.py' \
           -o -name open-hnetcfg -o -name '*.verb' -o -name rules \) \
        ! -path scripts/wine-env.sh ! -path tests/scripts/no_fixed_wine.sh 2>/dev/null)
bad=$(grep -nE '/usr/lib/wine/|/usr/lib/(x86_64|i386)-linux-gnu/wine/wine' $files |
      grep -vE '^[^:]+:[0-9]+:[[:space:]]*(#|\*|/\*|//)')
plain=$(grep -nE '(^|[;&|(`]|\$\(|then|do|else)[[:space:]]*(ip netns exec [^ ]+ )?(env [^ ]+ )?(wine|wine64|wineserver|wineboot)[[:space:]]' $files |
        grep -vE '^[^:]+:[0-9]+:[[:space:]]*(#|\*|/\*|//)')
if [ -n "$bad$plain" ]; then
    echo "FAIL: a Wine binary named outside scripts/wine-env.sh:"
    printf '%s\n' "$bad" "$plain" | grep -v '^$'
    exit 1
fi
echo "ok: $(echo "$files" | wc -l) files name no Wine binary of their own"
