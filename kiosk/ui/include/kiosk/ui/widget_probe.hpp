// Records where each of our widgets was drawn, so headless tests (and an on-screen keyboard focus ring)
// can find a widget by its label and act on it the way a person would.
// Layer: kiosk/ui. Owned by whoever drives the frame; the UI only writes to it when one is installed.
#pragma once

#include <map>
#include <string>

namespace kiosk::ui {

struct WidgetRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float cx() const { return (x0 + x1) * 0.5f; }
    float cy() const { return (y0 + y1) * 0.5f; }
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};

class WidgetProbe {
public:
    void beginFrame() { m_rects.clear(); }
    void record(const std::string& label, const WidgetRect& r) { m_rects[label] = r; }
    const WidgetRect* find(const std::string& label) const {
        auto it = m_rects.find(label);
        return it == m_rects.end() ? nullptr : &it->second;
    }
    const std::map<std::string, WidgetRect>& all() const { return m_rects; }

private:
    std::map<std::string, WidgetRect> m_rects;
};

}  // namespace kiosk::ui
