// Officer mode's home page: a large button for every page the signed-in role may open (a print operator
// sees reprint and batch print and the print queue only), and the auto-lock hint. Layer: kiosk/ui.
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {

void drawHome(OfficerCtx& c) {
    const View& view = c.view;
    const float em = c.em();
    const auto menu = flow::homeMenu(c.state.officer->role);
    const float avail = ImGui::GetContentRegionAvail().x;
    const int columns = avail > 60.0f * em ? 3 : 2;
    const float gap = 0.8f * em;
    const float w = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    ImGui::Dummy({0, 0.3f * em});
    for (std::size_t i = 0; i < menu.size(); ++i) {
        const int col = static_cast<int>(i % static_cast<std::size_t>(columns));
        if (col > 0) ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        ImGui::PushID(static_cast<int>(i));
        const bool pressed = touchButton(view, std::string(menu[i].label) + "##menu", w / em, ButtonStyle::Primary,
                                         false, std::string("menu:") + flow::pageKey(menu[i].page));
        ImGui::PushFont(view.fonts.body);
        ImGui::PushStyleColor(ImGuiCol_Text, view.theme.mutedText);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextUnformatted(menu[i].hint);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::Dummy({w, 0.6f * em});
        ImGui::PopID();
        ImGui::EndGroup();
        if (pressed) c.emit(flow::ShowPage{menu[i].page});
    }
    ImGui::Dummy({0, em});
    // Another officer locked out by wrong PINs: an officer may lift it (audited as theirs).
    for (const auto& name : c.state.lockedOfficers) {
        ImGui::PushID(name.c_str());
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + 0.5f * em);  // level with the button
        wrappedText(view.fonts.bold, "! " + name + " is locked out after too many wrong PINs.", view.theme.bad, 36.0f * em);
        ImGui::SameLine(0.0f, em);
        ImGui::SetCursorPosY(y);
        if (touchButton(view, "Unlock " + name + "##unlock", 14.0f, ButtonStyle::Secondary, false, "unlock:" + name))
            c.emit(flow::UnlockOther{name});
        ImGui::PopID();
    }
    mutedLine(c, "Officer mode locks itself after 2 minutes without input, and whenever you go back to the kiosk.");
}

}  // namespace kiosk::ui::detail
