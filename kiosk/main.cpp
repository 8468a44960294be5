// briefing-kiosk: the full-screen kiosk program. Wires settings, content, the journey reducer, the screens
// and the SDL window together, runs effects, and renders only when something changed.
#include "bk/build_info.hpp"
#include "content/catalog.hpp"
#include "content/diagnostic.hpp"
#include "content/force_profile.hpp"
#include "content/text.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/config/exit_codes.hpp"
#include "kiosk/config/settings.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/platform/termination.hpp"
#include "kiosk/platform/window.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/view.hpp"

#include <CLI/CLI.hpp>
#include <imgui.h>

#include <chrono>
#include <future>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <unistd.h>
#include <iostream>
#include <optional>
#include <regex>

namespace {

using namespace kiosk;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Options {
    std::optional<std::string> windowed;  // "WxH"
    config::Overrides overrides;
    std::optional<fs::path> screenshot;
    int afterFrames = 2;
    bool printTiming = false;
};

// Everything loaded at start-up. Problems do not stop the kiosk: they become the notice an officer sees.
struct Loaded {
    content::ForceProfile force;
    content::Catalog english;
    content::Catalog welsh;
    std::vector<std::string> problems;
};

content::ForceProfile fallbackForce() {
    content::ForceProfile f;
    f.name = {"Briefing Kiosk", "Ciosg Briffio"};
    return f;
}

Loaded loadContent(const config::Settings& settings) {
    Loaded l;
    l.force = fallbackForce();
    const auto note = [&](const content::LoadError& e) {
        for (const auto& d : e.diagnostics()) l.problems.push_back(d.format());
    };
    try {
        l.force = content::loadForceProfile(settings.forceProfile);
    } catch (const content::LoadError& e) {
        note(e);
    }
    try {
        l.english = content::Catalog::load(settings.contentDir / "strings" / "en-GB.toml", "en-GB");
        l.welsh = content::Catalog::load(settings.contentDir / "strings" / "cy.toml", "cy");
    } catch (const content::LoadError& e) {
        note(e);
    }
    return l;
}

bool parseSize(const std::string& s, int& w, int& h) {
    static const std::regex kSize(R"((\d{3,5})x(\d{3,5}))");
    std::smatch m;
    if (!std::regex_match(s, m, kSize)) return false;
    w = std::stoi(m[1]);
    h = std::stoi(m[2]);
    return w >= 320 && h >= 240;
}

// The millisecond offset from process start (as the kernel saw it) to now, for start-up timing.
double msSinceProcessStart() {
    FILE* f = std::fopen("/proc/self/stat", "r");
    if (!f) return -1;
    char buf[1024];
    const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')');
    if (!p) return -1;
    unsigned long long start = 0;
    // Field 22 (starttime) counts from ')' as field 2: skip 19 more fields.
    int field = 2;
    for (const char* q = p + 1; *q; ++q) {
        if (*q == ' ' && ++field == 22) {
            start = std::strtoull(q + 1, nullptr, 10);
            break;
        }
    }
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (now.tv_sec + now.tv_nsec / 1e9 - static_cast<double>(start) / ticks) * 1000.0;
}

int run(const Options& opt) {
    config::Settings settings;
    try {
        settings = config::resolveSettings(opt.overrides, config::Environment::fromProcess());
    } catch (const config::SettingsError& e) {
        std::cerr << "briefing-kiosk: " << e.what() << '\n';
        return config::kExitInvalidInput;
    }
    Loaded loaded = loadContent(settings);
    if (auto problem = config::prepareDataDir(settings.dataDir)) loaded.problems.push_back(*problem);

    if (opt.printTiming) std::fprintf(stderr, "content-loaded-ms %.1f\n", msSinceProcessStart());
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    struct ContextGuard {
        ~ContextGuard() { ImGui::DestroyContext(); }
    } contextGuard;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk must not write imgui.ini wherever it was started
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    platform::WindowOptions wo;
    if (opt.windowed) {
        wo.fullscreen = false;
        parseSize(*opt.windowed, wo.width, wo.height);
    }
    platform::installTerminationHandlers();
    std::optional<platform::Display> display;
    std::optional<platform::Window> window;
    ui::Fonts fonts;
    try {
        display.emplace();
        // Rasterising the fonts (CPU only, touches only the atlas) overlaps with creating the window and
        // OpenGL context, which on llvmpipe costs about as long again: together they set start-up time.
        const platform::Size size = display->plannedWindowSize(wo);
        auto fontsReady = std::async(std::launch::async, [&, atlas = io.Fonts] {
            return ui::loadFonts(*atlas, settings.assetsDir, ui::emForScreenHeight(static_cast<float>(size.height)));
        });
        try {
            window.emplace(*display, wo);
        } catch (...) {
            fontsReady.wait();  // never leave the worker writing to the atlas while we unwind
            throw;
        }
        fonts = fontsReady.get();
        io.FontDefault = fonts.body;
    } catch (const platform::NoDisplayError& e) {
        std::cerr << "briefing-kiosk: " << e.what() << '\n';
        return config::kExitEnvironment;
    } catch (const platform::PlatformError& e) {
        std::cerr << "briefing-kiosk: " << e.what() << '\n';
        return config::kExitEnvironment;
    } catch (const ui::FontError& e) {
        std::cerr << "briefing-kiosk: " << e.what() << '\n';
        return config::kExitEnvironment;
    }
    window->reloadFontTexture();
    if (opt.printTiming) std::fprintf(stderr, "window-and-fonts-ms %.1f\n", msSinceProcessStart());
    const ui::Theme theme = ui::makeTheme(loaded.force.accent, false);
    ui::applyTheme(theme, fonts.em);
    const ui::View view{fonts, theme, loaded.english, loaded.welsh, loaded.force, nullptr};

    flow::Config flowConfig;
    flowConfig.firstLanguage = loaded.force.defaults.firstLanguage;
    flowConfig.idleTimeout = std::chrono::seconds(loaded.force.defaults.idleTimeoutSeconds);
    flow::State state = flow::initialState(flowConfig);

    const int captureAt = std::max(opt.afterFrames, 2);
    int framesRendered = 0;
    int framesToDraw = 2;  // auto-sized windows draw nothing on their first frame
    auto lastTick = Clock::now();
    bool reportedFirstFrame = false;

    while (true) {
        const bool input = window->waitEvents(framesToDraw > 0 || opt.screenshot ? 0 : (flow::needsTicks(state) ? 250 : 1000));
        if (input) framesToDraw = std::max(framesToDraw, 3);  // a click needs hover, press and release frames
        if (platform::terminationRequested()) return config::kExitOk;
        if (window->quitRequested()) {
            // Outside officer mode the kiosk ignores close requests (hardening issue #8 adds officer exit).
            window->clearQuitRequest();
        }
        const auto now = Clock::now();
        const auto elapsed = std::chrono::duration_cast<flow::Millis>(now - lastTick);
        lastTick = now;
        if (input) state = flow::reduce(std::move(state), flow::UserActivity{}).state;
        auto step = flow::reduce(std::move(state), flow::Tick{elapsed});
        state = std::move(step.state);
        if (!step.effects.empty()) framesToDraw = std::max(framesToDraw, 2);

        if (framesToDraw <= 0 && !opt.screenshot) continue;
        window->beginFrame();
        std::optional<flow::Event> event;
        if (loaded.problems.empty()) {
            event = ui::drawJourney(state, view);
        } else {
            ui::drawNotice(view, loaded.english.get("notice.title"), loaded.problems);
        }
        window->render();
        ++framesRendered;
        --framesToDraw;
        if (opt.screenshot && framesRendered >= captureAt) {
            try {
                window->saveBackBufferPng(*opt.screenshot);
            } catch (const platform::PlatformError& e) {
                std::cerr << "briefing-kiosk: " << e.what() << '\n';
                return config::kExitEnvironment;
            }
            return config::kExitOk;
        }
        window->present();
        if (!reportedFirstFrame) {
            if (opt.printTiming) std::fprintf(stderr, "first-frame-ms %.1f\n", msSinceProcessStart());
            reportedFirstFrame = true;
            if (wo.fullscreen) {
                try {
                    window->enterFullScreen();
                } catch (const platform::PlatformError& e) {
                    // The window already covers the screen without decorations: carry on, but say so.
                    std::cerr << "briefing-kiosk: " << e.what() << '\n';
                }
            }
        }
        if (event) {
            auto next = flow::reduce(std::move(state), *event);
            state = std::move(next.state);
            framesToDraw = std::max(framesToDraw, 2);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Briefing Kiosk: security briefings for election candidates", "briefing-kiosk"};
    app.set_version_flag("--version", std::string("briefing-kiosk ") + bk::kVersion);
    Options opt;
    std::string screenshot;
    app.add_option("--windowed", opt.windowed, "Run in a normal window of this size instead of full screen")
        ->check([](const std::string& s) {
            int w = 0, h = 0;
            return parseSize(s, w, h) ? std::string() : std::string("expected WxH, e.g. 1366x768");
        });
    app.add_option("--content", opt.overrides.contentDir, "Course folder (holding course.toml)");
    app.add_option("--data", opt.overrides.dataDir, "Data folder (attendance store, backups, spool)");
    app.add_option("--config", opt.overrides.configFile, "Configuration file instead of kiosk.toml");
    app.add_option("--force-profile", opt.overrides.forceProfile, "Force profile (TOML)");
    app.add_option("--screenshot", opt.screenshot, "Save a PNG of the screen and exit");
    app.add_option("--after-frames", opt.afterFrames, "Frames to render before the screenshot (at least 2 are)")
        ->check(CLI::PositiveNumber);
    app.add_flag("--print-timing", opt.printTiming, "Print start-up timing to standard error");
    app.footer("Exit codes: 0 success, 1 invalid content or settings, 2 usage error, 3 no display or other "
               "environment fault.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : kiosk::config::kExitUsage;
    }
    return run(opt);
}
