// Tests of UpgradeWatch: a program file replaced the way dpkg does it (new file renamed over the old one)
// is noticed; an untouched one is not. [hardening]
#include "kiosk/config/upgrade_watch.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using kiosk::config::UpgradeWatch;
using namespace std::chrono_literals;

namespace {
// A temporary folder holding one "program" file, written before it is watched.
struct Program {
    fs::path folder = fs::temp_directory_path() / ("bk-upgrade-watch-" + std::to_string(::getpid()));
    fs::path path = folder / "briefing-kiosk";
    Program() {
        fs::create_directories(folder);
        std::ofstream(path) << "old";
    }
    ~Program() { fs::remove_all(folder); }
};
}  // namespace

TEST_CASE("a program file renamed over is noticed, at most once per interval", "[hardening]") {
    Program p;
    auto watch = UpgradeWatch::forFile(p.path);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(watch.replaced(t0));
    std::ofstream(p.path.string() + ".dpkg-new") << "new";
    fs::rename(p.path.string() + ".dpkg-new", p.path);
    CHECK_FALSE(watch.replaced(t0 + 1s));  // looked 1 s ago: not yet
    CHECK(watch.replaced(t0 + 3s));
    CHECK(watch.replaced(t0 + 3s));  // stays true
}

TEST_CASE("an untouched program is not reported, a removed one is", "[hardening]") {
    Program p;
    auto watch = UpgradeWatch::forFile(p.path);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(watch.replaced(t0 + 10s));
    fs::remove(p.path);
    CHECK(watch.replaced(t0 + 20s));
}

TEST_CASE("the running test program itself has not been replaced", "[hardening]") {
    auto watch = UpgradeWatch::forThisProgram();
    CHECK_FALSE(watch.replaced(std::chrono::steady_clock::now()));
}
