// End-to-end tests of the briefing command-line tool's skeleton. [e2e]
#include "process.hpp"

#include <catch2/catch.hpp>

#include <fstream>

TEST_CASE("briefing --version prints the CMake project version", "[e2e]") {
    const auto r = e2e::run({BK_BRIEFING_BIN, "--version"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == std::string("briefing ") + BK_VERSION + "\n");
}

TEST_CASE("briefing without a subcommand or with an unknown flag is a usage error", "[e2e]") {
    CHECK(e2e::run({BK_BRIEFING_BIN}).exitCode == 2);
    CHECK(e2e::run({BK_BRIEFING_BIN, "--bogus"}).exitCode == 2);
    CHECK(e2e::run({BK_BRIEFING_BIN, "config", "nonsense"}).exitCode == 2);
}

TEST_CASE("briefing config show names where each setting came from", "[e2e]") {
    e2e::TempDir dir;
    const auto cfgHome = dir.path / "config";
    std::filesystem::create_directories(cfgHome / "briefing-kiosk");
    std::ofstream(cfgHome / "briefing-kiosk" / "kiosk.toml") << "printer = \"FrontDesk\"\n";
    const auto r = e2e::run({BK_BRIEFING_BIN, "--data", "/srv/kiosk-data", "config", "show"},
                            {"XDG_CONFIG_HOME=" + cfgHome.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("data_dir = \"/srv/kiosk-data\"    # flag --data") != std::string::npos);
    CHECK(r.out.find("printer = \"FrontDesk\"    # " + (cfgHome / "briefing-kiosk" / "kiosk.toml").string() + ":1") !=
          std::string::npos);
    CHECK(r.out.find("content_dir") != std::string::npos);
}

TEST_CASE("briefing with a broken kiosk.toml exits 1 naming the file and line", "[e2e]") {
    e2e::TempDir dir;
    const auto file = dir.path / "kiosk.toml";
    std::ofstream(file) << "printer = \"x\"\nbogus = 1\n";
    const auto r = e2e::run({BK_BRIEFING_BIN, "--config", file.string(), "config", "show"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find(file.string() + ":2:") != std::string::npos);
}

TEST_CASE("every briefing subcommand's --help lists the exit codes", "[e2e]") {
    for (const char* cmd : {"config"}) {
        INFO(cmd);
        const auto r = e2e::run({BK_BRIEFING_BIN, cmd, "show", "--help"});
        CHECK(r.exitCode == 0);
        CHECK(r.out.find("Exit codes") != std::string::npos);
    }
}
