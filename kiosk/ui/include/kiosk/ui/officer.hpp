// Officer mode's screens: PIN pad, home menu, sessions, live roster, presenter mode, and (through
// drawAdminPage) the admin pages. Each frame draws the state and returns at most one event.
// Layer: kiosk/ui. English only (officers are staff); personal data is shown only here.
#pragma once

#include "kiosk/flow/officer.hpp"
#include "kiosk/ui/view.hpp"

#include <optional>

namespace kiosk::ui {

// Draws the officer page for `state` (which must be active) over the whole screen.
std::optional<flow::OfficerEvent> drawOfficer(const flow::OfficerState& state, const View& view);

// The key ImGui reports for "O" in the chord Ctrl+Alt+O: the SDL backend (1.86) indexes io.KeysDown by
// SDL scancode, and SDL_SCANCODE_O is 18.
inline constexpr int kOfficerChordKey = 18;

// The hidden entry, checked once per frame after the screen is drawn (inside the frame): true on the
// frame a 3 s press-and-hold on the top-left corner completes, or when Ctrl+Alt+O is pressed.
bool officerEntryGesture(const View& view, int chordKey = kOfficerChordKey);

// True while the pointer is held down on the top-left corner: the main loop must keep drawing frames
// (about every 100 ms) so ImGui's press duration advances.
bool officerCornerHeld(const View& view);

// How long the corner must be held.
inline constexpr float kCornerHoldSeconds = 3.0f;

}  // namespace kiosk::ui
