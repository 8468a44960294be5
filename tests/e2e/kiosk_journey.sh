#!/bin/bash
# End-to-end driver: runs briefing-kiosk on the current X display and walks a candidate from the attract
# screen to a print request with real pointer and keyboard input (xdotool). Widget positions come from the
# kiosk's --print-widgets file. Usage: kiosk_journey.sh KIOSK_BIN DATA_DIR WIDGETS_FILE [extra kiosk args]
set -euo pipefail
KIOSK=$1 DATA=$2 W=$3
shift 3
# shellcheck source=kiosk_driver.sh
source "$(dirname "${BASH_SOURCE[0]}")/kiosk_driver.sh"
start_kiosk "$@"

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
wait_for 'status:saved'  # the real print worker wrote the pack to the spool folder
stop_kiosk
echo "journey complete"
