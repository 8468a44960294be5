// The kiosk's window: SDL2 + OpenGL 3 context + Dear ImGui's SDL2/OpenGL3 backends, owned as one RAII object.
// Layer: kiosk/platform. One Window per process, used from the main thread only. Needs an ImGui context
// to exist before construction and to outlive the Window.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

struct SDL_Window;
struct wl_display;

namespace kiosk::platform {

// No display to open a window on (exit code 3).
class NoDisplayError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Any other failure of SDL or OpenGL set-up.
class PlatformError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct WindowOptions {
    bool fullscreen = true;  // SDL_WINDOW_FULLSCREEN_DESKTOP
    int width = 1280;        // used when not full screen
    int height = 800;
    std::string title = "Briefing Kiosk";
};

struct Size {
    int width = 0;
    int height = 0;
};

// SDL's video subsystem, open for as long as this object lives. Refuses SDL's silent "offscreen"
// fallback when there is no display (an explicit SDL_VIDEODRIVER, e.g. kmsdrm, is respected).
class Display {
public:
    Display();  // throws NoDisplayError
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    // The size the window will have with `options`, known before it exists, so fonts can be prepared
    // while the window and OpenGL context are being created.
    Size plannedWindowSize(const WindowOptions& options) const;
};

class Window {
public:
    // `display` must outlive the window.
    Window(const Display& display, const WindowOptions& options);  // throws PlatformError
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    int width() const;   // drawable size in pixels
    int height() const;

    // Sleeps until input arrives or `timeoutMs` passes, then drains every pending event into ImGui.
    // Returns true when any input (or a window change) arrived.
    bool waitEvents(int timeoutMs);
    bool quitRequested() const noexcept { return m_quitRequested; }
    // Why the display connection is gone (the Wayland compositor died or closed it), or empty while it is
    // alive. The kiosk then exits at once instead of spinning in SDL's event pump: under cage, systemd
    // restarts the pair. (Under X11, Xlib itself ends the process when the server goes away.)
    std::string displayLost() const;
    void clearQuitRequest() noexcept { m_quitRequested = false; }
    // True once after Ctrl+Alt+O was pressed (officer mode's key chord), however briefly.
    bool takeOfficerChord() noexcept {
        const bool seen = m_officerChord;
        m_officerChord = false;
        return seen;
    }

    void beginFrame();  // backends' NewFrame + ImGui::NewFrame
    void render();      // ImGui::Render + draw into the back buffer (not yet shown)
    void draw();        // draw the last ImGui::Render's data into the back buffer (benchmarks time the two apart)
    void present();     // swap buffers

    // Switches a window opened with `fullscreen` to SDL_WINDOW_FULLSCREEN_DESKTOP and grabs the keyboard.
    // Call after the first frame is on screen (the window already covers the desktop, borderless).
    // Throws PlatformError.
    void enterFullScreen();

    // Reads the back buffer (call after render(), before present()) and writes it as PNG, atomically.
    // Throws PlatformError naming the file on failure.
    void saveBackBufferPng(const std::filesystem::path& file) const;

    // Uploads the font atlas again after fonts change (e.g. a new text size).
    void reloadFontTexture();

private:
    void cleanup() noexcept;

    SDL_Window* m_window = nullptr;
    ::wl_display* m_wlDisplay = nullptr;  // SDL's Wayland connection, when SDL uses Wayland
    void* m_glContext = nullptr;
    bool m_quitRequested = false;
    bool m_officerChord = false;
    bool m_imguiSdl = false;
    bool m_imguiGl = false;
};

}  // namespace kiosk::platform
