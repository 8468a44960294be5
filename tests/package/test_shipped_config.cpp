// Tests that the package's /etc/briefing-kiosk/kiosk.toml (packaging/kiosk.toml) is accepted by the
// settings resolver and names the installed paths. Layer: tests of packaging over kiosk/config. [package]
#include "kiosk/config/settings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk::config;

namespace {

const fs::path kShipped = fs::path(BK_SOURCE_DIR) / "packaging" / "kiosk.toml";

// As the system user sees it: no XDG configuration file, the shipped file as /etc's.
Environment installedEnv() {
    Environment env;
    env.home = "/nonexistent";
    env.xdgConfigHome = (fs::temp_directory_path() / "bk-package-test-no-such-dir").string();
    env.systemConfigFile = kShipped;
    env.resources = Environment::fromProcess().resources;  // the build tree's, beside this test program
    return env;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("the shipped kiosk.toml is accepted and names the installed paths", "[package]") {
    const Settings s = resolveSettings({}, installedEnv());
    REQUIRE(s.configFilesRead == std::vector<fs::path>{kShipped});
    CHECK(s.dataDir == "/var/lib/briefing-kiosk");
    CHECK(s.contentDir == "/usr/share/briefing-kiosk/content");
    CHECK(s.forceProfile == "/usr/share/briefing-kiosk/content/forces/demo.toml");
    CHECK(s.printer.empty());
    CHECK(s.exportDir == "/var/lib/briefing-kiosk/exports");
    CHECK(s.secretFile == "/etc/briefing-kiosk/secret.key");  // made by postinst, read by the faults code
    for (const char* key : {"data_dir", "content_dir", "force_profile", "printer", "export_dir", "secret_file"}) {
        INFO(key);
        CHECK(s.shown.at(key).origin.rfind(kShipped.string() + ":", 0) == 0);
    }
}

TEST_CASE("the shipped force profile exists in the course the package installs", "[package]") {
    const Settings s = resolveSettings({}, installedEnv());
    // content/course/ is installed as /usr/share/briefing-kiosk/content/.
    const fs::path relative = s.forceProfile.lexically_relative(s.contentDir);
    REQUIRE_FALSE(relative.empty());
    CHECK(*relative.begin() != "..");
    CHECK(fs::is_regular_file(fs::path(BK_SOURCE_DIR) / "content" / "course" / relative));
}

TEST_CASE("a command-line flag still wins over the shipped kiosk.toml", "[package]") {
    Overrides flags;
    flags.dataDir = "/tmp/elsewhere";
    const Settings s = resolveSettings(flags, installedEnv());
    CHECK(s.dataDir == "/tmp/elsewhere");
    CHECK(s.shown.at("data_dir").origin == "flag --data");
}

TEST_CASE("the conffile list names the shipped kiosk.toml and PAM service", "[package]") {
    CHECK(readFile(fs::path(BK_SOURCE_DIR) / "packaging" / "conffiles") ==
          "/etc/briefing-kiosk/kiosk.toml\n/etc/pam.d/briefing-kiosk\n");
}

TEST_CASE("the unit's PAM service is the one it names, with a logind session", "[package]") {
    const std::string unit = readFile(fs::path(BK_SOURCE_DIR) / "tools" / "deploy" / "briefing-kiosk.service");
    CHECK(unit.find("\nPAMName=briefing-kiosk\n") != std::string::npos);
    const std::string pam = readFile(fs::path(BK_SOURCE_DIR) / "packaging" / "pam.d" / "briefing-kiosk");
    CHECK(pam.find("session    required   pam_systemd.so") != std::string::npos);
}
