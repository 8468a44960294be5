// Crash-loop protection (kiosk::config::StartHistory) with made-up times: no sleeping.
// Layer: tests/hardening.
#include "kiosk/config/start_history.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace kiosk::config;
using records_test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const StartTime kT0 = StartTime(std::chrono::milliseconds(1795000000000LL));  // late 2026

}  // namespace

TEST_CASE("ten starts within 60 s are a crash loop, nine or spread-out starts are not", "[config]") {
    std::vector<StartTime> starts;
    for (int i = 0; i < 9; ++i) starts.push_back(kT0 + i * 5s);
    CHECK_FALSE(isCrashLoop(starts, kT0 + 45s));
    starts.push_back(kT0 + 50s);
    CHECK(isCrashLoop(starts, kT0 + 50s));
    CHECK(isCrashLoop(starts, kT0 + 59s));
    // The first start leaves the window at exactly 60 s.
    CHECK_FALSE(isCrashLoop(starts, kT0 + 60s));
    std::vector<StartTime> spread;
    for (int i = 0; i < 30; ++i) spread.push_back(kT0 + i * 7s);
    CHECK_FALSE(isCrashLoop(spread, kT0 + 29 * 7s));
}

TEST_CASE("starts in the future (clock went back) are not counted", "[config]") {
    std::vector<StartTime> starts;
    for (int i = 0; i < 12; ++i) starts.push_back(kT0 + 1h + i * 1s);
    CHECK_FALSE(isCrashLoop(starts, kT0));
}

TEST_CASE("recordStart persists across objects and detects a loop of restarts", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    for (int i = 0; i < 9; ++i) {
        StartHistory h(tmp.data());
        CHECK_FALSE(h.recordStart(kT0 + i * 2s));
        CHECK_FALSE(h.crashLoop(kT0 + i * 2s));
    }
    StartHistory tenth(tmp.data());
    CHECK_FALSE(tenth.recordStart(kT0 + 18s));
    CHECK(tenth.crashLoop(kT0 + 18s));
    CHECK(tenth.starts().size() == 10);
    // After a quiet minute the next start is not a loop any more.
    StartHistory later(tmp.data());
    CHECK_FALSE(later.recordStart(kT0 + 120s));
    CHECK_FALSE(later.crashLoop(kT0 + 120s));
}

TEST_CASE("the file stays bounded however many starts are recorded", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    for (int i = 0; i < 500; ++i) StartHistory(tmp.data()).recordStart(kT0 + i * 1min);
    StartHistory h(tmp.data());
    CHECK_FALSE(h.recordStart(kT0 + 501min));
    CHECK(h.starts().size() == kMaxRecordedStarts);
    CHECK(h.starts().back() == kT0 + 501min);
    CHECK(fs::file_size(h.file()) < 1024);
}

TEST_CASE("a clean exit clears the history", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    for (int i = 0; i < 10; ++i) StartHistory(tmp.data()).recordStart(kT0 + i * 1s);
    StartHistory h(tmp.data());
    CHECK_FALSE(h.recordStart(kT0 + 10s));
    CHECK(h.crashLoop(kT0 + 10s));
    CHECK_FALSE(h.clear());
    CHECK_FALSE(fs::exists(h.file()));
    CHECK_FALSE(h.crashLoop(kT0 + 10s));
    StartHistory next(tmp.data());
    CHECK_FALSE(next.recordStart(kT0 + 11s));
    CHECK(next.starts().size() == 1);
    CHECK_FALSE(next.clear());
    CHECK_FALSE(next.clear());  // clearing twice (no file) is fine
}

TEST_CASE("a missing file means no earlier starts", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    StartHistory h(tmp.data());
    REQUIRE_FALSE(fs::exists(h.file()));
    CHECK_FALSE(h.recordStart(kT0));
    CHECK(h.starts().size() == 1);
    CHECK(fs::exists(h.file()));
}

TEST_CASE("a corrupt or garbage file is tolerated: readable lines count, the rest is dropped", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    StartHistory probe(tmp.data());
    SECTION("binary garbage") {
        std::string garbage;
        for (int i = 0; i < 5000; ++i) garbage += static_cast<char>((i * 7919) & 0xff);
        records_test::writeBytes(probe.file(), garbage);
        StartHistory h(tmp.data());
        CHECK_FALSE(h.recordStart(kT0));
        CHECK(h.starts().size() == 1);
        CHECK_FALSE(h.crashLoop(kT0));
    }
    SECTION("a file much larger than the bound") {
        records_test::writeBytes(probe.file(), std::string(5 * 1024 * 1024, '9'));
        StartHistory h(tmp.data());
        CHECK_FALSE(h.recordStart(kT0));
        CHECK(h.starts().size() == 1);
        CHECK(fs::file_size(h.file()) < 1024);
    }
    SECTION("half-written lines among good ones") {
        std::string text = "briefing-kiosk starts v1\n";
        for (int i = 0; i < 9; ++i) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>((kT0 + i * 1s).time_since_epoch());
            text += std::to_string(ms.count()) + "\n";
            text += "17950\x01zz\n-5\n99999999999999999999999\n";
        }
        text += "179500";  // truncated last line: a number, but not a plausible time
        records_test::writeBytes(probe.file(), text);
        StartHistory h(tmp.data());
        CHECK_FALSE(h.recordStart(kT0 + 9s));
        CHECK(h.starts().size() == 10);
        CHECK(h.crashLoop(kT0 + 9s));
    }
    SECTION("the history is a folder, not a file") {
        fs::create_directories(probe.file());
        StartHistory h(tmp.data());
        const auto problem = h.recordStart(kT0);
        REQUIRE(problem);
        CHECK(problem->find(kStartHistoryFileName) != std::string::npos);
        CHECK(h.starts().size() == 1);
    }
}

TEST_CASE("an unwritable data folder reports a problem but still counts this start", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    for (int i = 0; i < 9; ++i) StartHistory(tmp.data()).recordStart(kT0 + i * 1s);
    REQUIRE(::chmod(tmp.data().c_str(), 0500) == 0);
    struct Restore {
        fs::path p;
        ~Restore() { ::chmod(p.c_str(), 0700); }
    } restore{tmp.data()};
    StartHistory h(tmp.data());
    const auto problem = h.recordStart(kT0 + 9s);
    if (::geteuid() == 0) {
        // root ignores the folder's mode: the write succeeds, which is also correct behaviour.
        WARN("running as root: folder permissions are not enforced, so the write succeeded");
        CHECK_FALSE(problem);
    } else {
        REQUIRE(problem);
        CHECK(problem->find("cannot be written") != std::string::npos);
    }
    CHECK(h.starts().size() == 10);
    CHECK(h.crashLoop(kT0 + 9s));
}

TEST_CASE("format and parse round-trip", "[config]") {
    std::vector<StartTime> starts{kT0, kT0 + 1500ms, kT0 + 1h};
    CHECK(parseStartHistory(formatStartHistory(starts)) == starts);
    CHECK(parseStartHistory("").empty());
}

TEST_CASE("a data folder that cannot hold files (a plain file in its place) reports a problem", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.path());
    records_test::writeBytes(tmp.data(), "not a folder");
    StartHistory h(tmp.data());
    const auto problem = h.recordStart(kT0);
    REQUIRE(problem);
    CHECK(problem->find("cannot be written") != std::string::npos);
    CHECK(h.starts().size() == 1);
    CHECK_FALSE(h.crashLoop(kT0));
}

TEST_CASE("a temporary file left by a start killed mid-write is replaced, not accumulated", "[config]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    StartHistory probe(tmp.data());
    records_test::writeBytes(probe.file().string() + ".tmp", "half-writ");
    for (int i = 0; i < 3; ++i) CHECK_FALSE(StartHistory(tmp.data()).recordStart(kT0 + i * 1s));
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.data())) ++files;
    CHECK(files == 1);
    StartHistory h(tmp.data());
    CHECK_FALSE(h.recordStart(kT0 + 3s));
    CHECK(h.starts().size() == 4);
}
