// Table tests of the journey reducer. [flow]
#include "kiosk/flow/journey.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::flow;
using namespace std::chrono_literals;

TEST_CASE("attract -> language on touch, back returns and wipes", "[flow]") {
    State s = initialState({});
    auto step = reduce(s, Touch{});
    CHECK(std::holds_alternative<ChooseLanguage>(step.state.screen));
    step = reduce(step.state, PickLanguage{"cy"});
    CHECK(step.state.lang == "cy");
    step = reduce(step.state, Back{});
    CHECK(std::holds_alternative<Attract>(step.state.screen));
    CHECK(step.state.lang == "en-GB");
    REQUIRE(step.effects.size() == 1);
    CHECK(std::holds_alternative<WipeCandidate>(step.effects[0]));
}

TEST_CASE("an unknown language is ignored", "[flow]") {
    auto step = reduce(reduce(initialState({}), Touch{}).state, PickLanguage{"fr"});
    CHECK(step.state.lang == "en-GB");
}

TEST_CASE("idle timeout returns to attract, driven by ticks", "[flow]") {
    Config c;
    c.idleTimeout = 90s;
    State s = reduce(initialState(c), Touch{}).state;
    s = reduce(s, Tick{60s}).state;
    CHECK(std::holds_alternative<ChooseLanguage>(s.screen));
    s = reduce(s, UserActivity{}).state;  // input resets the timer
    s = reduce(s, Tick{60s}).state;
    CHECK(std::holds_alternative<ChooseLanguage>(s.screen));
    auto step = reduce(s, Tick{31s});
    CHECK(std::holds_alternative<Attract>(step.state.screen));
    CHECK(step.effects.size() == 1);
}

TEST_CASE("the attract screen needs no ticks and never times out", "[flow]") {
    State s = initialState({});
    CHECK_FALSE(needsTicks(s));
    auto step = reduce(s, Tick{1h});
    CHECK(std::holds_alternative<Attract>(step.state.screen));
    CHECK(step.effects.empty());
}
