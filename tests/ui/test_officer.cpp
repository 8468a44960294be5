// Headless UI tests of officer mode's entry and PIN pad: hidden entry (corner hold, key chord, fault
// notice), PIN success and failure, lockout and its persistence, auto-lock, lock on return, no officers,
// role filtering. Real store, real Argon2id officers. [ui]
#include "officer_fixture.hpp"

#include "kiosk/ui/screens.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace kiosk;
using test::OfficerKiosk;
using namespace std::chrono_literals;

namespace {

const std::string kPin = "246810";

// Holds the pointer on (x, y) for `seconds`, in frames of half a second.
void hold(OfficerKiosk& o, float x, float y, float seconds) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {x, y};
    o.h().frame(o.draw());
    io.MouseDown[0] = true;
    const float saved = io.DeltaTime;
    io.DeltaTime = 0.5f;
    for (float t = 0; t <= seconds; t += 0.5f) o.h().frame(o.draw());
    io.DeltaTime = saved;
    io.MouseDown[0] = false;
    o.h().frame(o.draw());
}

}  // namespace

TEST_CASE("officer: the right PIN opens the home menu and is audited as an unlock", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.addOfficer("Sgt Rhodri Evans", "135791");
    o.pressChord();
    REQUIRE(o.state.active);
    REQUIRE(o.shows("officer:PC Alys Morgan"));
    CHECK(o.shows("officer:Sgt Rhodri Evans"));
    o.tap("officer:PC Alys Morgan");
    o.enterPin(kPin);
    REQUIRE(o.state.officer);
    CHECK(o.state.officer->name == "PC Alys Morgan");
    CHECK(o.shows("menu:roster"));
    CHECK(o.shows("menu:exit"));
    CHECK(o.auditCount("unlock") == 1);
    CHECK(o.state.pin.digits.empty());
}

TEST_CASE("officer: a wrong PIN is refused, said on screen, and audited", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.pressChord();
    // One account: it is picked straight away.
    o.enterPin("111111");
    CHECK_FALSE(o.state.officer);
    CHECK(o.shows("pin-message"));
    CHECK(o.state.pin.attemptsLeft == 4);
    CHECK(o.auditCount("failed-pin") == 1);
    // Physical digit keys and Enter work too.
    o.settle();
    for (char d : kPin) {
        o.h().type(std::string(1, d), o.draw());
        o.apply();
    }
    CHECK(o.state.pin.digits.size() == kPin.size());
    o.h().pressKey(ImGuiKey_Enter, o.draw());
    o.apply();
    CHECK(o.state.officer);
}

TEST_CASE("officer: five wrong PINs lock the account, the countdown shows without auditing each look", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.pressChord();
    for (int i = 0; i < 5; ++i) o.enterPin("000000");
    CHECK(o.auditCount("lockout") == 1);
    CHECK(o.auditCount("failed-pin") == 5);
    REQUIRE(o.shows("pin-locked"));
    CHECK(flow::lockoutSeconds(o.state) == 30);
    const auto rows = o.k.store->auditRows().size();
    // Pressing keys and the right PIN while locked: nothing is checked, nothing audited.
    o.tap("pin:2");
    o.tap("pin:unlock");
    for (char d : kPin) {
        o.h().type(std::string(1, d), o.draw());
        o.apply();
    }
    CHECK(o.state.pin.digits.empty());
    CHECK_FALSE(o.state.officer);
    // Choosing the name again re-reads the lockout, still without an audit row.
    o.tap("officer:PC Alys Morgan");
    CHECK(flow::lockoutSeconds(o.state) > 0);
    // The countdown runs down on ticks.
    o.send(flow::OfficerTick{10s});
    CHECK(flow::lockoutSeconds(o.state) <= 20);
    CHECK(o.k.store->auditRows().size() == rows);
    // After the lockout the right PIN works.
    o.clock += 31s;
    o.send(flow::OfficerTick{25s});
    CHECK(flow::lockoutSeconds(o.state) == 0);
    o.enterPin(kPin);
    CHECK(o.state.officer);
}

TEST_CASE("officer: a lockout survives closing and reopening the store", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.pressChord();
    for (int i = 0; i < 5; ++i) o.enterPin("000000");
    REQUIRE(flow::lockoutSeconds(o.state) > 0);
    o.tap("officer-leave");
    CHECK_FALSE(o.state.active);
    o.reopenStore();  // as after a restart of the kiosk
    o.state = flow::initialOfficerState(app::makeOfficerConfig(o.k.englishModules));
    o.pressChord();
    REQUIRE(o.shows("pin-locked"));
    CHECK(flow::lockoutSeconds(o.state) > 0);
    CHECK(flow::lockoutSeconds(o.state) <= 30);
    o.enterPin(kPin);
    CHECK_FALSE(o.state.officer);
}

TEST_CASE("officer: no officer accounts: the PIN pad says to run briefing set-pin", "[ui][officer]") {
    OfficerKiosk o;
    o.pressChord();
    REQUIRE(o.shows("pin-no-officers"));
    CHECK_FALSE(o.shows("pin:1"));
    CHECK(o.state.pin.officers.empty());
}

TEST_CASE("officer: a 3 second hold on the top-left corner opens officer mode, a short one does not", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.settle();
    hold(o, 10.0f, 10.0f, 2.0f);
    o.apply();
    CHECK_FALSE(o.state.active);
    hold(o, 1900.0f, 10.0f, 4.0f);  // the wrong corner
    o.apply();
    CHECK_FALSE(o.state.active);
    hold(o, 10.0f, 10.0f, 3.5f);
    o.apply();
    CHECK(o.state.active);
    CHECK(o.shows("pin:1"));
}

TEST_CASE("officer: the gesture works on the fault notice screen too", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    const auto notice = [&] {
        if (o.state.active) {
            if (auto e = ui::drawOfficer(o.state, o.k.view)) o.events.push_back(*e);
        } else {
            ui::drawNotice(o.k.view, "Out of order", {"content.toml:1:1: broken"});
            if (ui::officerEntryGesture(o.k.view)) o.entered = true;
        }
    };
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = io.KeyAlt = true;
    o.h().pressKey(ui::kOfficerChordKey, notice);
    io.KeyCtrl = io.KeyAlt = false;
    o.apply();
    CHECK(o.state.active);
}

TEST_CASE("officer: auto-lock after 2 minutes idle, input keeps it open", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.signIn("PC Alys Morgan", kPin);
    REQUIRE(o.state.officer);
    o.tap("menu:roster");
    o.send(flow::OfficerTick{90s});
    o.tap("officer-home");  // input: the clock starts again
    o.send(flow::OfficerTick{90s});
    CHECK(o.state.officer);
    const int wipes = o.wipes;
    o.send(flow::OfficerTick{31s});
    CHECK_FALSE(o.state.officer);
    CHECK(o.state.active);
    CHECK(o.shows("officer:PC Alys Morgan"));
    CHECK_FALSE(o.shows("officer-home"));
    CHECK(o.wipes == wipes + 1);
}

TEST_CASE("officer: going back to the candidate flow locks, re-entry asks for the PIN", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.signIn("PC Alys Morgan", kPin);
    REQUIRE(o.state.officer);
    o.tap("officer-leave");
    CHECK_FALSE(o.state.active);
    CHECK_FALSE(o.state.officer);
    CHECK(o.shows("attract"));
    o.pressChord();
    CHECK_FALSE(o.state.officer);
    CHECK(o.shows("pin:unlock"));
}

TEST_CASE("officer: a print operator's menu has reprint and batch print and the print queue only", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("Front desk", kPin, records::OfficerRole::PrintOperator);
    o.signIn("Front desk", kPin);
    REQUIRE(o.state.officer);
    CHECK(o.state.officer->role == flow::OfficerRole::PrintOperator);
    CHECK(o.shows("menu:printing"));
    CHECK(o.shows("menu:print-queue"));
    for (const char* hidden : {"menu:roster", "menu:sessions", "menu:presenter", "menu:export", "menu:retention",
                               "menu:settings", "menu:status", "menu:printer", "menu:exit"})
        CHECK_FALSE(o.shows(hidden));
}

TEST_CASE("officer: another officer lifts a lockout from the home page, audited as theirs", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.addOfficer("Sgt Rhodri Evans", "135791");
    o.pressChord();
    o.tap("officer:Sgt Rhodri Evans");
    for (int i = 0; i < 5; ++i) o.enterPin("000000");
    REQUIRE(flow::lockoutSeconds(o.state) > 0);
    o.tap("officer:PC Alys Morgan");
    o.enterPin(kPin);
    REQUIRE(o.state.officer);
    REQUIRE(o.shows("unlock:Sgt Rhodri Evans"));
    o.tap("unlock:Sgt Rhodri Evans");
    CHECK(o.auditCount("officer-unlock") == 1);
    CHECK_FALSE(o.shows("unlock:Sgt Rhodri Evans"));
    o.tap("officer-lock");
    o.tap("officer:Sgt Rhodri Evans");
    CHECK_FALSE(o.shows("pin-locked"));
    o.enterPin("135791");
    REQUIRE(o.state.officer);
    CHECK(o.state.officer->name == "Sgt Rhodri Evans");
}
