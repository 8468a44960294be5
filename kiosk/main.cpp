// briefing-kiosk: the full-screen kiosk program. Wires settings, content, the journey reducer, the screens
// and the SDL window together, runs effects, and renders only when something changed.
#include "bk/build_info.hpp"
#include "content/course.hpp"
#include "content/placeholders.hpp"
#include "kiosk/app/effects.hpp"
#include "kiosk/app/gallery.hpp"
#include "kiosk/app/officer_mode.hpp"
#include "kiosk/records/store.hpp"
#include "content/catalog.hpp"
#include "content/diagnostic.hpp"
#include "content/force_profile.hpp"
#include "content/text.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/config/exit_codes.hpp"
#include "kiosk/config/secrets.hpp"
#include "kiosk/config/settings.hpp"
#include "kiosk/config/sd_notify.hpp"
#include "kiosk/config/start_history.hpp"
#include "kiosk/config/upgrade_watch.hpp"
#include "kiosk/packs/print_worker.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/platform/process_time.hpp"
#include "kiosk/platform/termination.hpp"
#include "kiosk/platform/window.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/officer.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/view.hpp"

#include <CLI/CLI.hpp>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <unistd.h>
#include <iostream>
#include <optional>
#include <fstream>
#include <memory>
#include <regex>

namespace {

using namespace kiosk;
using Clock = std::chrono::steady_clock;
constexpr std::chrono::minutes kBackupInterval{60};
constexpr int kKeptBackups = 24;  // a day of hourly backups
namespace fs = std::filesystem;

struct Options {
    std::optional<std::string> windowed;  // "WxH"
    config::Overrides overrides;
    std::optional<fs::path> screenshot;
    int afterFrames = 2;
    bool printTiming = false;
    std::optional<fs::path> gallery;
    std::optional<fs::path> printWidgets;
    int benchFrames = 0;  // > 0: time this many frames of the heaviest screen and exit  // e2e: after each frame, write the screen and widget rectangles here
};

// Everything loaded at start-up. Problems do not stop the kiosk: they become the notice an officer sees.
struct Loaded {
    content::ForceProfile force;
    content::Catalog english;
    content::Catalog welsh;
    std::vector<content::Module> englishModules;  // resolved against the force profile
    std::vector<content::Module> welshModules;
    std::optional<content::Course> course;
    std::vector<std::string> problems;
};

content::ForceProfile fallbackForce() {
    content::ForceProfile f;
    f.name.en = "Briefing Kiosk";
    f.name.cy = "Ciosg Briffio";
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

// The course's modules in both languages, resolved against the force profile. Pure file reading and
// parsing, so it runs on a worker thread while the window opens.
struct LoadedModules {
    std::optional<content::Course> course;  // kept for printing packs
    std::vector<content::Module> english, welsh;
    std::vector<std::string> problems;
};

LoadedModules loadModules(const config::Settings& settings, const content::ForceProfile& force) {
    LoadedModules m;
    try {
        // The force profile's jurisdiction chooses the course: the law taught must be the law where the force is.
        content::Course course = content::loadCourse(settings.contentDir, force.jurisdiction);
        for (const auto& d : content::profileProblems(force, course)) m.problems.push_back(d.format());
        m.english = content::resolvedModules(course, "en-GB", force);
        if (course.hasLanguage("cy")) m.welsh = content::resolvedModules(course, "cy", force);
        m.course = std::move(course);
    } catch (const content::LoadError& e) {
        for (const auto& d : e.diagnostics()) m.problems.push_back(d.format());
    } catch (const std::out_of_range&) {
        m.problems.push_back(settings.contentDir.string() + ": the course has no en-GB modules");
    }
    return m;
}

// The languages candidates may choose: the loaded course's (both when no course could be loaded, so the
// officer notice still reads in both).
std::vector<std::string> courseLanguages(const Loaded& l) {
    if (!l.course) return {"en-GB", "cy"};
    return l.course->manifest.languages;
}

void addModules(Loaded& l, LoadedModules m) {
    l.englishModules = std::move(m.english);
    l.welshModules = std::move(m.welsh);
    l.course = std::move(m.course);
    for (auto& p : m.problems) l.problems.push_back(std::move(p));
}

// Opens the attendance store. A damaged store moved aside, or one that cannot be opened, is a problem
// for the officer notice (the kiosk never carries on silently without its records). Erasures an
// interrupted erase or purge left unfinished are completed here, at start-up. Without the audit key
// (the installation's secret could not be loaded; run() has put that on the notice) the store is not
// opened: a chain written under another key would fail verification.
std::unique_ptr<records::Store> openStore(const config::Settings& settings, const content::ForceProfile& force,
                                          const std::optional<records::AuditKey>& auditKey,
                                          std::vector<std::string>& problems) {
    if (!auditKey) return nullptr;
    records::OpenOptions o;
    o.kioskId = "kiosk";
    o.forceId = force.id;
    o.exportDir = settings.exportDir;
    o.auditKey = auditKey;
    try {
        auto r = records::Store::open(settings.dataDir, o);
        if (r.movedAside)
            problems.push_back("The attendance store was damaged and has been moved aside to " +
                               content::text::repairUtf8(r.movedAside->string()) + " (" +
                               content::text::repairUtf8(r.problem) + "). A fresh store is in use.");
        if (r.temporariesRemoved > 0)
            std::cerr << "briefing-kiosk: removed " << r.temporariesRemoved << " hidden temporary file(s) left by an "
                      << "interrupted backup, restore or export\n";
        if (r.store->pendingScrubs() > 0) {
            try {
                const auto done = r.store->finishErasures();
                std::cerr << "briefing-kiosk: finished an interrupted erasure (" << done.copiesScrubbed << " copies)\n";
            } catch (const records::StoreError& e) {  // the officer's status page names what is left
                std::cerr << "briefing-kiosk: " << content::text::repairUtf8(e.what()) << '\n';
            }
        }
        return std::move(r.store);
    } catch (const records::StoreError& e) {
        problems.push_back(content::text::repairUtf8(e.what()));
    }
    return nullptr;
}

// The thread that renders and prints queued packs (its own store connection). Null, with a problem for the
// officer notice, when the pack's fonts or labels cannot be found.
std::unique_ptr<packs::PrintWorker> startPrintWorker(const config::Settings& settings, const Loaded& loaded,
                                                     std::vector<std::string>& problems) {
    if (!loaded.course) return nullptr;
    // A pack write killed half-way (power cut, crash) leaves a hidden partial PDF holding personal data.
    if (const int n = print::removeStaleSpoolTemporaries(settings.dataDir / "spool", std::chrono::minutes(10)))
        std::cerr << "briefing-kiosk: removed " << n << " partial pack file(s) left in the spool folder\n";
    try {
        print::PackRenderer renderer(print::packAssets(settings.resources));
        return std::make_unique<packs::PrintWorker>(settings.dataDir, *loaded.course, loaded.force, std::move(renderer),
                                                    print::makePrinter(settings.printer, settings.dataDir / "spool"));
    } catch (const std::exception& e) {
        problems.push_back(std::string("Safety packs cannot be printed: ") + content::text::repairUtf8(e.what()));
    }
    return nullptr;
}

// Writes the current screen and every recorded widget (centre in window pixels) for end-to-end tests.
// In officer mode the screen is "officer-<page>"; the fault notice is "notice", one "problem" line each.
void writeWidgets(const fs::path& file, const flow::State& state, const flow::OfficerState& officer,
                  const ui::WidgetProbe& probe, const std::vector<std::string>* notice) {
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp);
        if (officer.active) {
            out << "screen officer-" << flow::pageKey(officer.officer ? officer.page : flow::OfficerPage::PinPad) << '\n';
        } else if (notice) {
            out << "screen notice\n";
            for (std::string p : *notice) {
                std::replace(p.begin(), p.end(), '\n', ' ');
                out << "problem " << p << '\n';
            }
        } else {
            out << "screen " << flow::screenName(state.screen) << (state.countdown ? " countdown" : "") << '\n';
        }
        for (const auto& [label, r] : probe.all())
            out << "widget " << static_cast<int>(r.cx()) << ' ' << static_cast<int>(r.cy()) << ' ' << label << '\n';
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
}

bool parseSize(const std::string& s, int& w, int& h) {
    static const std::regex kSize(R"((\d{3,5})x(\d{3,5}))");
    std::smatch m;
    if (!std::regex_match(s, m, kSize)) return false;
    w = std::stoi(m[1]);
    h = std::stoi(m[2]);
    return w >= 320 && h >= 240;
}

double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);  // all threads: llvmpipe rasterises on worker threads
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// --bench-frames N: renders the heaviest screen (a module with answered questions) N times and prints
// the median CPU time per frame for ImGui (NewFrame to Render) and for the whole frame (to the swap).
int runBench(const Options& opt, platform::Window& window, const ui::View& view, const flow::Config& config,
             const std::vector<content::Module>& modules) {
    flow::State heavy;
    for (auto& shot : app::galleryShots(config, modules, "en-GB", false))
        if (shot.screen == "module-answered") heavy = shot.state;
    std::vector<double> imgui, whole;
    for (int i = 0; i < opt.benchFrames + 3; ++i) {
        const double t0 = cpuMs();
        window.beginFrame();
        ui::drawJourney(heavy, view);
        ImGui::Render();
        const double t1 = cpuMs();
        window.draw();
        window.present();
        const double t2 = cpuMs();
        if (i >= 3) {  // the first frames build layouts and upload the font texture
            imgui.push_back(t1 - t0);
            whole.push_back(t2 - t0);
        }
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("heaviest screen (module with answered questions) at %dx%d, median of %d frames:\n", window.width(),
                window.height(), opt.benchFrames);
    std::printf("  ImGui CPU per frame (NewFrame to Render): %.3f ms\n", median(imgui));
    std::printf("  whole frame CPU (to buffer swap, all threads): %.3f ms\n", median(whole));
    return config::kExitOk;
}

// No display, no OpenGL, no fonts: one line on stderr and exit code 3. Only these three are expected from
// the window and font set-up (NoDisplayError, PlatformError, FontError are all runtime_errors).
int reportEnvironmentFault(const std::runtime_error& e) {
    std::cerr << "briefing-kiosk: " << e.what() << '\n';
    return config::kExitEnvironment;
}

// Settings for this run, or nullopt after saying on stderr what is wrong (exit code 1).
std::optional<config::Settings> resolveSettings(const Options& opt) {
    try {
        return config::resolveSettings(opt.overrides, config::Environment::fromProcess());
    } catch (const config::SettingsError& e) {
        std::cerr << "briefing-kiosk: " << e.what() << '\n';
        return std::nullopt;
    }
}

int run(const Options& opt) {
    // First: under cage the kiosk starts with SIGTERM ignored (the unit shields cage from it), so a stop
    // that arrives while the content loads must already find our handler.
    platform::installTerminationHandlers();
    const auto resolved = resolveSettings(opt);
    if (!resolved) return config::kExitInvalidInput;
    const config::Settings& settings = *resolved;
    Loaded loaded = loadContent(settings);
    // The display before anything is created on disk: with no display the kiosk says so in one line and
    // leaves no data folder or secret key behind.
    std::optional<platform::Display> display;
    try {
        display.emplace();
    } catch (const platform::NoDisplayError& e) {
        return reportEnvironmentFault(e);
    }
    if (auto problem = config::prepareDataDir(settings.dataDir)) loaded.problems.push_back(*problem);
    // The installation's secret key, loaded once, before the store opens (kiosk/config/secrets.hpp); created
    // on the first start of a data folder with no store yet. Without it the store is not opened, officer
    // mode refuses every PIN, and the officer notice names the key file.
    std::optional<config::LoadedSecret> secret;
    try {
        secret = config::loadSecret(settings, config::SecretCreation::IfNoStoreYet);
        if (secret->created) std::cerr << "briefing-kiosk: created the installation's secret key " << secret->file.string() << '\n';
    } catch (const config::SecretError& e) {
        loaded.problems.push_back(content::text::repairUtf8(e.what()));
    }
    std::optional<config::PurposeKey> pinPepper;
    std::optional<records::AuditKey> auditKey;
    if (secret) {
        pinPepper = config::deriveKey(secret->key, config::KeyPurpose::PinPepper);
        auditKey = config::deriveKey(secret->key, config::KeyPurpose::AuditMac).bytes();
    }
    // Restarted 10 times within a minute: show "out of order" instead of flapping (systemd restarts us
    // forever). The screenshot and gallery modes are not starts of the kiosk.
    config::StartHistory starts(settings.dataDir);
    if (!opt.screenshot) {
        const auto now = std::chrono::system_clock::now();
        if (auto problem = starts.recordStart(now)) std::cerr << "briefing-kiosk: " << *problem << '\n';
        if (starts.crashLoop(now)) loaded.problems.insert(loaded.problems.begin(), loaded.english.get("notice.crash_loop"));
    }
    auto modulesReady = std::async(std::launch::async, [&settings, force = loaded.force] { return loadModules(settings, force); });
    // The store opens (quick_check, migrations) on a worker too; the kiosk uses it only after get(), from
    // this thread alone, so it is never used from two threads at once.
    auto storeReady = std::async(std::launch::async, [&settings, &auditKey, force = loaded.force] {
        std::vector<std::string> problems;
        auto store = openStore(settings, force, auditKey, problems);
        return std::pair{std::move(store), std::move(problems)};
    });

    if (opt.printTiming) std::fprintf(stderr, "content-loaded-ms %.1f\n", platform::msSinceProcessStart());
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
    std::optional<platform::Window> window;
    ui::Fonts fonts;
    try {
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
    } catch (const std::runtime_error& e) {
        return reportEnvironmentFault(e);
    }
    window->reloadFontTexture();
    if (opt.printTiming) std::fprintf(stderr, "window-and-fonts-ms %.1f\n", platform::msSinceProcessStart());
    addModules(loaded, modulesReady.get());
    auto [store, storeProblems] = storeReady.get();
    std::string storeProblem;  // for the officer status page, which outlives the start-up notice
    for (auto& p : storeProblems) {
        storeProblem += (storeProblem.empty() ? "" : " ") + p;
        loaded.problems.push_back(std::move(p));
    }
    const ui::Theme theme = ui::makeTheme(loaded.force.accent, false);
    const ui::Theme contrastTheme = ui::makeTheme(loaded.force.accent, true);
    ui::applyTheme(theme, fonts.em);
    ui::WidgetProbe probe;
    const ui::View view{fonts,        theme, loaded.english, loaded.welsh, loaded.force,
                        opt.printWidgets ? &probe : nullptr, &contrastTheme, &loaded.englishModules,
                        &loaded.welshModules};

    if (opt.benchFrames > 0)
        return runBench(opt, *window, view, app::makeFlowConfig(loaded.force, loaded.englishModules, nullptr, courseLanguages(loaded)),
                        loaded.englishModules);
    flow::State state = flow::initialState(app::makeFlowConfig(loaded.force, loaded.englishModules, store.get(), courseLanguages(loaded)));
    state.tokenSeed = app::randomTokenSeed();
    std::unique_ptr<packs::PrintWorker> printWorker;
    if (store && loaded.problems.empty()) printWorker = startPrintWorker(settings, loaded, loaded.problems);
    app::EffectRunner runner(store.get(), settings.printer.empty() ? "spool" : settings.printer,
                             [] { ui::wipeInputState(); }, [&] {
                                 if (printWorker) printWorker->wake();
                             });
    // Officer mode: its own state and effect runner; while it is open the journey is paused (no ticks).
    bool exitRequested = false;
    app::AdminServices adminServices;
    adminServices.store = store.get();
    adminServices.force = &loaded.force;
    adminServices.course = loaded.course ? &*loaded.course : nullptr;
    adminServices.printWorker = printWorker.get();
    adminServices.printDestination = settings.printer.empty() ? "spool" : settings.printer;
    adminServices.exportDir = settings.exportDir;
    try {
        adminServices.assets = print::packAssets(settings.resources);
    } catch (const print::PackError&) {
        // Already on the notice: startPrintWorker failed the same way.
    }
    adminServices.storeProblem = storeProblem;
    adminServices.quit = [&] { exitRequested = true; };
    adminServices.settingsChanged = [&] { state.config = app::makeFlowConfig(loaded.force, loaded.englishModules, store.get(), courseLanguages(loaded)); };
    app::OfficerMode officer(store.get(), pinPepper, loaded.englishModules, [] { ui::wipeInputState(); },
                             std::move(adminServices));
    bool cornerHeld = false;
    Clock::time_point officerOpenedAt = Clock::now();
    int lastOfficerSeconds = -1;
    const auto watchdog = config::watchdogInterval();
    auto upgradeWatch = config::UpgradeWatch::forThisProgram();
    auto lastPing = Clock::now();
    std::optional<Clock::time_point> lastBackupCheck;
    bool storeLost = false;
    // Runs a step's effects, feeding each result back into the journey until nothing more is asked.
    const auto applyStep = [&](flow::Step step) {
        state = std::move(step.state);
        std::vector<flow::Effect> pending = std::move(step.effects);
        for (std::size_t i = 0; i < pending.size(); ++i) {
            for (auto& result : runner.run(pending[i])) {
                auto next = flow::reduce(std::move(state), result);
                state = std::move(next.state);
                for (auto& e : next.effects) pending.push_back(std::move(e));
            }
        }
    };

    const int captureAt = std::max(opt.afterFrames, 2);
    int framesRendered = 0;
    int framesToDraw = 2;  // auto-sized windows draw nothing on their first frame
    auto lastTick = Clock::now();
    bool reportedFirstFrame = false;
    int lastCountdown = -1;

    while (true) {
        // While "Are you still there?" counts down, wake every 250 ms; otherwise input or a 1 s tick. Officer
        // mode ticks every 250 ms (auto-lock, lockout countdown); a held corner redraws every 100 ms.
        const bool ticking = officer.active() ? flow::officerNeedsTicks(officer.state()) : flow::needsTicks(state);
        const int timeout = framesToDraw > 0 || opt.screenshot ? 0 : cornerHeld ? 100 : (ticking ? 250 : 1000);
        const bool input = window->waitEvents(timeout);
        if (const std::string lost = window->displayLost(); !lost.empty()) {
            std::cerr << "briefing-kiosk: " << lost << "; exiting\n";
            return config::kExitEnvironment;
        }
        if (input) framesToDraw = std::max(framesToDraw, 3);  // a click needs hover, press and release frames
        if (cornerHeld) framesToDraw = std::max(framesToDraw, 1);  // ImGui's press duration advances per frame
        if (platform::terminationRequested() || exitRequested) {
            starts.clear();  // a clean stop is not a crash
            return config::kExitOk;
        }
        // A package upgrade replaced this program: restart into the new version once nobody is using the
        // kiosk (the attract screen, officer mode closed). Exit 0; systemd (Restart=always) starts it again.
        // Queued print jobs stay in the store and the new process prints them.
        if (!opt.screenshot && !officer.active() && std::holds_alternative<flow::Attract>(state.screen) &&
            !state.countdown && upgradeWatch.replaced(Clock::now())) {
            std::cerr << "briefing-kiosk: a new version was installed; restarting into it now that the kiosk is idle\n";
            starts.clear();
            return config::kExitOk;
        }
        if (watchdog && Clock::now() - lastPing >= *watchdog / 2) {
            config::sdNotify("WATCHDOG=1");
            lastPing = Clock::now();
        }
        // Hourly backups (the newest kKeptBackups kept), checked once a minute once the screen is up.
        if (store && !storeLost && reportedFirstFrame && (!lastBackupCheck || Clock::now() - *lastBackupCheck >= std::chrono::minutes(1))) {
            lastBackupCheck = Clock::now();
            try {
                if (store->backupDue(kBackupInterval)) store->backup(kKeptBackups, "kiosk");
            } catch (const std::exception& e) {  // disk full, folder unwritable: the officer's status page shows it
                std::cerr << "briefing-kiosk: backup not made: " << content::text::repairUtf8(e.what()) << '\n';
            }
        }
        // The store deleted or replaced under us (the data folder removed): nothing more can be saved, and
        // no candidate may be told otherwise. The officer notice replaces the journey.
        if (store && !storeLost) {
            if (const auto gone = store->fileProblem()) {
                storeLost = true;
                loaded.problems.push_back("The attendance store " + content::text::repairUtf8(store->file().string()) +
                                          " is no longer there: " + content::text::repairUtf8(*gone) +
                                          ". Nothing more can be saved. An officer must restore the data folder "
                                          "(or a backup) and restart the kiosk.");
                framesToDraw = std::max(framesToDraw, 2);
            }
        }
        if (printWorker) {
            const auto printResults = printWorker->takeResults();
            // The printing and queue pages show them (only those: the event counts as officer activity).
            const auto page = officer.state().page;
            if (!printResults.empty() && officer.active() &&
                (page == flow::OfficerPage::Printing || page == flow::OfficerPage::PrintQueue)) {
                officer.send(flow::AdminEvent{flow::PrintJobsChanged{}});
                framesToDraw = std::max(framesToDraw, 2);
            }
            for (const auto& r : printResults) {
                if (r.kind == packs::NewsKind::PrinterProblem || r.kind == packs::NewsKind::NeedsOfficer)
                    std::cerr << "briefing-kiosk: " << (r.jobId.empty() ? "" : "print job " + r.jobId + ": ")
                              << r.message << '\n';
                const auto progress = app::journeyPrintNews(r, state);
                if (!progress) continue;
                applyStep(flow::reduce(std::move(state), *progress));
                framesToDraw = std::max(framesToDraw, 2);
            }
        }
        if (window->quitRequested()) {
            // The kiosk ignores close requests: it exits only from officer mode, with confirmation.
            window->clearQuitRequest();
        }
        const auto now = Clock::now();
        const auto elapsed = std::chrono::duration_cast<flow::Millis>(now - lastTick);
        lastTick = now;
        if (officer.active()) {
            // The journey waits: no ticks while officer mode is open (see below for the return).
            if (input) officer.send(flow::OfficerInput{});
            const bool wasSignedIn = officer.state().officer.has_value();
            officer.send(flow::OfficerTick{elapsed});
            const int seconds = flow::lockoutSeconds(officer.state());
            if (!officer.active() || wasSignedIn != officer.state().officer.has_value() ||
                seconds != lastOfficerSeconds) {
                lastOfficerSeconds = seconds;
                framesToDraw = std::max(framesToDraw, 2);
            }
            if (!officer.active()) {
                // Back to the candidate screens: the time officer mode was open counts as the journey's idle
                // time, so a journey abandoned before a long officer session asks "still there?" and resets.
                applyStep(flow::reduce(std::move(state), flow::Tick{std::chrono::duration_cast<flow::Millis>(now - officerOpenedAt)}));
                lastTick = Clock::now();
            }
        } else {
            const bool hadCountdown = state.countdown.has_value();
            if (input) applyStep(flow::reduce(std::move(state), flow::UserActivity{}));
            auto step = flow::reduce(std::move(state), flow::Tick{elapsed});
            const bool effects = !step.effects.empty();
            applyStep(std::move(step));
            if (effects || hadCountdown != state.countdown.has_value()) framesToDraw = std::max(framesToDraw, 2);
            if (flow::countdownSeconds(state) != lastCountdown) {  // the countdown's number changes once a second
                lastCountdown = flow::countdownSeconds(state);
                framesToDraw = std::max(framesToDraw, 1);
            }
        }

        if (framesToDraw <= 0 && !opt.screenshot) continue;
        window->beginFrame();
        probe.beginFrame();
        std::optional<flow::Event> event;
        std::optional<flow::OfficerEvent> officerEvent;
        bool enterOfficer = false;
        if (officer.active()) {
            officerEvent = ui::drawOfficer(officer.state(), view);
            window->takeOfficerChord();  // already open: the chord means nothing here
        } else {
            if (loaded.problems.empty()) {
                event = ui::drawJourney(state, view);
            } else {
                ui::drawNotice(view, loaded.english.get("notice.title"), loaded.problems);
            }
            // The hidden entry works on the fault notice too, as long as there is a store to check PINs.
            enterOfficer = store && (ui::officerEntryGesture(view) || window->takeOfficerChord());
            cornerHeld = store && ui::officerCornerHeld(view);
        }
        window->render();
        ++framesRendered;
        --framesToDraw;
        if (opt.printWidgets)
            writeWidgets(*opt.printWidgets, state, officer.state(), probe, loaded.problems.empty() ? nullptr : &loaded.problems);
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
            if (opt.printTiming) std::fprintf(stderr, "first-frame-ms %.1f\n", platform::msSinceProcessStart());
            reportedFirstFrame = true;
            config::sdNotify("READY=1");
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
            applyStep(flow::reduce(std::move(state), *event));
            framesToDraw = std::max(framesToDraw, 2);
        }
        if (enterOfficer) {
            cornerHeld = false;
            if (!officer.active()) officerOpenedAt = Clock::now();
            officer.send(flow::EnterOfficer{});
            framesToDraw = std::max(framesToDraw, 3);
        }
        if (officerEvent) {
            officer.send(*officerEvent);
            framesToDraw = std::max(framesToDraw, 3);
        }
    }
}

// --gallery DIR: every screen in both languages, normal and high contrast, at 1920x1080 and 1366x768.
int runGallery(const Options& opt) {
    const auto resolved = resolveSettings(opt);
    if (!resolved) return config::kExitInvalidInput;
    const config::Settings& settings = *resolved;
    Loaded loaded = loadContent(settings);
    addModules(loaded, loadModules(settings, loaded.force));
    std::error_code ec;
    fs::create_directories(*opt.gallery, ec);
    if (ec) {
        std::cerr << "briefing-kiosk: cannot create " << opt.gallery->string() << ": " << ec.message() << '\n';
        return config::kExitEnvironment;
    }
    ImGui::CreateContext();
    struct ContextGuard {
        ~ContextGuard() { ImGui::DestroyContext(); }
    } contextGuard;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    const ui::Theme theme = ui::makeTheme(loaded.force.accent, false);
    const ui::Theme contrastTheme = ui::makeTheme(loaded.force.accent, true);
    const flow::Config flowConfig = app::makeFlowConfig(loaded.force, loaded.englishModules, nullptr, courseLanguages(loaded));
    int written = 0;
    try {
        platform::Display display;
        for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1366, 768}}) {
            platform::WindowOptions wo;
            wo.fullscreen = false;
            wo.width = w;
            wo.height = h;
            platform::Window window(display, wo);
            const ui::Fonts fonts = ui::loadFonts(settings.assetsDir, ui::emForScreenHeight(static_cast<float>(h)));
            window.reloadFontTexture();
            ui::View view{fonts,          theme, loaded.english, loaded.welsh, loaded.force, nullptr,
                          &contrastTheme, &loaded.englishModules, &loaded.welshModules};
            for (const std::string& lang : flowConfig.languages) {
                for (const bool hc : {false, true}) {
                    for (const auto& shot : app::galleryShots(flowConfig, loaded.englishModules, lang, hc)) {
                        view.scrollToAnswer = shot.screen == "module-answered";
                        for (int frame = 0; frame < 3; ++frame) {  // auto-sized parts settle by the third
                            window.beginFrame();
                            ui::drawJourney(shot.state, view);
                            window.render();
                        }
                        const std::string name = shot.screen + "_" + lang + "_" + (hc ? "high-contrast" : "normal") +
                                                 "_" + std::to_string(w) + "x" + std::to_string(h) + ".png";
                        window.saveBackBufferPng(*opt.gallery / name);
                        window.present();
                        ++written;
                    }
                }
            }
            // Officer mode: English, normal contrast (officers are staff).
            for (const auto& shot : app::officerGalleryShots(loaded.englishModules)) {
                for (int frame = 0; frame < 3; ++frame) {
                    window.beginFrame();
                    ui::drawOfficer(shot.state, view);
                    window.render();
                }
                window.saveBackBufferPng(*opt.gallery / (shot.name + "_" + std::to_string(w) + "x" + std::to_string(h) + ".png"));
                window.present();
                ++written;
            }
        }
    } catch (const std::runtime_error& e) {
        return reportEnvironmentFault(e);
    }
    std::fprintf(stderr, "gallery: %d screens written to %s\n", written, opt.gallery->c_str());
    return config::kExitOk;
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
    app.add_option("--secret-file", opt.overrides.secretFile,
                   "The installation's secret key file (default: systemd credential, secret_file in kiosk.toml, "
                   "then ~/.config/briefing-kiosk/secret.key)");
    app.add_option("--screenshot", opt.screenshot, "Save a PNG of the screen and exit");
    app.add_option("--after-frames", opt.afterFrames, "Frames to render before the screenshot (at least 2 are)")
        ->check(CLI::PositiveNumber);
    app.add_flag("--print-timing", opt.printTiming, "Print start-up timing to standard error");
    app.add_option("--gallery", opt.gallery, "Render every screen into PNGs in this folder and exit");
    app.add_option("--bench-frames", opt.benchFrames, "Benchmark: render the heaviest screen N times, print CPU times")
        ->check(CLI::PositiveNumber);
    app.add_option("--print-widgets", opt.printWidgets,
                   "Testing: after each frame, write the screen name and widget positions to this file");
    app.footer("Exit codes: 0 success, 1 invalid content or settings, 2 usage error, 3 no display or other "
               "environment fault.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : kiosk::config::kExitUsage;
    }
    return opt.gallery ? runGallery(opt) : run(opt);
}
