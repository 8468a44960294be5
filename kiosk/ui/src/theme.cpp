// The kiosk's colour themes (normal and high contrast) and ImGui style in em units. Layer: kiosk/ui.
#include "kiosk/ui/view.hpp"

namespace kiosk::ui {

Theme makeTheme(const content::Rgb& accent, bool highContrast) {
    Theme t;
    if (highContrast) {
        t.background = {0.0f, 0.0f, 0.0f, 1.0f};
        t.text = {1.0f, 1.0f, 1.0f, 1.0f};
        t.mutedText = {1.0f, 1.0f, 0.6f, 1.0f};
        t.accent = {1.0f, 1.0f, 0.0f, 1.0f};
        t.onAccent = {0.0f, 0.0f, 0.0f, 1.0f};
        t.secondary = {0.15f, 0.15f, 0.15f, 1.0f};
        t.onSecondary = {1.0f, 1.0f, 1.0f, 1.0f};
        t.focus = {0.0f, 1.0f, 1.0f, 1.0f};
        return t;
    }
    t.background = {0.96f, 0.97f, 0.98f, 1.0f};
    t.text = {0.10f, 0.10f, 0.12f, 1.0f};
    t.mutedText = {0.27f, 0.29f, 0.33f, 1.0f};
    t.accent = {accent.r, accent.g, accent.b, 1.0f};
    t.onAccent = {1.0f, 1.0f, 1.0f, 1.0f};
    t.secondary = {0.86f, 0.88f, 0.91f, 1.0f};
    t.onSecondary = {0.10f, 0.10f, 0.12f, 1.0f};
    t.focus = {0.85f, 0.45f, 0.0f, 1.0f};
    return t;
}

void applyTheme(const Theme& theme, float em) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = {em * 1.5f, em * 1.0f};
    style.FramePadding = {em * 0.6f, em * 0.4f};
    style.ItemSpacing = {em * 0.6f, em * 0.6f};
    style.FrameRounding = em * 0.3f;
    style.WindowRounding = 0.0f;
    style.WindowBorderSize = 0.0f;
    style.ScrollbarSize = em * 1.2f;
    style.TouchExtraPadding = {em * 0.1f, em * 0.1f};
    auto& c = style.Colors;
    c[ImGuiCol_WindowBg] = theme.background;
    c[ImGuiCol_Text] = theme.text;
    c[ImGuiCol_Button] = theme.accent;
    c[ImGuiCol_NavHighlight] = theme.focus;
}

}  // namespace kiosk::ui
