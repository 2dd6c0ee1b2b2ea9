#!/bin/sh
# `hnetmap firewall ...`, the console's view of the Windows Firewall classes: rules added,
# listed and removed; the Windows XP lists (apps, ports) showing the rules of their shape; the
# current profile types shown and set; bad input refused with a readable error and exit status
# 1 (a call failed) or 2 (usage), changing nothing; `hnetmap firewall CONN on|off` still the
# connection's ICS firewall. Needs the `registered` fixture.
set -u
. "$(dirname "$0")/common.sh"

hnetmap() { ohn_wine "$OHN_TEST_DIR\\hnetmap.exe" "$@" 2>&1 | tr -d '\r'; }
# run STATUS ARGS...: hnetmap ARGS, its output in $text, its exit status checked.
run() {
    want="$1"
    shift
    ohn_wine "$OHN_TEST_DIR\\hnetmap.exe" "$@" >"$WINEPREFIX/hnetmap.out" 2>&1
    rc=$?
    text=$(tr -d '\r' <"$WINEPREFIX/hnetmap.out")
    printf '%s\n' "$text" | sed 's/^/    /'
    if [ "$rc" -eq "$want" ]; then ohn_say "ok: hnetmap $* exited $rc"; else ohn_fail "hnetmap $* exited $rc, expected $want"; fi
}
# has PATTERN WHAT: $text has a line matching PATTERN.
has() {
    if printf '%s\n' "$text" | grep -q -- "$1"; then ohn_say "ok: $2"; else ohn_fail "$2: no line matches '$1'"; fi
}

ohn_wipe_store
ohn_note "rules"
run 0 firewall rules
has '^0 rule(s)$' "no rules at first"
run 0 firewall add Game tcp 27015-27030,4380 --app 'C:\Games\game.exe' --profiles private,public --group Games
has '^added rule "Game"$' "the rule was added"
run 0 firewall rules
has '^1 rule(s)$' "one rule"
has '^Game	enabled in allow TCP port 27015-27030,4380 app C:\\Games\\game.exe group Games profiles private,public$' \
    "the rule's fields"
run 0 firewall add Blocker udp 53 --out --block --disabled
run 0 firewall rules
has '^Blocker	disabled out block UDP port 53 app - group - profiles all$' "an outbound block rule, disabled"

ohn_note "bad input"
run 1 firewall add Bad tcp 0
has 'ports are for tcp and udp' "a bad port list says what ports are"
run 1 firewall add 'a|b' tcp 80
has "a name is required and has no '|'" "a bad name says what a name is"
run 1 firewall add Ports any 80
run 2 firewall add Icmp icmp
run 2 firewall add Opt tcp 80 --profiles home
run 2 firewall add Opt tcp 80 --frobnicate
run 0 firewall rules
has '^2 rule(s)$' "the refused adds added nothing"

ohn_note "the Windows XP lists"
run 0 firewall apps
has '^0 authorized application(s)$' "a rule with ports is no authorized application"
run 0 firewall add Launcher any --app 'C:\Launcher\launcher.exe' --profiles private
run 0 firewall add Voice udp 3478 --profiles private
run 0 firewall apps
has '^1 authorized application(s)$' "one authorized application"
has '^Launcher	enabled C:\\Launcher\\launcher.exe from \*$' "the application"
run 0 firewall ports
has '^1 open port(s)$' "one open port"
has '^Voice	enabled UDP 3478 from \*$' "the port"

ohn_note "profiles"
run 0 firewall profile
has '^current profiles: private$' "private unless set"
run 0 firewall profile public
has '^current profiles: public$' "set to public"
run 0 firewall apps
has '^0 authorized application(s)$' "the public profile has no authorized application"
run 2 firewall profile home
run 0 firewall profile private

ohn_note "remove"
run 0 firewall remove Game
has '^removed rule "Game"$' "removed"
run 1 firewall remove Game
has 'there is no rule of that name' "a second remove says there is no such rule"
run 0 firewall rules
has '^3 rule(s)$' "three rules left"

ohn_note "the connection's ICS firewall is still \`firewall CONN on|off\`"
run 0 firewall ohn0 on
run 0 firewall ohn0 off
ohn_wipe_store
ohn_finish
