// The kiosk journey as a value plus a pure reducer: reduce(state, event) -> {state, effects}.
// Layer: kiosk/flow. No ImGui, SDL or SQLite; the idle reset is driven by Tick events, never by sleeping.
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::flow {

using Millis = std::chrono::milliseconds;

// ---- Screens: one struct per screen, holding only that screen's own state ----
struct Attract {};
struct ChooseLanguage {};
using Screen = std::variant<Attract, ChooseLanguage>;

struct Config {
    std::string firstLanguage = "en-GB";  // the language offered first (force profile / officer setting)
    Millis idleTimeout{90'000};
};

struct State {
    Screen screen = Attract{};
    std::string lang = "en-GB";
    Millis idle{0};  // time since the last input
    Config config;
};

// ---- Events ----
struct Touch {};  // any touch or key on the attract screen
struct PickLanguage {
    std::string lang;
};
struct Back {};
struct UserActivity {};  // any input at all: resets the idle timer
struct Tick {
    Millis elapsed;
};
using Event = std::variant<Touch, PickLanguage, Back, UserActivity, Tick>;

// ---- Effects: requests for kiosk/main to carry out ----
struct WipeCandidate {};  // clear every buffer that may hold a candidate's input
using Effect = std::variant<WipeCandidate>;

struct Step {
    State state;
    std::vector<Effect> effects;
};

State initialState(const Config& config);
Step reduce(State state, const Event& event);

// Whether the current screen needs Tick events at all (the attract screen does not), so the main loop
// can sleep for longer when nothing is counting down.
bool needsTicks(const State& state);

}  // namespace kiosk::flow
