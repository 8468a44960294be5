#!/usr/bin/env bash
# Kill test of `briefing pack --out-dir` (issue 15, item 10): SIGKILL at a chosen system call (strace
# --inject) on every temporary-file create, write, fsync and rename of a 3-pack run, in turn; a kill there
# leaves a hidden ".<id>.pdf.XXXXXX" (personal data). The rerun must remove every one and write all 3 packs
# whole. Usage: pack_kill_test.sh BRIEFING [KILLS]. Prints one figure line; exit 1 on a failure.
set -u
B="$1"
kills="${2:-26}"
command -v strace >/dev/null || { echo "FAIL: strace is needed (tools/setup-deps installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
# Our own (empty) kiosk.toml: an installed package's /etc/briefing-kiosk/kiosk.toml must not change the test.
: > "$tmp/kiosk.toml"
D=(--config "$tmp/kiosk.toml" --data "$tmp/data")
S=$("$B" "${D[@]}" session open --venue "Kill Hall" 2>/dev/null) || { echo "FAIL: session open"; exit 1; }
for n in "Ann Kill" "Bob Kill" "Cy Kill"; do
    "$B" "${D[@]}" checkin --session "$S" --name "$n" --constituency Vale >/dev/null 2>&1 || { echo "FAIL: checkin"; exit 1; }
done

# Which calls a run makes: every create of a temporary (openat ... O_EXCL), write, fsync and rename.
strace -f -qq -o "$tmp/dry.log" -e trace=openat,write,fsync,rename "$B" "${D[@]}" pack --session "$S" --out-dir "$tmp/dry" >/dev/null 2>&1
points=()
for sys in openat write fsync rename; do
    if [ "$sys" = openat ]; then
        # Only the temporaries' creates, by their position among all openat calls.
        mapfile -t nth < <(grep -E " openat\(" "$tmp/dry.log" | grep -n 'O_EXCL' | grep '\.pdf\.' | cut -d: -f1)
    else
        mapfile -t nth < <(seq 1 "$(grep -cE " $sys\(" "$tmp/dry.log")")
    fi
    for i in "${nth[@]}"; do points+=("$sys:$i"); done
done
[ ${#points[@]} -ge 12 ] || { echo "FAIL: only ${#points[@]} kill points found"; cat "$tmp/dry.log"; exit 1; }

fails=0 killed=0 leftHidden=0 hiddenAfter=0
for ((k = 0; k < kills; k++)); do
    p=${points[$((k % ${#points[@]}))]}
    out="$tmp/out"
    rm -rf "$out"
    # In a subshell that does not exec, so the "Killed" notice goes to /dev/null with the rest.
    (strace -f -qq -o /dev/null -e inject="${p%%:*}:signal=KILL:when=${p##*:}" \
        "$B" "${D[@]}" pack --session "$S" --out-dir "$out"; exit $?) >/dev/null 2>&1
    rc=$?
    [ $rc -ge 128 ] && killed=$((killed + 1))
    h=$(find "$out" -name '.*.pdf.*' 2>/dev/null | wc -l)
    [ "$h" -gt 0 ] && leftHidden=$((leftHidden + 1))
    "$B" "${D[@]}" pack --session "$S" --out-dir "$out" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then echo "FAIL: rerun after a kill at $p: exit $rc"; cat "$tmp/err"; fails=$((fails + 1)); fi
    after=$(find "$out" -name '.*' -type f | wc -l)
    hiddenAfter=$((hiddenAfter + after))
    [ "$after" -eq 0 ] || { echo "FAIL: $after hidden file(s) left after the rerun (kill at $p)"; fails=$((fails + 1)); }
    packs=0
    for f in "$out"/*.pdf; do
        [ -f "$f" ] || continue
        if [ "$(head -c 5 "$f")" = "%PDF-" ] && tail -c 8 "$f" | grep -q '%%EOF'; then packs=$((packs + 1)); fi
    done
    [ $packs -eq 3 ] || { echo "FAIL: $packs whole packs after the rerun (kill at $p)"; fails=$((fails + 1)); }
done
echo "pack kill test: $kills kills at chosen syscalls (${#points[@]} points: ${points[*]}), $killed killed," \
     "$leftHidden left hidden copies, $hiddenAfter hidden files after the rerun, $fails failures"
[ $fails -eq 0 ] && [ $killed -eq "$kills" ]
