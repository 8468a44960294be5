// Effects of officer mode's admin pages. Layer: kiosk/app. Placeholder from the officer skeleton; helper B
// owns this file and replaces it.
#include "kiosk/app/officer_admin_effects.hpp"

namespace kiosk::app {

std::vector<flow::OfficerEvent> runAdminEffect(const flow::AdminEffect&, AdminServices&) { return {}; }

}  // namespace kiosk::app
