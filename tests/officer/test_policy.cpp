// Pure officer rules: lockout delays, role permissions, auto-lock after 2 minutes idle. Layer: tests/officer.
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/officer/auto_lock.hpp"
#include "kiosk/officer/permissions.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace kiosk::officer;
using namespace std::chrono_literals;

TEST_CASE("lockout delays start after 5 wrong PINs, grow, and are capped", "[officer]") {
    const PinPolicy p;
    for (int f = 0; f < 5; ++f) CHECK_FALSE(p.lockoutDelay(f));
    CHECK(p.attemptsLeft(0) == 5);
    CHECK(p.attemptsLeft(4) == 1);
    CHECK(p.attemptsLeft(5) == 0);
    CHECK(p.lockoutDelay(5) == 30s);
    CHECK(p.lockoutDelay(6) == 60s);
    CHECK(p.lockoutDelay(7) == 120s);
    CHECK(p.lockoutDelay(8) == 300s);
    std::chrono::seconds previous{0};
    for (int f = 5; f < 40; ++f) {
        const auto d = p.lockoutDelay(f).value();
        CHECK(d >= previous);
        CHECK(d <= 900s);
        previous = d;
    }
    CHECK(p.lockoutDelay(1000) == 900s);
}

TEST_CASE("officers may do everything, print operators only reprint, batch print and the print queue",
          "[officer]") {
    std::set<std::string> keys;
    std::set<std::string> operatorMay;
    for (Action a : kAllActions) {
        CHECK(allowed(Role::Officer, a));
        keys.insert(actionKey(a));
        if (allowed(Role::PrintOperator, a)) operatorMay.insert(actionKey(a));
    }
    CHECK(keys.size() == kAllActions.size());  // every action listed once, each with its own key
    CHECK(keys.count("unknown") == 0);
    CHECK(operatorMay == std::set<std::string>{"reprint", "batch-print", "print-queue"});
    CHECK_FALSE(allowed(Role::PrintOperator, Action::ExitKiosk));
    CHECK_FALSE(allowed(Role::PrintOperator, Action::Export));
    CHECK_FALSE(allowed(Role::PrintOperator, Action::RetentionErase));
    CHECK_FALSE(allowed(Role::PrintOperator, Action::UnlockOfficer));
    static_assert(allowed(Role::PrintOperator, Action::Reprint), "the table is usable at compile time");
}

TEST_CASE("officer mode locks after 2 minutes without input, and when the clock goes back", "[officer]") {
    const std::chrono::steady_clock::time_point last{std::chrono::seconds{1000}};
    CHECK_FALSE(autoLockDue(last, last));
    CHECK_FALSE(autoLockDue(last, last + 119s));
    CHECK_FALSE(autoLockDue(last, last + 119999ms));
    CHECK(autoLockDue(last, last + 120s));
    CHECK(autoLockDue(last, last + 1h));
    CHECK(autoLockDue(last, last - 1s));
    CHECK(autoLockRemaining(last, last + 30s) == 90s);
    CHECK(autoLockRemaining(last, last + 119500ms) == 1s);
    CHECK(autoLockRemaining(last, last + 121s) == 0s);
    const auto wall = std::chrono::system_clock::time_point{} + 5000s;
    CHECK(autoLockDue(wall, wall + 30s, 30s));
    CHECK_FALSE(autoLockDue(wall, wall + 29s, 30s));
}
