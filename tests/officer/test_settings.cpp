// Officer settings: force-profile defaults, validation naming the key, storage with audit rows, and a bad
// stored value falling back to the default. Layer: tests/officer.
#include "kiosk/officer/settings.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::officer;
using officer_test::TempDir;

namespace {

content::ForceProfile profile() {
    content::ForceProfile p;
    p.id = "test";
    p.defaults.firstLanguage = "cy";
    p.defaults.idleTimeoutSeconds = 120;
    p.defaults.idleCountdownSeconds = 30;
    return p;
}

int settingsChanges(const kiosk::records::Store& store) {
    int n = 0;
    for (const auto& r : store.auditRows()) n += r.action == "settings-change" ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("officer settings default to the force profile and are validated with the key named", "[officer]") {
    const OfficerSettings d = defaultSettings(profile());
    CHECK(d.firstLanguage == "cy");
    CHECK(d.idleTimeoutSeconds == 120);
    CHECK(d.idleCountdownSeconds == 30);
    CHECK(d.paperSize == PaperSize::A4);
    CHECK_FALSE(d.allowSkippingModules);
    CHECK_FALSE(d.largePrintDefault);
    CHECK(validate(d).empty());

    OfficerSettings bad = d;
    bad.idleTimeoutSeconds = 5;
    bad.firstLanguage = "fr";
    const auto problems = validate(bad);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "idle-timeout-seconds: must be 15 to 3600 seconds, not 5");
    CHECK(problems[1] == "first-language: must be en-GB or cy, not \"fr\"");
    OfficerSettings pair = d;
    pair.idleCountdownSeconds = 200;
    pair.idleTimeoutSeconds = 100;
    REQUIRE(validate(pair).size() == 1);
    CHECK(validate(pair)[0] == "idle-countdown-seconds: must be shorter than idle-timeout-seconds");
}

TEST_CASE("officer settings are stored, audit-logged per change, and read back", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    CHECK(loadSettings(*store, profile()).settings == defaultSettings(profile()));
    OfficerSettings s = defaultSettings(profile());
    s.paperSize = PaperSize::Letter;
    s.largePrintDefault = true;
    s.idleTimeoutSeconds = 300;
    CHECK(saveSettings(*store, profile(), s, "Sgt Evans") == 3);
    CHECK(settingsChanges(*store) == 3);
    CHECK(store->auditRows().back().actor == "Sgt Evans");
    CHECK(saveSettings(*store, profile(), s, "Sgt Evans") == 0);  // nothing changed, nothing written
    const auto loaded = loadSettings(*store, profile());
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings == s);
    CHECK(store->setting(kKeyPaperSize) == "letter");

    OfficerSettings bad = s;
    bad.idleCountdownSeconds = 1;
    CHECK_THROWS_WITH(saveSettings(*store, profile(), bad, "x"), Catch::Contains("idle-countdown-seconds"));
    CHECK(settingsChanges(*store) == 3);  // nothing saved
    CHECK_THROWS_AS(setSettingText(*store, profile(), "colour", "red", "x"), SettingsInvalid);
    CHECK_THROWS_WITH(setSettingText(*store, profile(), kKeyAllowSkipping, "yes", "x"),
                      "allow-skipping-modules: \"yes\" must be true or false");
    setSettingText(*store, profile(), kKeyAllowSkipping, "true", "x");
    CHECK(loadSettings(*store, profile()).settings.allowSkippingModules);
}

TEST_CASE("a bad stored officer setting falls back to the default and is reported", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    store->setSetting(kKeyIdleTimeout, "soon", "tamper");
    store->setSetting(kKeyPaperSize, "a3", "tamper");
    store->setSetting(kKeyFirstLanguage, "en-GB", "test");
    const auto loaded = loadSettings(*store, profile());
    CHECK(loaded.settings.idleTimeoutSeconds == 120);
    CHECK(loaded.settings.paperSize == PaperSize::A4);
    CHECK(loaded.settings.firstLanguage == "en-GB");
    REQUIRE(loaded.problems.size() == 2);
    CHECK(loaded.problems[0].find("idle-timeout-seconds") != std::string::npos);
    CHECK(loaded.problems[1].find("paper-size") != std::string::npos);
}
