// Officer mode's admin pages (printing, print queue, printer, export, retention, settings, status, exit).
// Layer: kiosk/ui. Placeholder from the officer skeleton; helper B owns this file and replaces it.
#pragma once

#include "kiosk/flow/officer.hpp"
#include "kiosk/ui/view.hpp"

#include <optional>

namespace kiosk::ui {

// Draws the body of the admin page `state.page` (drawOfficer has drawn the top bar and notice; the
// cursor is below them). Returns the event the officer's input produced, if any.
std::optional<flow::OfficerEvent> drawAdminPage(const flow::OfficerState& state, const View& view);

}  // namespace kiosk::ui
