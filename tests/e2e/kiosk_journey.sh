#!/bin/bash
# End-to-end driver: runs briefing-kiosk on the current X display and walks a candidate from the attract
# screen to a print request with real pointer and keyboard input (xdotool). Widget positions come from the
# kiosk's --print-widgets file. Usage: kiosk_journey.sh KIOSK_BIN DATA_DIR WIDGETS_FILE [extra kiosk args]
set -euo pipefail
KIOSK=$1 DATA=$2 W=$3
shift 3
"$KIOSK" --data "$DATA" --print-widgets "$W" "$@" &
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
tap() {  # a touch: press and release in place, with time for the kiosk to see each
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
tap attract
wait_for '^screen language'
tap English
wait_for '^screen privacy'
tap 'I understand'
wait_for '^screen check-in'
tap field:name
tap key:shift
tap key:a
tap key:n
tap key:n
tap field:constituency
xdotool type --delay 80 'Gower'
sleep 0.3
tap 'Confirm and continue'
wait_for '^screen modules'
tap 'Continue to my safety plan'
wait_for '^screen safety-plan'
tap 'Continue to printing'
wait_for '^screen review'
tap 'Print my pack'
wait_for 'status:queued'
kill -TERM $PID
wait $PID || true
trap - EXIT
echo "journey complete"
