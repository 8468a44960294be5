// Purge and erasure leave no trace of a marker name in the store file, its WAL or the backups, and a
// restore of an older backup re-applies them. Layer: tests/records.
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"
#include "kiosk/records/export.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kMarker = "Zebediah Quuxworth-Marker";
const std::string kPlanMarker = "meets-at-the-old-mill-MARKER";

// Every file under `dir` (store, -wal, -shm, backups) whose raw bytes contain `needle`.
std::vector<std::string> filesContaining(const fs::path& dir, const std::string& needle) {
    std::vector<std::string> hits;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        if (records_test::readBytes(e.path()).find(needle) != std::string::npos) hits.push_back(e.path().string());
    }
    return hits;
}

std::string checkInMarker(Store& store, const std::string& session) {
    CheckInInput in;
    in.sessionId = session;
    in.name = kMarker;
    in.constituency = "Marker Vale";
    in.email = "zebediah@example.org";
    const auto id = store.checkIn(in).candidateId;
    store.recordModuleCompleted(id, "m1", {{"q", kPlanMarker}});
    store.saveSafetyPlan(id, {{"where", kPlanMarker}}, true);
    store.enqueuePrint(id, "spool");
    return id;
}

void checkInOthers(Store& store, const std::string& session, int n) {
    for (int i = 0; i < n; ++i) {
        CheckInInput in;
        in.sessionId = session;
        in.name = "Other Person " + std::to_string(i);
        in.constituency = "Elsewhere";
        store.checkIn(in);
    }
}

}  // namespace

TEST_CASE("erasure leaves no trace of the person in the store, WAL or backups", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const std::string s = store->openSession({}, "PC Jones");
    checkInOthers(*store, s, 20);
    const std::string id = checkInMarker(*store, s);
    checkInOthers(*store, s, 20);
    const fs::path before = store->backup();
    REQUIRE_FALSE(filesContaining(tmp.data(), kMarker).empty());  // the test can see the marker when present

    store->eraseCandidate(id, "PC Jones", 90);
    CHECK(filesContaining(tmp.data(), kMarker).empty());
    CHECK(filesContaining(tmp.data(), kPlanMarker).empty());
    CHECK(filesContaining(tmp.data(), "zebediah@example.org").empty());
    CHECK(fs::exists(before));  // within retention: scrubbed, not deleted
    CHECK_THROWS_AS(store->subjectAccess(id), NotFoundError);
    CHECK(store->roster(s).size() == 40);
    const auto rows = store->auditRows();
    CHECK(rows.back().action == "erase");
    CHECK(rows.back().detail.find(id) == std::string::npos);
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("purge removes people older than the retention, from the store and old backups", "[records]") {
    TempDir tmp;
    auto now = std::chrono::system_clock::now();
    OpenOptions options;
    options.clock = [&now] { return now; };
    auto store = std::move(Store::open(tmp.data(), options).store);
    const auto realNow = now;
    now = realNow - std::chrono::hours(24 * 100);
    const std::string old = store->openSession({}, "PC Old");
    const std::string id = checkInMarker(*store, old);
    const fs::path oldBackup = store->backup();
    now = realNow - std::chrono::hours(24 * 10);
    const fs::path recentBackup = store->backup();
    now = realNow;
    const std::string current = store->openSession({}, "PC New");
    checkInOthers(*store, current, 5);

    const PurgeReport report = store->purge(90, "PC Jones");
    CHECK(report.candidates == 1);
    CHECK(report.sessions == 1);
    CHECK(report.backupsDeleted == 1);
    CHECK_FALSE(fs::exists(oldBackup));
    CHECK(fs::exists(recentBackup));
    CHECK(filesContaining(tmp.data(), kMarker).empty());
    CHECK(filesContaining(tmp.data(), kPlanMarker).empty());
    CHECK_THROWS_AS(store->subjectAccess(id), NotFoundError);
    CHECK(store->roster(current).size() == 5);
    CHECK(store->listSessions().size() == 1);
}

TEST_CASE("restoring an older backup re-applies every erasure made since", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const std::string s = store->openSession({}, "PC Jones");
    checkInOthers(*store, s, 3);
    const std::string id = checkInMarker(*store, s);
    store->audit("unlock", "PC Jones", "");
    // A copy kept outside the data folder, which erasure cannot reach.
    const fs::path outside = tmp.path() / "offsite.db";
    fs::copy_file(store->backup(), outside);
    REQUIRE(records_test::readBytes(outside).find(kMarker) != std::string::npos);
    store->eraseCandidate(id, "PC Jones", 90);
    checkInOthers(*store, s, 2);

    const RestoreReport report = store->restore(outside, "PC Jones");
    CHECK(report.erasuresReapplied == 1);
    CHECK(report.auditRowsCarried >= 2);
    CHECK_THROWS_AS(store->subjectAccess(id), NotFoundError);
    CHECK(store->roster(s).size() == 3);  // the state of the backup, minus the erased person
    CHECK(filesContaining(tmp.data(), kMarker).empty());
    CHECK(store->verifyAudit().ok);
    CHECK(store->auditRows().back().action == "restore");
    CHECK(fs::exists(report.safetyBackup));

    records_test::writeBytes(tmp.path() / "junk.db", "not a database, honestly, not at all");
    CHECK_THROWS_AS(store->restore(tmp.path() / "junk.db", "PC Jones"), InputError);
    CHECK_THROWS_AS(store->restore(tmp.path() / "absent.db", "PC Jones"), InputError);
}

TEST_CASE("backups rotate, keeping the newest N", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    CheckInInput in;
    in.name = "Rotating Person";
    in.constituency = "Somewhere";
    store->checkIn(in);
    CHECK(store->backupDue(std::chrono::minutes(60)));
    std::vector<fs::path> made;
    for (int i = 0; i < 5; ++i) {
        made.push_back(store->backup(3));
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    int count = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(store->backupDir())) ++count;
    CHECK(count == 3);
    CHECK_FALSE(fs::exists(made[0]));
    CHECK(fs::exists(made[4]));
    CHECK(made[4].filename().string().rfind("attendance-", 0) == 0);
    CHECK_FALSE(fs::exists(made[4].string() + "-wal"));
    CHECK_FALSE(store->backupDue(std::chrono::minutes(60)));
    CHECK(store->backupDue(std::chrono::minutes(0)));
}

TEST_CASE("a restore after the store was damaged still re-applies erasures, from the backups' ledgers", "[records]") {
    TempDir tmp;
    const fs::path outside = tmp.path() / "offsite.db";
    std::string id;
    {
        auto store = std::move(Store::open(tmp.data()).store);
        const std::string s = store->openSession({}, "PC Jones");
        id = checkInMarker(*store, s);
        fs::copy_file(store->backup(), outside);
        store->backup();
        store->eraseCandidate(id, "PC Jones", 90);
    }
    records_test::writeBytes(tmp.data() / "attendance.db", std::string(8192, 'x'));
    auto result = Store::open(tmp.data());
    REQUIRE(result.movedAside);
    const RestoreReport report = result.store->restore(outside, "PC Jones");
    CHECK(report.erasuresReapplied == 1);
    CHECK_THROWS_AS(result.store->subjectAccess(id), NotFoundError);
    CHECK(records_test::readBytes(tmp.data() / "attendance.db").find(kMarker) == std::string::npos);
}

TEST_CASE("erasure removes exports naming the person from the export folder and the data folder's exports/",
          "[records]") {
    TempDir tmp;
    OpenOptions options;
    options.exportDir = tmp.path() / "elsewhere";  // configured outside the data folder
    auto store = std::move(Store::open(tmp.data(), options).store);
    const std::string s = store->openSession({}, "PC Jones");
    checkInOthers(*store, s, 3);
    const std::string id = checkInMarker(*store, s);
    const std::string roster = rosterCsv(store->session(s), store->roster(s));
    for (const fs::path& dir : {tmp.path() / "elsewhere", tmp.data() / "exports"}) {
        fs::create_directories(dir);
        records_test::writeBytes(dir / "roster.csv", roster);
        records_test::writeBytes(dir / "unrelated.txt", "nobody erased is named here");
    }
    const auto report = store->eraseCandidate(id, "PC Jones", 90);
    CHECK_FALSE(fs::exists(tmp.path() / "elsewhere" / "roster.csv"));
    CHECK_FALSE(fs::exists(tmp.data() / "exports" / "roster.csv"));
    CHECK(fs::exists(tmp.path() / "elsewhere" / "unrelated.txt"));
    CHECK(fs::exists(tmp.data() / "exports" / "unrelated.txt"));
    CHECK(report.removedFiles.size() >= 2);
    CHECK(store->pendingScrubs() == 0);
}
