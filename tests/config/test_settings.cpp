// Tests of settings resolution order: flag > XDG kiosk.toml > /etc kiosk.toml > default. [config]
#include "config_fixture.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/config/settings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace kiosk::config;

namespace {
using config_test::TempDir;
using config_test::testEnv;

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("defaults: XDG data folder and the bundled course", "[config]") {
    TempDir t;
    const auto s = resolveSettings({}, testEnv(t));
    CHECK(s.dataDir == t.path / "xdg-data" / "briefing-kiosk");
    CHECK(fs::exists(s.contentDir / "course.toml"));
    CHECK(fs::exists(s.forceProfile));
    CHECK(s.shown.at("data_dir").origin == "default");
    CHECK(s.configFilesRead.empty());
}

TEST_CASE("without XDG_DATA_HOME the data folder is under HOME", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    env.xdgDataHome.reset();
    CHECK(resolveSettings({}, env).dataDir == t.path / "home" / ".local" / "share" / "briefing-kiosk");
}

TEST_CASE("the XDG file beats /etc, and a flag beats both", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    write(env.systemConfigFile, "data_dir = \"/srv/etc-data\"\nprinter = \"FrontDesk\"\n");
    write(t.path / "xdg-config" / "briefing-kiosk" / "kiosk.toml", "data_dir = \"/srv/xdg-data\"\n");
    auto s = resolveSettings({}, env);
    CHECK(s.dataDir == "/srv/xdg-data");
    CHECK(s.printer == "FrontDesk");  // only /etc sets it
    CHECK(s.shown.at("printer").origin == env.systemConfigFile.string() + ":2");
    Overrides flags;
    flags.dataDir = "/srv/flag-data";
    s = resolveSettings(flags, env);
    CHECK(s.dataDir == "/srv/flag-data");
    CHECK(s.shown.at("data_dir").origin == "flag --data");
}

TEST_CASE("a config file given as a flag replaces the XDG and /etc files", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    write(env.systemConfigFile, "printer = \"FrontDesk\"\n");
    write(t.path / "mine.toml", "export_dir = \"exports\"\n");
    Overrides flags;
    flags.configFile = t.path / "mine.toml";
    const auto s = resolveSettings(flags, env);
    CHECK(s.printer.empty());
    CHECK(s.exportDir == t.path / "exports");  // relative to the file
}

TEST_CASE("an unknown key or wrong type in kiosk.toml is an error naming file and line", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    write(env.systemConfigFile, "printer = \"x\"\ndata_folder = \"/tmp\"\n");
    CHECK_THROWS_WITH(resolveSettings({}, env), Catch::Contains(env.systemConfigFile.string() + ":2:") &&
                                                    Catch::Contains("unknown key 'data_folder'"));
    write(env.systemConfigFile, "printer = 3\n");
    CHECK_THROWS_WITH(resolveSettings({}, env), Catch::Contains("'printer' must be a string"));
}

TEST_CASE("the data folder is created with mode 0700", "[config]") {
    TempDir t;
    const fs::path dir = t.path / "a" / "briefing-kiosk";
    REQUIRE_FALSE(prepareDataDir(dir).has_value());
    struct stat st {};
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    std::ofstream(t.path / "file") << "x";
    CHECK(prepareDataDir(t.path / "file").has_value());
}
