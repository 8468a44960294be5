// The kiosk's screens: each draws a read-only view of the journey state and returns at most one event.
// Layer: kiosk/ui. No SQLite, no printer, no function-local static state.
#pragma once

#include "kiosk/flow/journey.hpp"
#include "kiosk/ui/view.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// Draws the screen for `state` and returns the event the user's input produced this frame, if any.
std::optional<flow::Event> drawJourney(const flow::State& state, const View& view);

// Forgets everything ImGui holds of the candidate's typing (active box, its text copy, focus). Called by
// kiosk/main when it runs the WipeCandidate effect; needs a current ImGui context, outside a frame.
void wipeInputState();

// A full-screen notice for faults an officer must act on (content invalid, store damaged, ...).
// `details` are shown as given (already valid UTF-8; pass through content::text::repairUtf8 first).
void drawNotice(const View& view, const std::string& title, const std::vector<std::string>& details);

}  // namespace kiosk::ui
