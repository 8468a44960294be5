// Tests of settings resolution order: flag > XDG kiosk.toml > /etc kiosk.toml > default. [config]
#include "config_fixture.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/config/settings.hpp"
#include "content/resources.hpp"

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
    REQUIRE(::stat((t.path / "a").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);  // every level we create, not only the last (issue 15)
    std::ofstream(t.path / "file") << "x";
    CHECK(prepareDataDir(t.path / "file").has_value());
}

TEST_CASE("the shipped resources are found beside the program, and their absence is an error naming where", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    const auto s = resolveSettings({}, env);
    CHECK(s.resources.root == content::executableDir() / "share" / "briefing-kiosk");
    CHECK(s.contentDir == s.resources.course);
    CHECK(fs::is_regular_file(s.resources.packStrings));
    CHECK(s.shown.at("assets_dir").value == s.resources.assets.string());

    // A program with nothing beside it and nothing under the prefix: the error lists both places.
    const fs::path lonely = t.path / "bin";
    fs::create_directories(lonely);
    const auto roots = content::resourceRoots(lonely);
    REQUIRE(roots.size() >= 2);
    CHECK(roots.front() == lonely / "share" / "briefing-kiosk");
    if (!fs::exists(roots[1])) {  // not when this machine has the package installed
        CHECK_THROWS_WITH(content::locateResources(lonely), Catch::Contains((lonely / "share" / "briefing-kiosk").string()));
        env.resources.reset();
        env.resourcesProblem = "no resources here";
        CHECK_THROWS_WITH(resolveSettings({}, env), Catch::Contains("no resources here"));
    }
}

TEST_CASE("release builds hold no source-tree fallback", "[config]") {
    // BK_DEV_SOURCE_RESOURCES is a developer option, OFF in CI and for the package.
#ifndef BK_DEV_SOURCE_RESOURCES_ON
    for (const auto& root : content::resourceRoots("/nonexistent-bin"))
        CHECK(root.string().find(BK_SOURCE_DIR) == std::string::npos);
#endif
}

TEST_CASE("secret_file is a recognised path setting, relative to its file", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    write(env.systemConfigFile, "secret_file = \"secret.key\"\n");
    const auto s = resolveSettings({}, env);
    CHECK(s.secretFile == t.path / "etc" / "secret.key");
    CHECK(s.shown.at("secret_file").origin == env.systemConfigFile.string() + ":1");
}

TEST_CASE("checking a data folder for a read-only command creates nothing", "[config]") {
    TempDir t;
    const fs::path typo = t.path / "typo" / "briefing-kiosk";
    const auto problem = checkDataDir(typo);
    REQUIRE(problem.has_value());
    CHECK(problem->find(typo.string()) != std::string::npos);
    CHECK_FALSE(fs::exists(t.path / "typo"));
    REQUIRE_FALSE(makePrivateDirectories(typo).has_value());
    CHECK_FALSE(checkDataDir(typo).has_value());
}
