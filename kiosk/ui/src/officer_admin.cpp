// Officer mode's admin pages. Layer: kiosk/ui. Placeholder from the officer skeleton; helper B owns this
// file and replaces it.
#include "kiosk/ui/officer_admin.hpp"

#include "kiosk/ui/widgets.hpp"

#include <imgui.h>

namespace kiosk::ui {

std::optional<flow::OfficerEvent> drawAdminPage(const flow::OfficerState& state, const View& view) {
    wrappedText(view.fonts.heading, std::string(flow::pageTitle(state.page)) + " (not built yet)", view.theme.text,
                ImGui::GetContentRegionAvail().x);
    return std::nullopt;
}

}  // namespace kiosk::ui
