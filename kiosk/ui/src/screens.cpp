// Screen drawing for the candidate journey. Layer: kiosk/ui.
#include "kiosk/ui/screens.hpp"

#include "kiosk/ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

bool keyPressed(int imguiKey) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(imguiKey), false); }

// The force's colour band across the top with its name in the current language.
void drawHeader(const View& view, const std::string& lang) {
    const float em = view.em();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    const float height = 3.0f * em;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRectFullScreen();  // the band runs edge to edge, through the window padding
    dl->AddRectFilled(origin, {origin.x + width, origin.y + height}, ImGui::GetColorU32(view.theme.accent));
    const std::string& name = view.force.name.in(lang);
    dl->AddText(view.fonts.heading, view.fonts.heading->FontSize,
                {origin.x + 1.5f * em, origin.y + (height - view.fonts.heading->FontSize) * 0.5f},
                ImGui::GetColorU32(view.theme.onAccent), name.c_str());
    dl->PopClipRect();
    ImGui::SetCursorPosY(height + em);
}

std::optional<flow::Event> drawAttract(const View& view, const flow::State& state) {
    const float em = view.em();
    std::optional<flow::Event> event;
    // The whole screen is one target: a first-time user may touch anywhere.
    const ImVec2 size = ImGui::GetContentRegionAvail();
    const ImVec2 start = ImGui::GetCursorPos();
    if (ImGui::InvisibleButton("##attract", {size.x, size.y})) event = flow::Touch{};
    recordItem(view, "attract");
    ImGui::SetCursorPos(start);
    drawHeader(view, state.config.firstLanguage);

    // Both languages on the attract screen, the force's first language first.
    const bool welshFirst = state.config.firstLanguage == "cy";
    const auto& first = welshFirst ? view.welsh : view.english;
    const auto& second = welshFirst ? view.english : view.welsh;
    const float textWidth = 34.0f * em;  // about 60 characters of body text per line
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.22f);
    centredText(view.fonts.title, first.get("attract.title"), textWidth * 1.2f, view.theme.text);
    ImGui::Dummy({0, 0.3f * em});
    centredText(view.fonts.heading, second.get("attract.title"), textWidth * 1.2f, view.theme.mutedText);
    ImGui::Dummy({0, 1.2f * em});
    centredText(view.fonts.body, first.get("attract.subtitle"), textWidth, view.theme.text);
    ImGui::Dummy({0, 0.3f * em});
    centredText(view.fonts.body, second.get("attract.subtitle"), textWidth, view.theme.mutedText);

    // The visible call to action (drawn, not a separate target: the whole screen is the target).
    const std::string cta = first.get("attract.touch_to_start") + "  /  " + second.get("attract.touch_to_start");
    ImGui::PushFont(view.fonts.heading);
    const ImVec2 textSize = ImGui::CalcTextSize(cta.c_str());
    ImGui::PopFont();
    const ImVec2 pad{2.0f * em, 0.9f * em};
    const ImVec2 win = ImGui::GetWindowPos();
    const float boxW = textSize.x + 2 * pad.x;
    const float boxH = textSize.y + 2 * pad.y;
    // Below the text, and at least 70% of the way down so it sits where a hand reaches.
    const float below = ImGui::GetCursorPosY() + 1.5f * em;
    const ImVec2 boxMin{win.x + (ImGui::GetWindowWidth() - boxW) * 0.5f,
                        win.y + std::max(below, ImGui::GetWindowHeight() * 0.70f)};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(boxMin, {boxMin.x + boxW, boxMin.y + boxH}, ImGui::GetColorU32(view.theme.accent), 0.4f * em);
    dl->AddText(view.fonts.heading, view.fonts.heading->FontSize, {boxMin.x + pad.x, boxMin.y + pad.y},
                ImGui::GetColorU32(view.theme.onAccent), cta.c_str());

    if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter) || keyPressed(ImGuiKey_Space))
        event = flow::Touch{};
    return event;
}

std::optional<flow::Event> drawChooseLanguage(const View& view, const flow::State& state) {
    const float em = view.em();
    std::optional<flow::Event> event;
    drawHeader(view, state.lang);
    const bool welshFirst = state.config.firstLanguage == "cy";
    const auto& first = welshFirst ? view.welsh : view.english;
    const auto& second = welshFirst ? view.english : view.welsh;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.25f);
    centredText(view.fonts.title, first.get("choose_language.title"), 40.0f * em, view.theme.text);
    centredText(view.fonts.heading, second.get("choose_language.title"), 40.0f * em, view.theme.mutedText);
    ImGui::Dummy({0, 1.5f * em});

    const float buttonEm = 12.0f;
    const float gap = 2.0f * em;
    const float rowWidth = 2 * buttonEm * em + gap;
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - rowWidth) * 0.5f);
    ImGui::PushFont(view.fonts.heading);
    const char* order[2] = {welshFirst ? "cy" : "en-GB", welshFirst ? "en-GB" : "cy"};
    for (int i = 0; i < 2; ++i) {
        if (i == 1) ImGui::SameLine(0.0f, gap);
        const std::string lang = order[i];
        const std::string label = view.strings(lang).get("language.name");
        if (touchButton(view, label, buttonEm, ButtonStyle::Primary, state.lang == lang))
            event = flow::PickLanguage{lang};
    }
    ImGui::PopFont();

    ImGui::SetCursorPos({1.5f * em, ImGui::GetWindowHeight() - 3.5f * em});
    if (touchButton(view, view.strings(state.lang).get("choose_language.back"), 8.0f, ButtonStyle::Secondary) ||
        keyPressed(ImGuiKey_Escape))
        event = flow::Back{};
    return event;
}

}  // namespace

std::optional<flow::Event> drawJourney(const flow::State& state, const View& view) {
    beginFullScreen("##journey", view);
    auto event = std::visit(Overloaded{
                                [&](const flow::Attract&) { return drawAttract(view, state); },
                                [&](const flow::ChooseLanguage&) { return drawChooseLanguage(view, state); },
                            },
                            state.screen);
    endFullScreen();
    return event;
}

void drawNotice(const View& view, const std::string& title, const std::vector<std::string>& details) {
    const float em = view.em();
    beginFullScreen("##notice", view);
    drawHeader(view, view.force.defaults.firstLanguage);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.2f);
    centredText(view.fonts.title, title, 40.0f * em, view.theme.text);
    ImGui::Dummy({0, em});
    centredText(view.fonts.heading, view.english.get("notice.ask_staff"), 40.0f * em, view.theme.text);
    centredText(view.fonts.body, view.welsh.get("notice.ask_staff"), 40.0f * em, view.theme.mutedText);
    ImGui::Dummy({0, em});
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - 1.5f * em);
    for (const auto& d : details) ImGui::TextUnformatted(d.c_str());
    ImGui::PopTextWrapPos();
    endFullScreen();
}

}  // namespace kiosk::ui
