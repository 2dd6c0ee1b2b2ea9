#!/bin/sh
# The RTC session from the programs a user runs, with no router on the network:
#   - examples/rtc_port_manager.exe, an application's IRTCPortManager for a fixed port range:
#     every mapping comes from it, the remote address change reaches it, every port is released;
#     a range too small for the session fails the start and still gives every port back;
#   - `hnetmap session`: with no publicly shared connection there is no mapping to be had (exit 1,
#     nothing stored); with one, the mappings come from the ICS store, are listed by `hnetmap
#     list` while the session holds them, and are gone when it ends.
#   rtc_tools.sh RTC_PORT_MANAGER_EXE
set -u
example="$1"
. "$(dirname "$0")/common.sh"

hnetmap() { ohn_wine "$OHN_TEST_DIR\\hnetmap.exe" "$@" 2>&1 | tr -d '\r'; }
# expect_count TEXT PATTERN N WHAT
expect_count() {
    n=$(printf '%s\n' "$1" | grep -c -- "$2")
    if [ "$n" -eq "$3" ]; then ohn_say "ok: $4 ($n)"; else ohn_fail "$4: $n lines match '$2', expected $3"; fi
}

# run_example STATUS ARGS...: runs the example, shows its output (in $text), checks its exit status.
run_example() {
    want="$1"
    shift
    ohn_wine "$example" "$@" >"$WINEPREFIX/example.out" 2>&1
    rc=$?
    text=$(tr -d '\r' <"$WINEPREFIX/example.out")
    printf '%s\n' "$text" | sed 's/^/    /'
    if [ "$rc" -eq "$want" ]; then ohn_say "ok: the example exited $rc"; else ohn_fail "the example exited $rc, expected $want"; fi
}

ohn_wipe_store
ohn_note "the example port manager, UDP 50000-50009 forwarded from 198.51.100.7"
run_example 0 198.51.100.7 50000 50009 sip:bob@192.0.2.7 --video --internal 192.0.2.1 --moved 192.0.2.9
expect_count "$text" "GetMapping(.*remote 192.0.2.7) -> 198.51.100.7:5000[0-3] outside" 4 "one GetMapping per media port"
expect_count "$text" "192.0.2.1:5000[0-3] -> 198.51.100.7:5000[0-3] from the application's port manager" 4 \
    "every mapping from the port manager"
expect_count "$text" "UpdateRemoteAddress(192.0.2.9)" 4 "the remote address change reached it for each mapping"
expect_count "$text" "ReleaseMapping(198.51.100.7:5000[0-3])" 4 "every mapping released"

ohn_note "a range of three ports for a session that needs four"
run_example 1 198.51.100.7 50000 50002 sip:bob@192.0.2.7 --video --internal 192.0.2.1
expect_count "$text" "AddParticipant: 0x80EE0046" 1 "the start failed with RTC_E_PORT_MAPPING_FAILED"
expect_count "$text" "ReleaseMapping" 3 "the three ports obtained were released"
expect_count "$text" "never released" 0 "no port left given"

ohn_note "hnetmap session without a publicly shared connection"
text=$(hnetmap session sip:bob@192.0.2.7)
printf '%s\n' "$text" | sed 's/^/    /'
expect_count "$text" "no UPnP gateway answers and no connection is shared publicly" 1 "no mapping to be had"
if [ -z "$(ohn_store_records)" ]; then ohn_say "ok: nothing stored"; else ohn_fail "records stored: $(ohn_store_records)"; fi

ohn_note "hnetmap session with ohn0 shared publicly"
hnetmap share ohn0 public >/dev/null || ohn_fail "hnetmap share ohn0 public failed"
hnetmap session sip:bob@192.0.2.7 --video --hold 4 >"$WINEPREFIX/session.out" 2>&1 &
pid=$!
listed=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    sleep 0.5
    listed=$(hnetmap list)
    [ "$(printf '%s\n' "$listed" | grep -c 'open-hnetcfg RTC session')" -eq 4 ] && break
done
printf '%s\n' "$listed" | grep 'RTC session' | sed 's/^/    /'
expect_count "$listed" "open-hnetcfg RTC session [0-9]*\.[0-9a-f]* [a-z]* RTC*P" 4 \
    "hnetmap list shows the session's four UDP mappings while it holds them"
wait "$pid"
rc=$?
text=$(tr -d '\r' <"$WINEPREFIX/session.out")
printf '%s\n' "$text" | sed 's/^/    /'
[ "$rc" -eq 0 ] && ohn_say "ok: hnetmap session exited 0" || ohn_fail "hnetmap session exited $rc"
expect_count "$text" "from the ICS mapping store" 4 "every mapping from the store"
expect_count "$(hnetmap list)" "open-hnetcfg RTC session" 0 "the mappings are gone after the session"
hnetmap unshare ohn0 >/dev/null
ohn_wipe_store
ohn_finish
