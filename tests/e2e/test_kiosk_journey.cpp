// End-to-end: the real kiosk under Xvfb, driven by xdotool touches and typing from the attract screen
// to a print request; the store is checked afterwards. [e2e]
#include "process.hpp"

#include "kiosk/records/store.hpp"

#include <catch2/catch.hpp>

TEST_CASE("kiosk under Xvfb: touch and typing from attract to a queued pack, records in the store", "[e2e]") {
    e2e::TempDir dir;
    const auto data = dir.path / "data";
    {
        // The officer allows skipping modules, so the walk through stays short.
        auto opened = kiosk::records::Store::open(data);
        opened.store->setSetting("allow_skip_modules", "true", "e2e");
    }
    const auto r = e2e::run({"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", "bash",
                             std::string(BK_SOURCE_DIR) + "/tests/e2e/kiosk_journey.sh", BK_KIOSK_BIN, data.string(),
                             (dir.path / "widgets.txt").string()},
                            {"XDG_CONFIG_HOME=" + (dir.path / "config").string()}, 120);
    INFO(r.out);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    auto opened = kiosk::records::Store::open(data);
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
    CHECK(jobs[0].state == kiosk::records::PrintState::Queued);
}

TEST_CASE("kiosk --gallery renders every screen in both languages, themes and sizes", "[e2e]") {
    e2e::TempDir dir;
    const auto out = dir.path / "gallery";
    const auto r = e2e::run({"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", BK_KIOSK_BIN, "--data",
                             (dir.path / "data").string(), "--gallery", out.string()},
                            {"XDG_CONFIG_HOME=" + (dir.path / "config").string()}, 300);
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
}
