// Officer mode's admin pages (printing, print queue, printer, export, retention, settings, status, exit):
// their state, events, effects and reducer. Layer: kiosk/flow. Placeholder from the officer skeleton;
// helper B owns this file and replaces it.
#pragma once

#include <variant>

namespace kiosk::flow {

struct OfficerState;
struct OfficerStep;

// State of the admin pages, held in OfficerState::admin.
struct AdminState {};

// Events of the admin pages (wrapped in OfficerEvent).
struct AdminRefresh {};
using AdminEvent = std::variant<AdminRefresh>;

// Effects of the admin pages (wrapped in OfficerEffect), run by kiosk/app's runAdminEffect.
struct AdminLoad {};
using AdminEffect = std::variant<AdminLoad>;

// The admin pages' reducer; reduceOfficer forwards every AdminEvent here.
OfficerStep reduceAdmin(OfficerState state, const AdminEvent& event);

// Called by reduceOfficer after ShowPage switched to one of the admin pages (state.page is set, the
// role allowed it): reset the page and ask for its data.
OfficerStep enterAdminPage(OfficerState state);

}  // namespace kiosk::flow
