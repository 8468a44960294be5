// SDL2/OpenGL3 window with the Dear ImGui backends, event waiting and back-buffer screenshots.
// Layer: kiosk/platform.
#include "kiosk/platform/window.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <SDL_syswm.h>
#include <wayland-client-core.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <stb/stb_image_write.h>

#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace kiosk::platform {
namespace {

// A 3.0 context with GLSL 1.30 works on llvmpipe and real drivers alike. Never pass "" here: the
// backend then compiles no shader and draws a black window while reporting success.
constexpr const char* kGlslVersion = "#version 130";

bool isInput(const SDL_Event& e) {
    switch (e.type) {
        case SDL_KEYDOWN: case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_TEXTEDITING:
        case SDL_MOUSEMOTION: case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: case SDL_WINDOWEVENT:
        case SDL_QUIT:
            return true;
        default:
            return false;
    }
}

void writeToVector(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

Display::Display() {
    const bool driverChosen = std::getenv("SDL_VIDEODRIVER") != nullptr;
    if (!driverChosen && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
        throw NoDisplayError("no display: neither DISPLAY nor WAYLAND_DISPLAY is set");
    // Keep SDL from swallowing Alt+Tab into a minimise and from blanking the screen.
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        const std::string why = SDL_GetError();
        throw NoDisplayError("cannot open a display (" + why + ")");
    }
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    if (!driverChosen && (driver == "offscreen" || driver == "dummy")) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_TIMER);
        throw NoDisplayError("no display: SDL found only its '" + driver + "' video driver");
    }
    SDL_DisableScreenSaver();
}

Display::~Display() { SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_TIMER); }

Size Display::plannedWindowSize(const WindowOptions& options) const {
    // Full screen takes the desktop's size straight away: without a window manager the switch to full
    // screen arrives a few frames late, and the first frames (and font sizes) would be wrong.
    SDL_DisplayMode mode;
    if (options.fullscreen && SDL_GetDesktopDisplayMode(0, &mode) == 0) return {mode.w, mode.h};
    return {options.width, options.height};
}

Window::Window(const Display& display, const WindowOptions& options) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED;
    int y = SDL_WINDOWPOS_CENTERED;
    if (options.fullscreen) {
        // A borderless window covering the desktop now; the full-screen state follows after the first
        // frame (enterFullScreen), because SDL waits ~130 ms for a window manager's answer to that request.
        flags |= SDL_WINDOW_BORDERLESS;
        SDL_Rect bounds{};
        if (SDL_GetDisplayBounds(0, &bounds) == 0) {
            x = bounds.x;
            y = bounds.y;
        }
    }
    const Size size = display.plannedWindowSize(options);
    m_window = SDL_CreateWindow(options.title.c_str(), x, y, size.width, size.height, flags);
    if (!m_window) {
        const std::string why = SDL_GetError();
        cleanup();
        throw PlatformError("cannot create the window: " + why);
    }
    m_glContext = SDL_GL_CreateContext(m_window);
    if (!m_glContext) {
        const std::string why = SDL_GetError();
        cleanup();
        throw PlatformError("cannot create an OpenGL 3.0 context: " + why);
    }
    SDL_GL_MakeCurrent(m_window, m_glContext);
    SDL_GL_SetSwapInterval(1);

    SDL_SysWMinfo wm;
    SDL_VERSION(&wm.version);
    if (SDL_GetWindowWMInfo(m_window, &wm) && wm.subsystem == SDL_SYSWM_WAYLAND) m_wlDisplay = wm.info.wl.display;

    // The pointer is shown or hidden here (touch mode), not by the backend each frame.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    m_imguiSdl = ImGui_ImplSDL2_InitForOpenGL(m_window, m_glContext);
    m_imguiGl = m_imguiSdl && ImGui_ImplOpenGL3_Init(kGlslVersion);
    if (!m_imguiGl) {
        cleanup();
        throw PlatformError("cannot initialise Dear ImGui's SDL2/OpenGL3 backends");
    }
}

Window::~Window() { cleanup(); }

void Window::cleanup() noexcept {
    if (m_imguiGl) ImGui_ImplOpenGL3_Shutdown();
    if (m_imguiSdl) ImGui_ImplSDL2_Shutdown();
    m_imguiGl = m_imguiSdl = false;
    if (m_glContext) SDL_GL_DeleteContext(m_glContext);
    m_glContext = nullptr;
    if (m_window) SDL_DestroyWindow(m_window);
    m_window = nullptr;
}

int Window::width() const {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(m_window, &w, &h);
    return w;
}

int Window::height() const {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(m_window, &w, &h);
    return h;
}

bool Window::waitEvents(int timeoutMs) {
    bool input = false;
    SDL_Event e;
    if (!SDL_WaitEventTimeout(&e, timeoutMs)) return false;
    do {
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (e.type == SDL_QUIT) m_quitRequested = true;
        // Seen here, not through ImGui: a quick chord is pressed and released within one batch of events.
        if (e.type == SDL_KEYDOWN && e.key.keysym.scancode == SDL_SCANCODE_O && (e.key.keysym.mod & KMOD_CTRL) &&
            (e.key.keysym.mod & KMOD_ALT))
            m_officerChord = true;
        input = input || isInput(e);
        // Touch mode hides the pointer (a stray arrow on a touch screen confuses people); a real mouse
        // brings it back for officers and keyboard-and-mouse use.
        const bool touch = e.type == SDL_FINGERDOWN ||
                           ((e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEMOTION) && e.button.which == SDL_TOUCH_MOUSEID);
        if (touch) SDL_ShowCursor(SDL_DISABLE);
        else if (e.type == SDL_MOUSEMOTION) SDL_ShowCursor(SDL_ENABLE);
    } while (SDL_PollEvent(&e));
    return input;
}

std::string Window::displayLost() const {
    if (!m_wlDisplay) return {};
    // Set by libwayland once a read or flush on the compositor's socket failed (EPIPE when it died).
    const int error = wl_display_get_error(m_wlDisplay);
    if (error == 0) return {};
    return std::string("the Wayland compositor connection was lost (") + std::strerror(error) + ")";
}

void Window::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
}

void Window::render() {
    ImGui::Render();
    draw();
}

void Window::draw() {
    glViewport(0, 0, width(), height());
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { SDL_GL_SwapWindow(m_window); }

void Window::enterFullScreen() {
    if ((SDL_GetWindowFlags(m_window) & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP) return;
    if (SDL_SetWindowFullscreen(m_window, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
        throw PlatformError(std::string("cannot switch to full screen: ") + SDL_GetError());
    // Keys such as Alt+Tab and the Windows key come to the kiosk, not the desktop (with
    // SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED=0 set in Display, SDL does not minimise on Alt+Tab).
    SDL_SetWindowKeyboardGrab(m_window, SDL_TRUE);
}

void Window::reloadFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::saveBackBufferPng(const std::filesystem::path& file) const {
    const int w = width();
    const int h = height();
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) throw PlatformError("cannot read the back buffer for " + file.string());
    // OpenGL's origin is bottom-left: hand stb the rows bottom-up with a negative stride.
    const unsigned char* lastRow = pixels.data() + static_cast<std::size_t>(h - 1) * w * 4;
    std::vector<unsigned char> png;
    stbi_write_png_compression_level = 1;  // the default level costs 100–400 ms at 1080p
    if (!stbi_write_png_to_func(writeToVector, &png, w, h, 4, lastRow, -w * 4))
        throw PlatformError("cannot encode the screenshot as PNG");
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw PlatformError("cannot write " + file.string());
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw PlatformError("cannot write " + file.string() + ": " + ec.message());
    }
}

}  // namespace kiosk::platform
