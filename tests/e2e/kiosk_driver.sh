# Sourced by the end-to-end drivers (kiosk_journey.sh, kiosk_officer.sh): runs briefing-kiosk on the
# current X display and touches its widgets with xdotool, positions from the kiosk's --print-widgets file.
# Expects KIOSK, DATA and W (the widgets file) to be set.
# shellcheck shell=bash

start_kiosk() {  # start_kiosk [extra kiosk args]: in the background, killed if the driver fails
    "$KIOSK" --data "$DATA" --print-widgets "$W" "$@" &
    PID=$!
    trap 'kill $PID 2>/dev/null || true' EXIT
}
stop_kiosk() {
    kill -TERM "$PID"
    wait "$PID" || true
    trap - EXIT
}
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
