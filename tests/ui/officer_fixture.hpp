// A kiosk with officer mode for UI tests: the candidate Kiosk fixture (real course, store in a temporary
// folder) plus the officer state, the same officer effect runner kiosk/main uses, and a settable clock.
// Layer: tests (ui). The admin pages' tests may use it too.
#pragma once

#include "journey_fixture.hpp"

#include "kiosk/app/officer_effects.hpp"
#include "kiosk/flow/officer.hpp"
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/ui/officer.hpp"

#include <imgui.h>

#include <chrono>
#include <memory>

namespace kiosk::test {

struct OfficerKiosk {
    explicit OfficerKiosk(bool withStore = true, float width = 1920.0f, float height = 1080.0f)
        : k(withStore, width, height) {
        state = flow::initialOfficerState(app::makeOfficerConfig(k.englishModules));
        makeRunner();
    }

    Kiosk k;
    flow::OfficerState state;
    std::unique_ptr<app::OfficerEffectRunner> runner;
    std::vector<flow::OfficerEvent> events;
    std::vector<flow::OfficerEffect> effects;  // every effect officer mode asked for
    records::TimePoint clock = std::chrono::system_clock::now();  // what the runner takes as now
    int wipes = 0;
    bool entered = false;  // the hidden gesture fired on the candidate screens
    // The installation's PIN pepper as kiosk/main derives it (a fixed test key); reset it and call
    // makeRunner() for a kiosk whose key could not be loaded.
    std::optional<config::PurposeKey> pinPepper = testPepper();

    static config::PurposeKey testPepper() {
        config::KeyBytes raw{};
        raw.fill(0x5C);
        return config::deriveKey(config::SecretKey(raw), config::KeyPurpose::PinPepper);
    }

    void makeRunner() {
        app::AdminServices admin;
        admin.now = [this] { return clock; };
        runner = std::make_unique<app::OfficerEffectRunner>(k.store.get(), pinPepper, k.englishModules, [this] {
            ui::wipeInputState();
            ++wipes;
        }, admin);
    }
    // Closes and reopens the attendance store (as a restart would), with a fresh runner.
    void reopenStore() {
        runner.reset();
        k.runner.reset();
        k.store.reset();
        k.store = std::move(records::Store::open(k.folder.path() / "data").store);
        k.runner = std::make_unique<app::EffectRunner>(k.store.get(), "spool", [] {});
        makeRunner();
    }
    void addOfficer(const std::string& name, const std::string& pin,
                    records::OfficerRole role = records::OfficerRole::Officer) {
        officer::setPin(*k.store, name, role, pin, *pinPepper, "test");
    }

    // Officer screens while officer mode is open, else the journey plus the hidden entry gesture.
    std::function<void()> draw() {
        return [this] {
            if (state.active) {
                if (auto e = ui::drawOfficer(state, k.view)) events.push_back(*e);
            } else {
                if (auto e = ui::drawJourney(k.state, k.view)) k.events.push_back(*e);
                if (ui::officerEntryGesture(k.view)) entered = true;
            }
        };
    }
    void send(const flow::OfficerEvent& e) {
        reduceAndRun(state, e, effects, [](auto s, const auto& ev) { return flow::reduceOfficer(std::move(s), ev); },
                     [this](const flow::OfficerEffect& f) { return runner->run(f); });
    }
    // Applies what the last frames produced: officer events, and the entry gesture as EnterOfficer.
    void apply() {
        auto evs = std::move(events);
        events.clear();
        for (const auto& e : evs) send(e);
        k.events.clear();
        if (entered) {
            entered = false;
            send(flow::EnterOfficer{});
        }
    }
    void settle() {
        h().frame(draw());
        h().frame(draw());
        events.clear();
        k.events.clear();
    }
    void tap(const std::string& label) {
        settle();
        h().click(label, draw());
        send(flow::OfficerInput{});  // as kiosk/main does for every touch or key
        apply();
    }
    bool shows(const std::string& label) {
        settle();
        return h().probe().find(label) != nullptr;
    }
    Harness& h() { return k.h; }

    // On-screen keyboard typing (the keys are the candidate keyboard's: "key:<lower-case letter>").
    void typeOnScreen(const std::string& text) {
        for (char ch : text) {
            if (ch == ' ') {
                tap("key:space");
            } else if (ch >= 'A' && ch <= 'Z') {
                tap("key:shift");
                tap(std::string("key:") + static_cast<char>(ch - 'A' + 'a'));
            } else {
                tap(std::string("key:") + ch);
            }
        }
    }
    // Enters the PIN on the on-screen pad and presses Unlock.
    void enterPin(const std::string& pin) {
        for (char d : pin) tap(std::string("pin:") + d);
        tap("pin:unlock");
    }
    // From the candidate screens to a signed-in officer: key chord, pick the name, PIN.
    void signIn(const std::string& name, const std::string& pin) {
        pressChord();
        if (h().probe().find("officer:" + name) || shows("officer:" + name)) tap("officer:" + name);
        enterPin(pin);
    }
    // Ctrl+Alt+O on a physical keyboard.
    void pressChord() {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = io.KeyAlt = true;
        h().pressKey(ui::kOfficerChordKey, draw());
        io.KeyCtrl = io.KeyAlt = false;
        apply();
    }
    int auditCount(const std::string& action) const {
        int n = 0;
        for (const auto& r : k.store->auditRows()) n += r.action == action ? 1 : 0;
        return n;
    }
};

}  // namespace kiosk::test
