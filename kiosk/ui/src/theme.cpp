// The kiosk's colour themes (normal and high contrast), their WCAG contrast pairs, and ImGui style in em
// units. Layer: kiosk/ui.
#include "kiosk/ui/view.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

double channel(float c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(const ImVec4& c) { return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z); }

}  // namespace

double contrastRatio(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

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
        t.panel = {0.10f, 0.10f, 0.10f, 1.0f};
        t.good = {0.5f, 1.0f, 0.5f, 1.0f};
        t.bad = {1.0f, 0.6f, 0.6f, 1.0f};
        return t;
    }
    t.background = {0.96f, 0.97f, 0.98f, 1.0f};
    t.text = {0.10f, 0.10f, 0.12f, 1.0f};
    t.mutedText = {0.27f, 0.29f, 0.33f, 1.0f};
    t.accent = {accent.r, accent.g, accent.b, 1.0f};
    // White on the force colour unless the force chose a pale colour: then black reads better.
    const ImVec4 white{1.0f, 1.0f, 1.0f, 1.0f};
    const ImVec4 black{0.0f, 0.0f, 0.0f, 1.0f};
    t.onAccent = contrastRatio(white, t.accent) >= contrastRatio(black, t.accent) ? white : black;
    t.secondary = {0.86f, 0.88f, 0.91f, 1.0f};
    t.onSecondary = {0.10f, 0.10f, 0.12f, 1.0f};
    t.focus = {0.85f, 0.45f, 0.0f, 1.0f};
    t.panel = {1.0f, 1.0f, 1.0f, 1.0f};
    t.good = {0.07f, 0.40f, 0.13f, 1.0f};
    t.bad = {0.64f, 0.09f, 0.10f, 1.0f};
    return t;
}

std::vector<ColourPair> textPairs(const Theme& t) {
    return {
        {"text on background", t.text, t.background},
        {"muted text on background", t.mutedText, t.background},
        {"text on panel", t.text, t.panel},
        {"muted text on panel", t.mutedText, t.panel},
        {"button text on accent", t.onAccent, t.accent},
        {"button text on secondary", t.onSecondary, t.secondary},
        {"right-answer text on panel", t.good, t.panel},
        {"right-answer text on background", t.good, t.background},
        {"problem text on panel", t.bad, t.panel},
        {"problem text on background", t.bad, t.background},
        {"input text on panel", t.text, t.panel},
    };
}

void applyTheme(const Theme& theme, float em) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = {em * 1.5f, em * 1.0f};
    style.FramePadding = {em * 0.6f, em * 0.4f};
    style.ItemSpacing = {em * 0.6f, em * 0.6f};
    style.FrameRounding = em * 0.3f;
    style.WindowRounding = 0.0f;
    style.ChildRounding = 0.0f;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 0.0f;
    style.ScrollbarSize = em * 0.6f;  // a visual cue only: scrolling is by drag and by the arrow buttons
    style.GrabMinSize = em;
    style.TouchExtraPadding = {em * 0.1f, em * 0.1f};
    auto& c = style.Colors;
    c[ImGuiCol_WindowBg] = theme.background;
    c[ImGuiCol_ChildBg] = {0, 0, 0, 0};
    c[ImGuiCol_Text] = theme.text;
    c[ImGuiCol_Button] = theme.accent;
    c[ImGuiCol_FrameBg] = theme.panel;
    c[ImGuiCol_FrameBgHovered] = theme.panel;
    c[ImGuiCol_FrameBgActive] = theme.panel;
    c[ImGuiCol_Border] = theme.mutedText;
    c[ImGuiCol_TextSelectedBg] = {theme.focus.x, theme.focus.y, theme.focus.z, 0.35f};
    c[ImGuiCol_ScrollbarBg] = theme.background;
    c[ImGuiCol_ScrollbarGrab] = theme.mutedText;
    c[ImGuiCol_NavHighlight] = theme.focus;
}

}  // namespace kiosk::ui
