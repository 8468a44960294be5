// Headless Dear ImGui harness: a context with no window or renderer, real fonts, and helpers that click
// and type the way a person would (separate frames for hover, press and release, as 1.86 needs).
// Layer: tests (ui). One Harness at a time: it owns the current ImGui context.
#pragma once

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/widget_probe.hpp"

#include <functional>
#include <optional>
#include <string>

namespace kiosk::test {

class Harness {
public:
    // A 1920x1080 display unless told otherwise; fonts from the repository's assets/.
    explicit Harness(float width = 1920.0f, float height = 1080.0f);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    const ui::Fonts& fonts() const { return m_fonts; }
    ui::WidgetProbe& probe() { return m_probe; }

    // Runs one frame: NewFrame, `draw`, Render. The probe holds what `draw` recorded.
    void frame(const std::function<void()>& draw);

    // Moves the pointer onto the widget labelled `label` and clicks it over three frames (hover, press,
    // release), calling `draw` each frame. Fails the test (via exception) when the widget is not there.
    void click(const std::string& label, const std::function<void()>& draw);
    void clickAt(float x, float y, const std::function<void()>& draw);

    // Presses and releases a key (ImGuiKey_ value) over two frames.
    void pressKey(int imguiKey, const std::function<void()>& draw);

    // Types UTF-8 text into whatever has keyboard focus (one frame).
    void type(const std::string& utf8, const std::function<void()>& draw);

    // The widget's rectangle, or throws std::runtime_error listing the labels that were drawn.
    ui::WidgetRect rectOf(const std::string& label) const;

private:
    ui::Fonts m_fonts;
    ui::WidgetProbe m_probe;
};

// Runs `draw` over frames and returns the last non-empty result, so tests can collect a screen's event.
template <class T>
struct Capture {
    std::optional<T> last;
    void operator()(std::optional<T> v) {
        if (v) last = std::move(v);
    }
};

}  // namespace kiosk::test
