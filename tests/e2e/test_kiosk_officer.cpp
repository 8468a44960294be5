// End-to-end: officer mode on the real kiosk under Xvfb: Ctrl+Alt+O and the 3 s corner hold open the PIN
// pad, the PIN is tapped on the pad, a session is opened with a typed venue, and leaving locks. [e2e]
#include "kiosk_secret.hpp"
#include "process.hpp"

#include "kiosk/officer/authenticator.hpp"
#include "kiosk/records/store.hpp"

#include <catch2/catch.hpp>

TEST_CASE("kiosk under Xvfb: officer key chord and corner hold, PIN pad, a session opened", "[e2e]") {
    e2e::TempDir dir;
    const auto data = dir.path / "data";
    const auto keyed = e2e::kioskStoreOptions(dir.path / "config");
    {
        auto opened = kiosk::records::Store::open(data, keyed);
        kiosk::officer::setPin(*opened.store, "PC Test", kiosk::records::OfficerRole::Officer, "246810",
                               e2e::kioskPinPepper(dir.path / "config"), "e2e");
    }
    const auto r = e2e::run({"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", "bash",
                             std::string(BK_SOURCE_DIR) + "/tests/e2e/kiosk_officer.sh", BK_KIOSK_BIN, data.string(),
                             (dir.path / "widgets.txt").string(), "246810"},
                            {"XDG_CONFIG_HOME=" + (dir.path / "config").string(), e2e::glChildSanitizerOptions()}, 120);
    INFO(r.out);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    auto opened = kiosk::records::Store::open(data, keyed);
    const auto sessions = opened.store->listSessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].venue == "Hall");
    CHECK(sessions[0].officer == "PC Test");
    int unlocks = 0;
    for (const auto& row : opened.store->auditRows()) unlocks += row.action == "unlock" ? 1 : 0;
    CHECK(unlocks == 1);
    // The kiosk sealed its rows with the audit key derived from the installation secret it found.
    const auto verdict = opened.store->verifyAudit();
    INFO(verdict.problem);
    CHECK(verdict.ok);
    CHECK_FALSE(verdict.developmentKey);
}
