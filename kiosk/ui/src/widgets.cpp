// Touch-first widgets. Layer: kiosk/ui.
#include "kiosk/ui/widgets.hpp"

#include <imgui_internal.h>

#include "content/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace kiosk::ui {
namespace {

ImVec4 shade(const ImVec4& c, float f) { return {c.x * f, c.y * f, c.z * f, c.w}; }

}  // namespace

void recordItem(const View& view, const std::string& label) {
    if (!view.probe) return;
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    view.probe->record(label, {a.x, a.y, b.x, b.y});
}

bool touchButton(const View& view, const std::string& label, float widthEm, ButtonStyle style, bool selected,
                 const std::string& probeLabel) {
    const float em = view.em();
    const ImVec4 bg = style == ButtonStyle::Primary ? view.theme.accent : view.theme.secondary;
    const ImVec4 fg = style == ButtonStyle::Primary ? view.theme.onAccent : view.theme.onSecondary;
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg);  // no hover-only cues on a touch screen
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, shade(bg, 0.8f));
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, selected ? em * 0.15f : 0.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, view.theme.focus);
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(widthEm * em, 2.0f * em));
    ImGui::PopStyleColor(5);
    ImGui::PopStyleVar();
    recordItem(view, probeLabel.empty() ? label.substr(0, label.find("##")) : probeLabel);
    return pressed;
}

TextFieldResult textField(const View& view, const std::string& id, const std::string& value, float widthEm,
                          bool focused, const std::string& probeLabel) {
    const float em = view.em();
    TextFieldResult r;
    // A fresh buffer each frame, filled from the journey state: the state is the only copy we keep.
    std::array<char, 1024> buf{};
    const std::string safe = content::text::repairUtf8(value);
    const std::size_t n = std::min(safe.size(), buf.size() - 1);
    std::memcpy(buf.data(), safe.data(), n);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {0.5f * em, 0.5f * em});
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, focused ? 0.15f * em : 0.06f * em);
    ImGui::PushStyleColor(ImGuiCol_Border, focused ? view.theme.focus : view.theme.mutedText);
    ImGui::SetNextItemWidth(widthEm * em);
    if (ImGui::InputText(id.c_str(), buf.data(), buf.size())) r.changed = std::string(buf.data());
    r.activated = ImGui::IsItemActivated();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    recordItem(view, probeLabel);
    return r;
}

void wrappedText(ImFont* font, const std::string& text, const ImVec4& colour, float wrapWidth) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrapWidth);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

std::string fillIn(std::string text, std::initializer_list<std::pair<const char*, std::string>> values) {
    for (const auto& [name, value] : values) {
        const std::string key = std::string("{") + name + "}";
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
            text.replace(pos, key.size(), value);
    }
    return text;
}

void centredText(ImFont* font, const std::string& text, float maxWidth, const ImVec4& colour) {
    ImGui::PushFont(font);
    const float windowWidth = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    const float wrap = std::min(maxWidth, windowWidth);
    const char* start = text.c_str();
    const char* end = start + text.size();
    while (start < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0f, start, end, wrap);
        if (lineEnd == start) lineEnd = start + 1;  // always progress
        const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, start, lineEnd);
        ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMin().x + (windowWidth - size.x) * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(start, lineEnd);
        ImGui::PopStyleColor();
        start = lineEnd;
        while (start < end && (*start == ' ' || *start == '\n')) ++start;
    }
    ImGui::PopFont();
}

void accentBand(const View& view, float height, const std::string& title, float titleSize, float indent) {
    const ImVec2 origin = ImGui::GetWindowPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRectFullScreen();
    dl->AddRectFilled(origin, {origin.x + ImGui::GetWindowWidth(), origin.y + height}, ImGui::GetColorU32(view.theme.accent));
    dl->AddText(view.fonts.heading, titleSize, {origin.x + indent, origin.y + (height - titleSize) * 0.5f},
                ImGui::GetColorU32(view.theme.onAccent), title.c_str());
    dl->PopClipRect();
}

void beginFullScreen(const char* id, const View& view) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, view.theme.background);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void endFullScreen() {
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace kiosk::ui
