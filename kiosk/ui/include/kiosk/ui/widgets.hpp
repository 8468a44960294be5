// Touch-first widgets sized in em, each recorded in the View's WidgetProbe under its visible label.
// Layer: kiosk/ui.
#pragma once

#include "kiosk/ui/view.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

namespace kiosk::ui {

enum class ButtonStyle { Primary, Secondary };

// A large button: at least 1.75 em tall (touch target) and `widthEm` wide. Returns true when activated
// by touch, mouse, or Enter/Space while it has keyboard focus.
// Recorded in the probe under `probeLabel` when given, else under the visible label (before any "##").
bool touchButton(const View& view, const std::string& label, float widthEm,
                 ButtonStyle style = ButtonStyle::Primary, bool selected = false, const std::string& probeLabel = {});

// A one-line text box at least 2 em tall, `widthEm` wide. `value` is shown after repairUtf8 (ImGui asserts
// on invalid UTF-8). Returns the new content when the person typed into it (physical keyboard).
// `activated` is set when the box was touched or got keyboard focus this frame.
struct TextFieldResult {
    std::optional<std::string> changed;
    bool activated = false;
};
TextFieldResult textField(const View& view, const std::string& id, const std::string& value, float widthEm,
                          bool focused, const std::string& probeLabel);

// Wrapped text at the current cursor, up to `wrapWidth` pixels wide.
void wrappedText(ImFont* font, const std::string& text, const ImVec4& colour, float wrapWidth);

// Replaces each "{name}" in `text` with its value.
std::string fillIn(std::string text, std::initializer_list<std::pair<const char*, std::string>> values);

// Text centred horizontally in the current window, wrapped at `maxWidth` pixels.
void centredText(ImFont* font, const std::string& text, float maxWidth, const ImVec4& colour);

// Records the last item under `label` in the probe, if one is installed.
void recordItem(const View& view, const std::string& label);

// Begins a window covering the whole display with the theme background and no decorations.
// The accent-coloured band `height` px tall across the top of the window (edge to edge, through the
// window padding), with `title` in the heading font at `titleSize` px, `indent` px in, centred vertically.
void accentBand(const View& view, float height, const std::string& title, float titleSize, float indent);
void beginFullScreen(const char* id, const View& view);
void endFullScreen();

}  // namespace kiosk::ui
