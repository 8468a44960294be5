// Headless UI tests of the first screens: attract and language choice. [ui]
#include "harness.hpp"

#include "content/catalog.hpp"
#include "content/force_profile.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/ui/screens.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace kiosk;

namespace {

const std::string kCourse = std::string(BK_SOURCE_DIR) + "/content/course";

// A screen under test: real content, a journey state, and the events its frames return.
struct Fixture {
    test::Harness h;
    content::ForceProfile force = content::loadForceProfile(kCourse + "/forces/demo.toml");
    content::Catalog en = content::Catalog::load(kCourse + "/strings/en-GB.toml", "en-GB");
    content::Catalog cy = content::Catalog::load(kCourse + "/strings/cy.toml", "cy");
    ui::Theme theme = ui::makeTheme(force.accent, false);
    ui::View view{h.fonts(), theme, en, cy, force, &h.probe()};
    flow::State state = flow::initialState({});
    std::vector<flow::Event> events;

    std::function<void()> draw() {
        return [this] {
            if (auto e = ui::drawJourney(state, view)) events.push_back(*e);
        };
    }
    // Applies the events the last interaction produced, as kiosk/main does.
    void apply() {
        for (const auto& e : events) state = flow::reduce(std::move(state), e).state;
        events.clear();
    }
};

}  // namespace

TEST_CASE("attract screen: a touch anywhere starts the journey", "[ui]") {
    Fixture f;
    f.h.frame(f.draw());
    f.h.frame(f.draw());
    const auto area = f.h.rectOf("attract");
    CHECK(area.width() > 1800);  // the whole screen is the target
    f.h.clickAt(200, 900, f.draw());
    REQUIRE(f.events.size() == 1);
    CHECK(std::holds_alternative<flow::Touch>(f.events[0]));
    f.apply();
    CHECK(std::holds_alternative<flow::ChooseLanguage>(f.state.screen));
}

TEST_CASE("attract screen: Enter on a keyboard starts the journey", "[ui]") {
    Fixture f;
    f.h.frame(f.draw());
    f.h.pressKey(ImGuiKey_Enter, f.draw());
    REQUIRE(f.events.size() == 1);
    CHECK(std::holds_alternative<flow::Touch>(f.events[0]));
}

TEST_CASE("language screen: touching Cymraeg switches to Welsh", "[ui]") {
    Fixture f;
    f.state = flow::reduce(f.state, flow::Touch{}).state;
    f.h.click("Cymraeg", f.draw());
    REQUIRE(f.events.size() == 1);
    f.apply();
    CHECK(f.state.lang == "cy");
    // The back button now speaks Welsh.
    f.h.frame(f.draw());
    CHECK_NOTHROW(f.h.rectOf("Yn ôl"));
}

TEST_CASE("language screen: buttons are large enough to touch", "[ui]") {
    Fixture f;
    f.state = flow::reduce(f.state, flow::Touch{}).state;
    f.h.frame(f.draw());
    f.h.frame(f.draw());
    const float em = f.h.fonts().em;
    CHECK(em >= 28.0f);
    for (const char* label : {"Cymraeg", "English", "Back"}) {
        INFO(label);
        const auto r = f.h.rectOf(label);
        CHECK(r.height() >= 1.75f * em);
        CHECK(r.height() >= 48.0f);
    }
}

TEST_CASE("language screen: Escape goes back to the attract screen", "[ui]") {
    Fixture f;
    f.state = flow::reduce(f.state, flow::Touch{}).state;
    f.h.frame(f.draw());
    f.h.pressKey(ImGuiKey_Escape, f.draw());
    f.apply();
    CHECK(std::holds_alternative<flow::Attract>(f.state.screen));
}

TEST_CASE("language screen: Welsh is offered first when the force says so", "[ui]") {
    Fixture f;
    flow::Config c;
    c.firstLanguage = "cy";
    f.state = flow::reduce(flow::initialState(c), flow::Touch{}).state;
    f.h.frame(f.draw());
    f.h.frame(f.draw());
    CHECK(f.h.rectOf("Cymraeg").x0 < f.h.rectOf("English").x0);
}
