// Headless UI tests of the PIN pad when the store cannot be written (issue 15, item 1), driven by the
// physical keyboard as a guesser would: every PIN, right or wrong, shows the same message, none signs in,
// and nothing was checked uncounted. Real store, real peppered Argon2id officers. [ui]
#include "officer_fixture.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <sqlite3.h>

#include <set>

using namespace kiosk;
using test::OfficerKiosk;

namespace {

const std::string kPin = "246810";
const std::vector<std::string> kWrong = {"111111", "000000", "123456", "482913", "999999", "135791", "2468100", "246811"};

// Types `pin` on the physical keyboard and presses Enter.
void typeAndEnter(OfficerKiosk& o, const std::string& pin) {
    o.settle();
    for (char d : pin) {
        o.h().type(std::string(1, d), o.draw());
        o.apply();
    }
    o.h().pressKey(ImGuiKey_Enter, o.draw());
    o.apply();
}

// The same, returning what the PIN pad then says.
std::string typePin(OfficerKiosk& o, const std::string& pin) {
    typeAndEnter(o, pin);
    REQUIRE(o.shows("pin-message"));
    return o.state.pin.message;
}

int failedAttempts(OfficerKiosk& o) { return o.k.store->officer("PC Alys Morgan")->failedAttempts; }

// Eight wrong PINs, then the right one: one message for all, nobody signed in.
std::string guessAll(OfficerKiosk& o) {
    std::set<std::string> shown;
    for (const auto& pin : kWrong) shown.insert(typePin(o, pin));
    shown.insert(typePin(o, kPin));
    CHECK_FALSE(o.state.officer);
    REQUIRE(shown.size() == 1);
    return *shown.begin();
}

}  // namespace

TEST_CASE("officer: with the store locked by another program every PIN gets the same refusal", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    sqlite3_busy_timeout(o.k.store->nativeHandle(), 10);  // fail fast instead of waiting 5 s per PIN
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open((o.k.folder.path() / "data" / records::kStoreFileName).c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    o.pressChord();
    REQUIRE(o.state.active);
    const std::string message = guessAll(o);
    CHECK_THAT(message, Catch::Contains("Officer mode is unavailable") && Catch::Contains("locked by another program"));
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK(failedAttempts(o) == 0);  // nothing recorded, so nothing checked
    CHECK(o.auditCount("pin-attempt") == 0);
    CHECK(typePin(o, "111111") == "Wrong PIN.");
    CHECK(failedAttempts(o) == 1);
    typeAndEnter(o, kPin);
    CHECK(o.state.officer);
}

TEST_CASE("officer: with the disk full every PIN gets the same refusal, and none signs in", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    sqlite3* db = o.k.store->nativeHandle();
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::string limit = "PRAGMA max_page_count = " + std::to_string(sqlite3_column_int(st, 0));
    sqlite3_finalize(st);
    REQUIRE(sqlite3_exec(db, limit.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    for (int i = 0; i < 100000; ++i) {
        try {
            o.k.store->audit("filler", "test", std::string(200, 'f'));
        } catch (const records::NotSavedError&) {
            break;
        }
    }
    o.pressChord();
    CHECK_THAT(guessAll(o), Catch::Contains("disk is full"));
    CHECK(failedAttempts(o) == 0);
}

TEST_CASE("officer: without the installation key the PIN pad refuses every PIN alike", "[ui][officer]") {
    OfficerKiosk o;
    o.addOfficer("PC Alys Morgan", kPin);
    o.pinPepper.reset();  // as kiosk/main when the key file could not be loaded
    o.makeRunner();
    o.pressChord();
    CHECK_THAT(guessAll(o), Catch::Contains("secret key could not be loaded"));
    CHECK(failedAttempts(o) == 0);
}
