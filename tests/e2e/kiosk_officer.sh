#!/bin/bash
# End-to-end driver for officer mode: Ctrl+Alt+O and the 3 s corner hold open the PIN pad on the real
# kiosk; the PIN is typed on the on-screen pad; a session is opened; "Back to kiosk" locks.
# Usage: kiosk_officer.sh KIOSK_BIN DATA_DIR WIDGETS_FILE PIN
set -euo pipefail
KIOSK=$1 DATA=$2 W=$3 PIN=$4
"$KIOSK" --data "$DATA" --print-widgets "$W" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT

wait_for() {  # wait_for REGEX: until a line of the widgets file matches
    for _ in $(seq 1 150); do
        grep -qE "$1" "$W" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "timed out waiting for /$1/ in $W:" >&2
    cat "$W" >&2 || true
    return 1
}
pos() { awk -v l="$1" '$1 == "widget" { lab = $4; for (i = 5; i <= NF; i++) lab = lab " " $i; if (lab == l) { print $2, $3; exit } }' "$W"; }
tap() {
    local p
    p=$(pos "$1")
    [ -n "$p" ] || { echo "no widget '$1' on screen:" >&2; cat "$W" >&2; return 1; }
    # shellcheck disable=SC2086
    xdotool mousemove $p
    sleep 0.1
    xdotool mousedown 1
    sleep 0.1
    xdotool mouseup 1
    sleep 0.3
}

wait_for '^screen attract'
sleep 0.3
xdotool key ctrl+alt+o
wait_for '^screen officer-pin'
wait_for 'pin:unlock'
for d in $(echo "$PIN" | fold -w1); do tap "pin:$d"; done
tap pin:unlock
wait_for '^screen officer-home'
tap menu:sessions
wait_for '^screen officer-sessions'
tap entry:session-venue
xdotool type --delay 80 'Hall'
sleep 0.3
tap session-open
wait_for 'close:Hall'
tap officer-leave
wait_for '^screen attract'
# The hidden corner: a 3 s press-and-hold at the top left.
xdotool mousemove 8 8
sleep 0.2
xdotool mousedown 1
sleep 3.6
xdotool mouseup 1
wait_for '^screen officer-pin'
kill -TERM $PID
wait $PID || true
trap - EXIT
