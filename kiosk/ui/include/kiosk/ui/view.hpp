// What every screen needs to draw: fonts, theme, strings and force facts. Read-only during a frame.
// Layer: kiosk/ui.
#pragma once

#include "content/catalog.hpp"
#include "content/force_profile.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/widget_probe.hpp"

#include <imgui.h>

#include <string>

namespace kiosk::ui {

struct Theme {
    ImVec4 background;
    ImVec4 text;
    ImVec4 mutedText;
    ImVec4 accent;      // force colour: header band, primary buttons
    ImVec4 onAccent;    // text on the accent colour
    ImVec4 secondary;   // secondary buttons
    ImVec4 onSecondary;
    ImVec4 focus;       // keyboard focus ring
};

Theme makeTheme(const content::Rgb& accent, bool highContrast);
void applyTheme(const Theme& theme, float em);

struct View {
    const Fonts& fonts;
    const Theme& theme;
    const content::Catalog& english;
    const content::Catalog& welsh;
    const content::ForceProfile& force;
    WidgetProbe* probe = nullptr;  // optional: set by tests

    const content::Catalog& strings(const std::string& lang) const { return lang == "cy" ? welsh : english; }
    float em() const { return fonts.em; }
};

}  // namespace kiosk::ui
