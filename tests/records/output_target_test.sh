#!/usr/bin/env bash
# `briefing export --out` and `briefing pack --out/--out-dir` (issue 15, item 10): never onto the store or
# anything else in the data folder (only its export folder), and a pack onto a full disk is exit 3 with
# nothing partial left. Usage: output_target_test.sh BRIEFING
set -u
B="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
# Our own (empty) kiosk.toml: an installed package's /etc/briefing-kiosk/kiosk.toml must not change the test.
: > "$tmp/kiosk.toml"
D=(--config "$tmp/kiosk.toml" --data "$tmp/data")
# shellcheck source=cli_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"

S=$("$B" "${D[@]}" session open --venue "Target Hall" 2>/dev/null)
C=$("$B" "${D[@]}" checkin --session "$S" --name "Ann Target" --constituency Vale 2>/dev/null)
"$B" "${D[@]}" checkin --session "$S" --name "Bob Target" --constituency Vale >/dev/null 2>&1
"$B" "${D[@]}" backup >/dev/null 2>&1
store="$tmp/data/attendance.db"
sum=$(sha256sum "$store" | cut -d' ' -f1)
ln -s "$tmp/data" "$tmp/data-link"

for target in "$store" "$store-wal" "$tmp/data-link/attendance.db" "$tmp/data/backups/x.csv" "$tmp/data/spool/x" \
              "$tmp/data/kiosk-starts" "$tmp/data/exports"; do
    expect 1 "export --out $target is refused" -- "$B" "${D[@]}" export --session "$S" --format csv --out "$target"
    check "the refusal names the data folder" 'grep -q "inside the data folder" "$tmp/err"'
    expect 1 "pack --out $target is refused" -- "$B" "${D[@]}" pack --candidate "$C" --out "$target"
done
for dir in "$tmp/data" "$tmp/data/" "$tmp/data/spool" "$tmp/data/backups" "$tmp/data-link" "$tmp/data/sub/deeper"; do
    expect 1 "pack --out-dir $dir is refused" -- "$B" "${D[@]}" pack --session "$S" --out-dir "$dir"
done
check "the store is untouched" '[ "$(sha256sum "$store" | cut -d" " -f1)" = "$sum" ]'
check "nothing new in the data folder" '[ ! -e "$tmp/data/sub" ] && [ "$(find "$tmp/data" -name "*.pdf" -o -name "*.csv" -o -name ".*.??????" | wc -l)" -eq 0 ]'
expect 0 "session list still works" -- "$B" "${D[@]}" session list
check "both check-ins are still there" '[ "$(grep -c "$S" "$tmp/out")" -eq 1 ] && grep -q "	2	" "$tmp/out"'

mkdir -p "$tmp/data/exports"
expect 0 "export into the export folder is allowed" -- "$B" "${D[@]}" export --session "$S" --format csv --out "$tmp/data/exports/s.csv"
expect 0 "pack --out-dir in the export folder is allowed" -- "$B" "${D[@]}" pack --session "$S" --out-dir "$tmp/data/exports/packs"
expect 0 "pack --out outside the data folder" -- "$B" "${D[@]}" pack --candidate "$C" --out "$tmp/one.pdf"
check "a folder pack makes is 0700" '[ "$(stat -c %a "$tmp/data/exports/packs")" = 700 ]'

# A full disk: the file-size limit (SIGXFSZ ignored, so EFBIG), then a 64 KiB tmpfs (ENOSPC) when we may mount.
rm -f "$tmp/one.pdf"
expect 3 "pack --out onto a full disk (ulimit -f) is exit 3" -- bash -c "ulimit -f 40; exec \"\$@\"" _ "$B" "${D[@]}" pack --candidate "$C" --out "$tmp/one.pdf"
check "it says the file could not be written" 'grep -q "cannot write" "$tmp/err"'
check "nothing is left, not even hidden" '[ -z "$(ls -A "$tmp" | grep -E "one\.pdf")" ]'
expect 3 "pack --out-dir onto a full disk (ulimit -f) is exit 3" -- bash -c "ulimit -f 40; exec \"\$@\"" _ "$B" "${D[@]}" pack --session "$S" --out-dir "$tmp/full"
check "no pack or hidden partial in the folder" '[ "$(ls -A "$tmp/full" | wc -l)" -eq 0 ]'
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    mkdir -p "$tmp/small"
    expect 3 "pack --out-dir onto a full file system (64 KiB tmpfs) is exit 3" -- unshare -m bash -c \
        'mount -t tmpfs -o size=64k tmpfs "$1" && shift && exec "$@"' _ "$tmp/small" "$B" "${D[@]}" pack --session "$S" --out-dir "$tmp/small/packs"
    check "the message says no space" 'grep -q "No space left" "$tmp/err"'
else
    echo "skip: cannot mount a small tmpfs here (not root)"
fi

echo "$fails failures"
[ $fails -eq 0 ]
