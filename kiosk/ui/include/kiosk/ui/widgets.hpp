// Touch-first widgets sized in em, each recorded in the View's WidgetProbe under its visible label.
// Layer: kiosk/ui.
#pragma once

#include "kiosk/ui/view.hpp"

#include <string>

namespace kiosk::ui {

enum class ButtonStyle { Primary, Secondary };

// A large button: at least 1.75 em tall (touch target) and `widthEm` wide. Returns true when activated
// by touch, mouse, or Enter/Space while it has keyboard focus.
bool touchButton(const View& view, const std::string& label, float widthEm,
                 ButtonStyle style = ButtonStyle::Primary, bool selected = false);

// Text centred horizontally in the current window, wrapped at `maxWidth` pixels.
void centredText(ImFont* font, const std::string& text, float maxWidth, const ImVec4& colour);

// Records the last item under `label` in the probe, if one is installed.
void recordItem(const View& view, const std::string& label);

// Begins a window covering the whole display with the theme background and no decorations.
void beginFullScreen(const char* id, const View& view);
void endFullScreen();

}  // namespace kiosk::ui
