// The status page's facts: content dates with the review warning, store health and last backup, free
// space, printer state. Layer: tests (admin).
#include "admin_test_util.hpp"

#include "kiosk/app/officer_status.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("status facts name the content, warn when review-by has passed and report the store", "[admin]") {
    admin_test::World w;
    app::StatusInputs in;
    in.store = w.store.get();
    in.course = &w.course;
    in.dataDir = w.store->dataDir();
    in.today = w.course.manifest.reviewBy;
    auto f = app::gatherStatus(in);
    CHECK(f.contentVersion == w.course.manifest.version);
    CHECK(f.lawAsAt == w.course.manifest.lawAsAt.iso());
    CHECK(f.reviewBy == w.course.manifest.reviewBy.iso());
    CHECK_FALSE(f.reviewOverdue);  // due on the day itself, overdue the day after
    CHECK(f.storeHealthy);
    CHECK(f.storeHealth == "ok");
    CHECK(f.backupMissing);
    CHECK(f.lastBackup == "none yet");
    CHECK(f.freeBytes > 0);
    CHECK(f.freeSpace.find("free in " + w.store->dataDir().string()) != std::string::npos);
    CHECK(f.printer == "Save to folder");
    CHECK(f.printerState.rfind("ready", 0) == 0);
    CHECK_FALSE(f.printerProblem);

    in.today = content::Date{w.course.manifest.reviewBy.year + 1, 1, 1};
    w.store->backup();
    in.storeProblem = "the damaged store was moved aside";
    f = app::gatherStatus(in);
    CHECK(f.reviewOverdue);
    CHECK_FALSE(f.backupMissing);
    CHECK(f.lastBackup.find("/") != std::string::npos);  // London display, e.g. 27/11/2026 09:00 GMT
    CHECK_FALSE(f.storeHealthy);
    CHECK(f.storeHealth == "the damaged store was moved aside");
}

TEST_CASE("status reports a CUPS queue's state, or that it cannot be found", "[admin]") {
    admin_test::World w;
    app::StatusInputs in;
    in.store = w.store.get();
    in.course = &w.course;
    in.dataDir = w.store->dataDir();
    in.printerQueue = "Front";
    in.queueState = [](const std::string& q) -> std::optional<std::string> {
        if (q == "Front") return std::string("stopped: media-empty");
        return std::nullopt;
    };
    auto f = app::gatherStatus(in);
    CHECK(f.printer == "Front");
    CHECK(f.printerState == "stopped: media-empty");
    CHECK(f.printerProblem);
    in.printerQueue = "Gone";
    f = app::gatherStatus(in);
    CHECK(f.printerProblem);
    CHECK(f.printerState.find("Gone") != std::string::npos);

    in.store = nullptr;
    in.storeProblem = "";
    f = app::gatherStatus(in);
    CHECK_FALSE(f.storeHealthy);
    CHECK(f.lastBackup == "unknown");
}

TEST_CASE("free space is read at the nearest existing folder - bytes are formatted for people", "[admin]") {
    records_test::TempDir tmp;
    CHECK(app::freeSpaceAt(tmp.path() / "not" / "yet").value_or(0) > 0);
    CHECK(flow::formatBytes(512) == "512 bytes");
    CHECK(flow::formatBytes(1536) == "1.5 KB");
    CHECK(flow::formatBytes(200ull * 1024 * 1024) == "200 MB");
    CHECK(flow::formatBytes(12ull * 1024 * 1024 * 1024 + 300ull * 1024 * 1024) == "12 GB");
}

TEST_CASE("status reports a tampered audit log as a database problem", "[admin]") {
    admin_test::World w;
    w.store->audit("export", "Sgt Evans", "something");
    REQUIRE(sqlite3_exec(w.store->nativeHandle(), "UPDATE audit_log SET detail = 'changed'", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    app::StatusInputs in;
    in.store = w.store.get();
    in.course = &w.course;
    in.dataDir = w.store->dataDir();
    const auto f = app::gatherStatus(in);
    CHECK_FALSE(f.storeHealthy);
    CHECK(f.storeHealth.find("audit log") != std::string::npos);
    CHECK(w.store->integrityCheck() == "ok");  // the file itself is sound
}
