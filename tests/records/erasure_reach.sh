#!/usr/bin/env bash
# Erasure and purge reach every copy (issue 15, items 3-5): a marker person is checked in, printed to the
# spool folder (a real PDF), exported into our export folder (roster CSV and subject JSON), backed up twice,
# and a backup is killed part-way (strace) so a hidden temporary holds them too. After `erase` every byte
# under the data folder is searched (raw, and the text of every PDF through pdftotext): DB, WAL, backups,
# temporaries, spool, exports. Then the same for `purge --older-than 0` with a second marker. A backup
# that cannot be scrubbed and a disk that fills up make erase exit 3 naming the copy; running it again
# finishes it. Usage: erasure_reach.sh BRIEFING
set -u
B="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
head -c 32 /dev/urandom > "$tmp/secret.key"
chmod 600 "$tmp/secret.key"
data="$tmp/data"
# Our own (empty) kiosk.toml: an installed package's /etc/briefing-kiosk/kiosk.toml must not pick a printer
# or an export folder for this test.
: > "$tmp/kiosk.toml"
D=(--config "$tmp/kiosk.toml" --data "$data" --secret-file "$tmp/secret.key")
# shellcheck source=cli_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
# Files under the data folder holding any of the patterns: raw bytes, and the text of each PDF.
holders() {
    local f
    find "$data" -type f | while read -r f; do
        if LC_ALL=C grep -aqE "$1" "$f"; then echo "$f"; continue; fi
        if [ "$(head -c 5 "$f" | tr -d "\0")" = "%PDF-" ] && pdftotext "$f" - 2>/dev/null | grep -qE "$1"; then echo "$f (PDF text)"; fi
    done
}

expect 0 "session open" -- "$B" "${D[@]}" session open --venue "Marker Hall"
S=$(cat "$tmp/out")
for i in 1 2 3; do expect 0 "another attendee $i" -- "$B" "${D[@]}" checkin --session "$S" --name "Other Person $i" --constituency "Elsewhere"; done
expect 0 "the marker person" -- "$B" "${D[@]}" checkin --session "$S" --name "Quentin Erasemark" --constituency "Marker Vale" --email "erasemark@example.org" --phone "07700 900123"
M=$(cat "$tmp/out")
expect 0 "a second marker person, for purge" -- "$B" "${D[@]}" checkin --session "$S" --name "Penelope Purgemark" --constituency "Marker Vale" --email "purgemark@example.org"
expect 0 "print the marker's pack to the spool folder" -- "$B" "${D[@]}" print --candidate "$M"
mkdir -m 700 "$data/exports"
expect 0 "export the roster into our export folder" -- "$B" "${D[@]}" export --session "$S" --format csv --out "$data/exports/roster.csv"
expect 0 "export the marker's subject access record there too" -- "$B" "${D[@]}" export --candidate "$M" --format json --out "$data/exports/subject.json"
expect 0 "backup" -- "$B" "${D[@]}" backup
expect 0 "another backup" -- "$B" "${D[@]}" backup
# A backup killed at its fourth fdatasync (the copy's pages written, not yet renamed) leaves a hidden,
# partial copy in backups/.
strace -qq -o /dev/null -e trace=fdatasync -e inject=fdatasync:signal=KILL:when=4 "$B" "${D[@]}" backup >/dev/null 2>&1
check "the killed backup left a hidden temporary holding the marker" '[ -n "$(find "$data/backups" -name ".attendance-*" -exec grep -la Erasemark {} +)" ]'
check "before erasure the marker is in the store, backups, spool PDF and exports" \
    '[ "$(holders "Erasemark|erasemark@" | grep -c -e attendance -e spool -e exports)" -ge 5 ]'
check "the spool PDF's text names the marker" '[ -n "$(holders "Erasemark" | grep "spool.*PDF text")" ]'

expect 0 "erase the marker person" -- "$B" "${D[@]}" erase --candidate "$M"
h=$(holders "Erasemark|erasemark@|07700 900123")
check "after erase no byte of the marker remains anywhere under the data folder" '[ -z "$h" ]'
[ -n "$h" ] && echo "$h"
check "the spool PDF, the exports naming them and the hidden temporary are gone" \
    '[ -z "$(ls -A "$data/spool")" ] && [ ! -e "$data/exports/subject.json" ] && [ ! -e "$data/exports/roster.csv" ] && [ -z "$(find "$data" -name ".attendance*" ! -name "*-lock")" ]'
check "the backups are still there (scrubbed, not deleted)" '[ "$(ls "$data/backups" | grep -c "^attendance-")" = 2 ]'
expect 0 "audit verify after erase" -- "$B" "${D[@]}" audit verify

expect 0 "purge everything" -- "$B" "${D[@]}" purge --older-than 0
h=$(holders "Purgemark|purgemark@|Other Person")
check "after purge no byte of anyone purged remains anywhere under the data folder" '[ -z "$h" ]'
[ -n "$h" ] && echo "$h"
expect 0 "audit verify after purge" -- "$B" "${D[@]}" audit verify

# A backup that cannot be read or scrubbed: erase exits 3 naming it, and keeps it pending.
expect 0 "a new person" -- "$B" "${D[@]}" checkin --session "$S" --name "Ursula Unscrubbed" --constituency "Marker Vale"
U=$(cat "$tmp/out")
expect 0 "backup" -- "$B" "${D[@]}" backup
stamp=$(date -u +%Y%m%dT%H%M%S).000Z
bad="$data/backups/attendance-$stamp.db"
head -c 8192 /dev/urandom > "$bad"
expect 3 "erase with an unreadable backup fails loudly" -- "$B" "${D[@]}" erase --candidate "$U"
check "it names the backup it could not scrub" 'grep -q "attendance-$stamp.db" "$tmp/err"'
check "the erasure itself is saved" '! grep -aq "Ursula" "$data/attendance.db"'
expect 0 "another command warns that an erasure is unfinished" -- "$B" "${D[@]}" session open
check "the warning says so" 'grep -q "left .* copies to scrub" "$tmp/err"'
rm "$bad"
expect 0 "the same erase again finishes it" -- "$B" "${D[@]}" erase --candidate "$U"
check "no byte of them remains" '[ -z "$(holders "Ursula")" ]'

# A disk that fills up during the scrub: exit 3 naming what is left; the retry finishes it.
expect 0 "a person with a long plan" -- "$B" "${D[@]}" checkin --session "$S" --name "Fiona Fullmark" --constituency "Marker Vale"
F=$(cat "$tmp/out")
expect 0 "backup" -- "$B" "${D[@]}" backup
expect 3 "erase on a full disk (file-size limit) fails loudly" -- bash -c 'ulimit -f 48; exec "$0" "$@"' "$B" "${D[@]}" erase --candidate "$F"
check "it says what could not be scrubbed" 'grep -q "could not be scrubbed" "$tmp/err" || grep -q "not saved" "$tmp/err"'
expect 0 "the same erase, with space again, finishes it" -- "$B" "${D[@]}" erase --candidate "$F"
check "no byte of them remains" '[ -z "$(holders "Fullmark")" ]'
expect 0 "audit verify at the end" -- "$B" "${D[@]}" audit verify
echo "$fails failures"
[ "$fails" = 0 ]
