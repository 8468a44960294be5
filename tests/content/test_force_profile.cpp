// Tests of force profile and catalog loading. [content]
#include "content/catalog.hpp"
#include "content/diagnostic.hpp"
#include "content/force_profile.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {
const fs::path kCourse = fs::path(BK_SOURCE_DIR) / "content" / "course";

fs::path writeTemp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("bk-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}
}  // namespace

TEST_CASE("the demo force profile loads", "[content]") {
    const auto p = content::loadForceProfile(kCourse / "forces" / "demo.toml");
    CHECK(p.name.en == "Demoshire Police");
    CHECK(p.name.cy == "Heddlu Demoshire");
    CHECK(p.jurisdiction == content::Jurisdiction::EnglandAndWales);
    CHECK(p.defaults.idleTimeoutSeconds == 90);
    CHECK(p.reporting.textRelayEmergency == "18000");
}

TEST_CASE("a bad force profile names file, line and key", "[content]") {
    const auto file = writeTemp("bad.toml", "id = \"x\"\njurisdiction = \"mars\"\ncolour = 3\n");
    try {
        content::loadForceProfile(file);
        FAIL("expected a LoadError");
    } catch (const content::LoadError& e) {
        const std::string all = e.what();
        CHECK(all.find(file.string() + ":2:") != std::string::npos);  // jurisdiction
        CHECK(all.find("unknown key 'colour'") != std::string::npos);
        CHECK(all.find("missing required key 'name'") != std::string::npos);
        CHECK(e.diagnostics().size() > 5);  // every problem, not just the first
    }
}

TEST_CASE("a TOML syntax error is reported with its position", "[content]") {
    const auto file = writeTemp("syntax.toml", "a = \"ok\"\nb = = 2\n");
    try {
        content::Catalog::load(file, "en-GB");
        FAIL("expected a LoadError");
    } catch (const content::LoadError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].line == 2);
    }
}

TEST_CASE("catalogs in both languages have the same keys", "[content]") {
    const auto en = content::Catalog::load(kCourse / "strings" / "en-GB.toml", "en-GB");
    const auto cy = content::Catalog::load(kCourse / "strings" / "cy.toml", "cy");
    for (const auto& [k, v] : en.entries()) CHECK(cy.has(k));
    for (const auto& [k, v] : cy.entries()) CHECK(en.has(k));
    CHECK(cy.get("attract.touch_to_start") == "Cyffwrdd i ddechrau");
    CHECK(en.get("no.such.key") == "[no.such.key]");
}
