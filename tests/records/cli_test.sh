#!/usr/bin/env bash
# End-to-end check of the `briefing` attendance commands' contracts (INTERFACES.md): output, exit codes,
# idempotent tokens, inert CSV, audit verify, erasure leaving no bytes behind. Usage: cli_test.sh BRIEFING
set -u
B="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Our own (empty) kiosk.toml: an installed package's /etc/briefing-kiosk/kiosk.toml must not change the test.
: > "$tmp/kiosk.toml"
D=(--config "$tmp/kiosk.toml" --data "$tmp/data")
# shellcheck source=cli_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"

expect 3 "roster with no store is an environment error" -- "$B" "${D[@]}" session list
check "a read-only command created no data folder" '[ ! -e "$tmp/data" ]'
expect 3 "audit verify on a mistyped data folder" -- "$B" --data "$tmp/srv/typo/briefing-kiosk" audit verify
check "it created none of the path" '[ ! -e "$tmp/srv" ]'
expect 3 "erase on a mistyped data folder" -- "$B" --data "$tmp/srv/typo/briefing-kiosk" erase --candidate 11111111-1111-4111-8111-111111111111
check "it created none of the path either" '[ ! -e "$tmp/srv" ]'
expect 0 "session open" -- "$B" "${D[@]}" session open --venue "Town Hall" --officer "PC Jones"
S=$(cat "$tmp/out")
check "session open prints only a UUID" '[[ "$S" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]]'
T=$(cat /proc/sys/kernel/random/uuid)
expect 0 "checkin" -- "$B" "${D[@]}" checkin --session "$S" --name '=HYPERLINK("http://x","y")' --constituency "North, East" --token "$T"
C1=$(cat "$tmp/out")
expect 0 "checkin again with the same token" -- "$B" "${D[@]}" checkin --session "$S" --name "Other" --constituency "X" --token "$T"
check "a repeated token returns the first id" '[ "$(cat "$tmp/out")" = "$C1" ]'
expect 0 "a marker candidate" -- "$B" "${D[@]}" checkin --session "$S" --name "Quentin Markerton-Zed" --constituency "Y"
M=$(cat "$tmp/out")
expect 1 "unknown session" -- "$B" "${D[@]}" checkin --session "$T" --name "A" --constituency "B"
expect 1 "invalid UTF-8" -- "$B" "${D[@]}" checkin --session "$S" --name $'\xff\xfe' --constituency "B"
expect 2 "missing --constituency" -- "$B" "${D[@]}" checkin --session "$S" --name "A"
expect 0 "roster" -- "$B" "${D[@]}" roster --session "$S"
check "roster lists both attendees" '[ "$(grep -c -e "$C1" -e "$M" "$tmp/out")" = 2 ]'
expect 0 "export csv" -- "$B" "${D[@]}" export --session "$S" --format csv --out "$tmp/roster.csv"
check "the formula name is inert" 'grep -q "\"'"'"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$tmp/roster.csv" && ! grep -q ",=" "$tmp/roster.csv"'
expect 0 "subject access export" -- "$B" "${D[@]}" export --candidate "$M" --format json --out "$tmp/subject.json"
check "subject export names the person" 'grep -q "Quentin Markerton-Zed" "$tmp/subject.json"'
expect 0 "backup" -- "$B" "${D[@]}" backup
expect 0 "erase" -- "$B" "${D[@]}" erase --candidate "$M"
check "no byte of the erased name remains in the data folder" '! grep -rq "Markerton" "$tmp/data"'
BK=$(ls "$tmp/data/backups"/attendance-*.db | head -1)
expect 0 "restore the backup taken before the erasure" -- "$B" "${D[@]}" restore "$BK"
check "the restored store still has no byte of the erased name" '! grep -rq "Markerton" "$tmp/data"'
expect 0 "roster after restore" -- "$B" "${D[@]}" roster --session "$S"
check "the erased person did not come back, the other did" '! grep -q "$M" "$tmp/out" && grep -q "$C1" "$tmp/out"'
expect 1 "restore from a file that is not a store" -- "$B" "${D[@]}" restore "$tmp/roster.csv"
expect 0 "a walk-in style second session" -- "$B" "${D[@]}" session open --venue "Annex"
S2=$(cat "$tmp/out")
expect 0 "check in to the second session" -- "$B" "${D[@]}" checkin --session "$S2" --name "Late Comer" --constituency "Z"
expect 0 "merge it into the first" -- "$B" "${D[@]}" session merge "$S2" "$S"
expect 1 "the merged session is gone" -- "$B" "${D[@]}" roster --session "$S2"
expect 0 "erasing the same person again finishes (nothing left)" -- "$B" "${D[@]}" erase --candidate "$M"
check "it says they were already erased" 'grep -q "already erased" "$tmp/out"'
expect 1 "erase an unknown candidate" -- "$B" "${D[@]}" erase --candidate "$T"
expect 0 "audit verify" -- "$B" "${D[@]}" audit verify
sqlite3 "$tmp/data/attendance.db" "DELETE FROM audit_log WHERE seq = 2"
expect 1 "audit verify after a row was deleted" -- "$B" "${D[@]}" audit verify
check "audit verify names the first bad row" 'grep -q "audit row 3" "$tmp/err"'
expect 3 "a file-size limit (disk full) is an environment error" -- bash -c 'ulimit -f 8; exec "$0" "$@"' "$B" "${D[@]}" checkin --session "$S" --name "Big" --constituency "C"
check "it says the check-in was not saved" 'grep -q "not saved" "$tmp/err"'
expect 0 "writes work again once the limit is gone" -- "$B" "${D[@]}" checkin --session "$S" --name "Big" --constituency "C"
sqlite3 "$tmp/data/attendance.db" "PRAGMA user_version = 99"
expect 3 "a newer store" -- "$B" "${D[@]}" session list
head -c 4096 /dev/urandom > "$tmp/data/attendance.db"
expect 3 "a damaged store" -- "$B" "${D[@]}" session list
echo "$fails failures"
[ "$fails" = 0 ]
