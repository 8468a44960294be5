// A whole kiosk without a window for UI tests: real course and strings, the journey reducer, a real
// attendance store in a temporary folder, and the same effect runner kiosk/main uses. Layer: tests (ui).
#pragma once

#include "harness.hpp"

#include "content/catalog.hpp"
#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "content/placeholders.hpp"
#include "kiosk/app/effects.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/records/store.hpp"
#include "kiosk/ui/screens.hpp"

#include <imgui.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

namespace kiosk::test {

inline const std::string kCourseDir = std::string(BK_SOURCE_DIR) + "/content/course";

// Feeds one event through `reduce` and carries out its effects with `run`, feeding their result events back
// in turn, as kiosk/main does; every effect asked for is appended to `log`.
template <class State, class Event, class Effect, class Reduce, class Run>
void reduceAndRun(State& state, const Event& e, std::vector<Effect>& log, Reduce reduce, Run run) {
    auto step = reduce(std::move(state), e);
    state = std::move(step.state);
    std::vector<Effect> pending = std::move(step.effects);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        log.push_back(pending[i]);
        for (const auto& r : run(pending[i])) {
            auto next = reduce(std::move(state), r);
            state = std::move(next.state);
            for (auto& x : next.effects) pending.push_back(std::move(x));
        }
    }
}

class TempFolder {
public:
    TempFolder() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("bk-ui-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

struct Kiosk {
    explicit Kiosk(bool withStore = true, float width = 1920.0f, float height = 1080.0f) : h(width, height) {
        course = content::loadCourse(kCourseDir);
        englishModules = content::resolvedModules(course, "en-GB", force);
        welshModules = content::resolvedModules(course, "cy", force);
        if (withStore) store = std::move(records::Store::open(folder.path() / "data").store);
        state = flow::initialState(app::makeFlowConfig(force, englishModules, store.get()));
        state.tokenSeed = app::randomTokenSeed();
        runner = std::make_unique<app::EffectRunner>(store.get(), "spool", [this] {
            ui::wipeInputState();
            ++wipes;
        });
    }

    TempFolder folder;
    Harness h;
    content::ForceProfile force = content::loadForceProfile(kCourseDir + "/forces/demo.toml");
    content::Catalog en = content::Catalog::load(kCourseDir + "/strings/en-GB.toml", "en-GB");
    content::Catalog cy = content::Catalog::load(kCourseDir + "/strings/cy.toml", "cy");
    content::Course course;
    std::vector<content::Module> englishModules, welshModules;
    ui::Theme theme = ui::makeTheme(force.accent, false);
    ui::Theme contrast = ui::makeTheme(force.accent, true);
    ui::View view{h.fonts(), theme, en, cy, force, &h.probe(), &contrast, &englishModules, &welshModules};
    std::unique_ptr<records::Store> store;
    std::unique_ptr<app::EffectRunner> runner;
    flow::State state;
    std::vector<flow::Event> events;    // returned by the screens, not yet applied
    std::vector<flow::Effect> effects;  // every effect the journey asked for
    int wipes = 0;

    std::function<void()> draw() {
        return [this] {
            if (auto e = ui::drawJourney(state, view)) events.push_back(*e);
        };
    }
    // Feeds one event through reduce and runs its effects, feeding results back, as kiosk/main does.
    void send(const flow::Event& e) {
        reduceAndRun(state, e, effects, [](auto s, const auto& ev) { return flow::reduce(std::move(s), ev); },
                     [this](const flow::Effect& f) { return runner->run(f); });
    }
    void apply() {
        auto evs = std::move(events);
        events.clear();
        for (const auto& e : evs) send(e);
    }
    void settle() {
        h.frame(draw());
        h.frame(draw());
        events.clear();
    }
    // Touches the widget, scrolling the body first if it is out of view, then applies what happened.
    void tap(const std::string& label) {
        settle();
        const float em = h.fonts().em;
        for (int i = 0; i < 40; ++i) {
            const auto r = h.rectOf(label);
            const float bottom = ImGui::GetIO().DisplaySize.y - 3.7f * em;
            const float barTop = ImGui::GetIO().DisplaySize.y - 3.0f * em;  // the bottom bar's own buttons
            const bool inBar = std::abs(r.y0 - barTop) < 1.0f && r.height() < 2.5f * em;
            const float top = 4.8f * em;  // below the header and progress row
            // The header band holds only the header's own buttons: a body widget (option, verdict, module)
            // scrolled up under it is not visible and must be scrolled back.
            const bool bodyWidget = label.rfind("option:", 0) == 0 || label.rfind("verdict:", 0) == 0 ||
                                    label.rfind("module:", 0) == 0;
            const bool inHeader = !bodyWidget && r.y0 >= 0 && r.y1 <= 3.0f * em;
            if ((r.y0 >= top && r.y1 <= bottom) || inHeader || inBar || !h.probe().find("scroll-down")) break;
            if (r.y0 > top) h.click("scroll-down", draw());
            else h.click("scroll-up", draw());
            events.clear();
            settle();
        }
        h.click(label, draw());
        apply();
    }
    bool shows(const std::string& label) {
        settle();
        return h.probe().find(label) != nullptr;
    }
    template <class T>
    bool on() const {
        return std::holds_alternative<T>(state.screen);
    }
    template <class T>
    const T* lastEffect() const {
        for (auto it = effects.rbegin(); it != effects.rend(); ++it)
            if (const auto* p = std::get_if<T>(&*it)) return p;
        return nullptr;
    }
    const content::Module& module(int i) const { return englishModules.at(static_cast<std::size_t>(i)); }

    // Types text with the on-screen keyboard, one key at a time (shift for capitals, the accent page
    // for accented letters: the keys are labelled "key:<lower-case letter>").
    void typeOnScreen(const std::string& text);

    // From the attract screen to the check-in screen in `lang`.
    void startIn(const std::string& lang) {
        tap("attract");
        tap(lang == "cy" ? "Cymraeg" : "English");
        tap(lang == "cy" ? "Rwy'n deall" : "I understand");
    }
    // Answers every question of the open module with the right answer (or wrong ones) and finishes it.
    void answerAll(bool right);
};

}  // namespace kiosk::test
