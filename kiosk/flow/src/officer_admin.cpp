// Reducer of officer mode's admin pages. Layer: kiosk/flow. Placeholder from the officer skeleton; helper B
// owns this file and replaces it.
#include "kiosk/flow/officer_admin.hpp"

#include "kiosk/flow/officer.hpp"

namespace kiosk::flow {

OfficerStep reduceAdmin(OfficerState state, const AdminEvent&) { return {std::move(state), {}}; }

OfficerStep enterAdminPage(OfficerState state) { return {std::move(state), {}}; }

}  // namespace kiosk::flow
