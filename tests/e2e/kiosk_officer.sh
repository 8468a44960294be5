#!/bin/bash
# End-to-end driver for officer mode: Ctrl+Alt+O and the 3 s corner hold open the PIN pad on the real
# kiosk; the PIN is typed on the on-screen pad; a session is opened; "Back to kiosk" locks.
# Usage: kiosk_officer.sh KIOSK_BIN DATA_DIR WIDGETS_FILE PIN
set -euo pipefail
KIOSK=$1 DATA=$2 W=$3 PIN=$4
# shellcheck source=kiosk_driver.sh
source "$(dirname "${BASH_SOURCE[0]}")/kiosk_driver.sh"
start_kiosk  # no extra kiosk arguments

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
stop_kiosk
