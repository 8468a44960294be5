// End-to-end: the real kiosk under Xvfb, driven by xdotool touches and typing from the attract screen
// to a printed pack; the store and the PDF in the spool folder are checked afterwards. [e2e]
#include "kiosk_secret.hpp"
#include "process.hpp"

#include "kiosk/officer/settings.hpp"
#include "kiosk/records/store.hpp"

#include <catch2/catch.hpp>

TEST_CASE("kiosk under Xvfb: touch and typing from attract to a printed pack, records in the store", "[e2e]") {
    e2e::TempDir dir;
    const auto data = dir.path / "data";
    const auto keyed = e2e::kioskStoreOptions(dir.path / "config");
    {
        // The officer allows skipping modules, so the walk through stays short.
        auto opened = kiosk::records::Store::open(data, keyed);
        opened.store->setSetting(kiosk::officer::kKeyAllowSkipping, "true", "e2e");
    }
    const auto r = e2e::run({"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", "bash",
                             std::string(BK_SOURCE_DIR) + "/tests/e2e/kiosk_journey.sh", BK_KIOSK_BIN, data.string(),
                             (dir.path / "widgets.txt").string()},
                            {"XDG_CONFIG_HOME=" + (dir.path / "config").string(), e2e::glChildSanitizerOptions()}, 120);
    INFO(r.out);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    auto opened = kiosk::records::Store::open(data, keyed);
    auto& store = *opened.store;
    const auto sessions = store.listSessions();
    REQUIRE(sessions.size() == 1);
    const auto roster = store.roster(sessions[0].id);
    REQUIRE(roster.size() == 1);
    CHECK(roster[0].name == "Ann");           // typed on the on-screen keyboard, shift for the capital
    CHECK(roster[0].constituency == "Gower");  // typed on the physical keyboard
    CHECK(roster[0].kioskId == "kiosk");
    const auto jobs = store.listPrintJobs();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].candidateId == roster[0].candidateId);
    // The kiosk's print worker rendered the pack and printed it to the spool folder (no printer is set).
    CHECK(jobs[0].state == kiosk::records::PrintState::Done);
    const auto pdf = data / "spool" / (jobs[0].id + ".pdf");
    REQUIRE(std::filesystem::exists(pdf));
    const auto text = e2e::run({"pdftotext", pdf.string(), "-"});
    CHECK(text.out.find("Ann") != std::string::npos);
    CHECK(text.out.find("Gower") != std::string::npos);
    CHECK(e2e::run({"qpdf", "--check", pdf.string()}).exitCode == 0);
    // The kiosk made its hourly backup once the screen was up: one readable attendance store.
    std::vector<std::filesystem::path> backups;
    for (const auto& entry : std::filesystem::directory_iterator(data / "backups")) backups.push_back(entry.path());
    REQUIRE(backups.size() == 1);
    CHECK(backups[0].filename().string().rfind("attendance-", 0) == 0);
    CHECK(e2e::run({"sqlite3", backups[0].string(), "PRAGMA integrity_check;"}).out == "ok\n");
}

TEST_CASE("kiosk --gallery renders every screen in both languages, themes and sizes", "[e2e]") {
    e2e::TempDir dir;
    const auto out = dir.path / "gallery";
    const auto r = e2e::run({"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", BK_KIOSK_BIN, "--data",
                             (dir.path / "data").string(), "--gallery", out.string()},
                            {"XDG_CONFIG_HOME=" + (dir.path / "config").string(), e2e::glChildSanitizerOptions()}, 300);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const char* screen : {"attract", "language", "privacy", "check-in", "modules", "module-answered",
                               "safety-plan", "review", "review-print-failed", "done", "still-there"})
        for (const char* lang : {"en-GB", "cy"})
            for (const char* theme : {"normal", "high-contrast"})
                for (const char* size : {"1920x1080", "1366x768"}) {
                    const auto file = out / (std::string(screen) + "_" + lang + "_" + theme + "_" + size + ".png");
                    INFO(file);
                    CHECK(std::filesystem::file_size(file) > 10000);  // a real picture, not a blank one
                }
    // Officer mode's pages, in English at both sizes.
    for (const char* screen : {"officer-pin-choose", "officer-pin-locked", "officer-pin-no-officers", "officer-home",
                               "officer-home-print-operator", "officer-sessions", "officer-roster", "officer-roster-add",
                               "officer-presenter", "officer-presenter-reveal", "officer-presenter-attendance"})
        for (const char* size : {"1920x1080", "1366x768"}) {
            const auto file = out / (std::string(screen) + "_" + size + ".png");
            INFO(file);
            CHECK(std::filesystem::file_size(file) > 10000);
        }
}
