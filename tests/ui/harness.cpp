// Headless Dear ImGui harness implementation. Layer: tests (ui).
#include "harness.hpp"

#include <imgui.h>

#include <stdexcept>

namespace kiosk::test {

Harness::Harness(float width, float height) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = {width, height};
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // A key map like the SDL backend's, so ImGui::IsKeyPressed(GetKeyIndex(...)) works headless.
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    m_fonts = ui::loadFonts(std::string(BK_SOURCE_DIR) + "/assets", ui::emForScreenHeight(height));
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

Harness::~Harness() { ImGui::DestroyContext(); }

void Harness::frame(const std::function<void()>& draw) {
    m_probe.beginFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
}

ui::WidgetRect Harness::rectOf(const std::string& label) const {
    if (const auto* r = m_probe.find(label)) return *r;
    std::string seen;
    for (const auto& [name, rect] : m_probe.all()) seen += " '" + name + "'";
    throw std::runtime_error("no widget labelled '" + label + "' this frame; drawn:" + seen);
}

void Harness::clickAt(float x, float y, const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {x, y};
    frame(draw);  // hover
    io.MouseDown[0] = true;
    frame(draw);  // press
    io.MouseDown[0] = false;
    frame(draw);  // release: ImGui::Button reports the click here
}

void Harness::click(const std::string& label, const std::function<void()>& draw) {
    if (!m_probe.find(label)) frame(draw);  // the widget may appear only once drawn
    const auto r = rectOf(label);
    clickAt(r.cx(), r.cy(), draw);
}

void Harness::pressKey(int imguiKey, const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[imguiKey] = true;
    frame(draw);
    io.KeysDown[imguiKey] = false;
    frame(draw);
}

void Harness::type(const std::string& utf8, const std::function<void()>& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
    frame(draw);
}

}  // namespace kiosk::test
