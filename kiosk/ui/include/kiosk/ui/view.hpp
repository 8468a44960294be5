// What every screen needs to draw: fonts, theme, strings and force facts. Read-only during a frame.
// Layer: kiosk/ui.
#pragma once

#include "content/catalog.hpp"
#include "content/document.hpp"
#include "content/force_profile.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/widget_probe.hpp"

#include <imgui.h>

#include <string>
#include <vector>

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
    ImVec4 panel;       // cards: knowledge checks, callouts, input boxes
    ImVec4 good;        // "that's right" text
    ImVec4 bad;         // problems and "not quite" text
};

Theme makeTheme(const content::Rgb& accent, bool highContrast);

// Every text/background pair the screens draw, for the WCAG contrast test: {name, text, background}.
struct ColourPair {
    const char* name;
    ImVec4 text;
    ImVec4 background;
};
std::vector<ColourPair> textPairs(const Theme& theme);
// WCAG 2.1 contrast ratio of two opaque colours (1..21).
double contrastRatio(const ImVec4& a, const ImVec4& b);
void applyTheme(const Theme& theme, float em);

struct View {
    const Fonts& fonts;
    const Theme& theme;
    const content::Catalog& english;
    const content::Catalog& welsh;
    const content::ForceProfile& force;
    WidgetProbe* probe = nullptr;  // optional: set by tests
    const Theme* highContrast = nullptr;  // the candidate's high-contrast theme (nullptr: none offered)
    const std::vector<content::Module>* englishModules = nullptr;  // resolved, in course order
    const std::vector<content::Module>* welshModules = nullptr;
    float scale = 1.0f;
    bool scrollToAnswer = false;  // gallery: scroll a module so its first answered question is in view  // the candidate's text size (A 1.0, A+ 1.2, A++ 1.4): sizes are em() * n

    const content::Catalog& strings(const std::string& lang) const { return lang == "cy" ? welsh : english; }
    const std::vector<content::Module>* modules(const std::string& lang) const {
        return lang == "cy" ? welshModules : englishModules;
    }
    float em() const { return fonts.em * scale; }
};

}  // namespace kiosk::ui
