// The store under faults (issue 15): symbolic links planted for its files, read-only and mistyped data
// folders, a damaged WAL holding commits, the store deleted under an open Store, hidden temporaries of
// killed writers, and restore's conditions. Layer: tests/records.
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace kiosk::records;
using records_test::readBytes;
using records_test::TempDir;
using records_test::writeBytes;
namespace fs = std::filesystem;

namespace {

CheckInInput person(const std::string& name) {
    CheckInInput in;
    in.name = name;
    in.constituency = "Faultshire";
    return in;
}

unsigned mode(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

int countRows(const fs::path& file, const char* table) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    int n = -1;
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

StoreFault faultOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e.fault();
    }
    FAIL("expected a StoreError");
    return StoreFault::Other;
}

}  // namespace

TEST_CASE("a symbolic link in place of the store or its WAL is refused, and what it points at is untouched",
          "[records]") {
    TempDir tmp;
    const fs::path victim = tmp.path() / "victim.txt";
    writeBytes(victim, "not yours");
    ::chmod(victim.c_str(), 0644);
    fs::create_directories(tmp.data());
    fs::create_symlink(victim, tmp.data() / "attendance.db");
    CHECK_THROWS_AS(Store::open(tmp.data()), StoreError);
    CHECK(mode(victim) == 0644);  // never chmod-ed through the link
    CHECK(readBytes(victim) == "not yours");

    fs::remove(tmp.data() / "attendance.db");
    Store::open(tmp.data()).store.reset();
    fs::create_symlink(victim, tmp.data() / "attendance.db-wal");
    CHECK_THROWS_WITH(Store::open(tmp.data()), Catch::Contains("symbolic link"));
    CHECK(mode(victim) == 0644);
    CHECK(readBytes(victim) == "not yours");
}

TEST_CASE("read-only and non-creating opens create no folder, even for a mistyped data folder", "[records]") {
    TempDir tmp;
    const fs::path typo = tmp.path() / "srv" / "briefing-kiosk" / "dtaa";
    OpenOptions ro;
    ro.access = Access::ReadOnly;
    CHECK(faultOf([&] { Store::open(typo, ro); }) == StoreFault::Missing);
    OpenOptions existing;
    existing.createIfMissing = false;
    CHECK(faultOf([&] { Store::open(typo, existing); }) == StoreFault::Missing);
    CHECK_FALSE(fs::exists(tmp.path() / "srv"));

    // A creating open makes every missing level 0700.
    auto store = std::move(Store::open(typo).store);
    CHECK(mode(tmp.path() / "srv") == 0700);
    CHECK(mode(typo) == 0700);
    store->backup();
    CHECK(mode(typo / "backups") == 0700);
    CHECK(mode(typo / "attendance.db") == 0600);
}

TEST_CASE("a read-only store refuses writes and never checkpoints or deletes its WAL", "[records]") {
    TempDir tmp;
    auto writer = std::move(Store::open(tmp.data()).store);
    sqlite3_exec(writer->nativeHandle(), "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
    for (int i = 0; i < 5; ++i) writer->checkIn(person("Wal Person " + std::to_string(i)));
    const fs::path wal = tmp.data() / "attendance.db-wal";
    const std::string walBefore = readBytes(wal);
    REQUIRE(walBefore.size() > 32);
    {
        OpenOptions ro;
        ro.access = Access::ReadOnly;
        auto reader = std::move(Store::open(tmp.data(), ro).store);
        CHECK(reader->listSessions().size() == 1);
        CHECK_THROWS_AS(reader->checkIn(person("Refused")), StoreError);
    }
    CHECK(readBytes(wal) == walBefore);
}

TEST_CASE("a damaged WAL holding commits is never opened read-write, checkpointed or deleted", "[records]") {
    TempDir tmp;
    const fs::path live = tmp.path() / "live";
    auto store = std::move(Store::open(live).store);
    sqlite3_exec(store->nativeHandle(), "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
    sqlite3_exec(store->nativeHandle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    for (int i = 0; i < 8; ++i) store->checkIn(person("Only In The Wal " + std::to_string(i)));
    // The files as a power cut would leave them, with one byte flipped in the first frame's page.
    fs::create_directories(tmp.data());
    const std::string db = readBytes(live / "attendance.db");
    std::string wal = readBytes(live / "attendance.db-wal");
    store.reset();
    REQUIRE(wal.size() > 32 + 24 + 4096 * 3);
    wal[32 + 24 + 200] = static_cast<char>(wal[32 + 24 + 200] ^ 0x5a);
    const auto place = [&] {
        fs::remove_all(tmp.data());
        fs::create_directories(tmp.data());
        writeBytes(tmp.data() / "attendance.db", db);
        writeBytes(tmp.data() / "attendance.db-wal", wal);
    };
    // The premise: SQLite itself would open this quietly with the check-ins missing.
    place();
    {
        const fs::path copy = tmp.path() / "sqlite-alone";
        fs::create_directories(copy);
        fs::copy_file(tmp.data() / "attendance.db", copy / "a.db");
        fs::copy_file(tmp.data() / "attendance.db-wal", copy / "a.db-wal");
        CHECK(countRows(copy / "a.db", "candidates") < 8);
    }
    OpenOptions strict;
    strict.onDamage = DamagePolicy::Fail;
    CHECK(faultOf([&] { Store::open(tmp.data(), strict); }) == StoreFault::Damaged);
    CHECK(readBytes(tmp.data() / "attendance.db") == db);
    CHECK(readBytes(tmp.data() / "attendance.db-wal") == wal);
    OpenOptions ro;
    ro.access = Access::ReadOnly;
    CHECK(faultOf([&] { Store::open(tmp.data(), ro); }) == StoreFault::Damaged);
    CHECK(readBytes(tmp.data() / "attendance.db-wal") == wal);

    auto moved = Store::open(tmp.data());
    REQUIRE(moved.movedAside);
    CHECK(moved.problem.find("write-ahead log") != std::string::npos);
    CHECK(readBytes(*moved.movedAside) == db);
    CHECK(readBytes(moved.movedAside->string() + "-wal") == wal);
    const bool walLeftBehind = fs::exists(tmp.data() / "attendance.db-wal") &&
                               readBytes(tmp.data() / "attendance.db-wal").find("Only In The Wal") != std::string::npos;
    CHECK_FALSE(walLeftBehind);
    // The fresh store records why it is fresh.
    const auto rows = moved.store->auditRows();
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front().detail.find("moved aside") != std::string::npos);
}

TEST_CASE("a healthy WAL left by a crash is replayed, not mistaken for damage", "[records]") {
    TempDir tmp;
    const fs::path live = tmp.path() / "live";
    auto store = std::move(Store::open(live).store);
    sqlite3_exec(store->nativeHandle(), "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
    for (int i = 0; i < 8; ++i) store->checkIn(person("Crash Survivor " + std::to_string(i)));
    fs::create_directories(tmp.data());
    writeBytes(tmp.data() / "attendance.db", readBytes(live / "attendance.db"));
    writeBytes(tmp.data() / "attendance.db-wal", readBytes(live / "attendance.db-wal"));
    store.reset();
    OpenOptions strict;
    strict.onDamage = DamagePolicy::Fail;
    auto reopened = Store::open(tmp.data(), strict);
    CHECK_FALSE(reopened.movedAside);
    CHECK(reopened.store->listSessions().at(0).attendees == 8);
}

TEST_CASE("a store deleted under an open Store refuses to save, and says so", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    store->checkIn(person("Before The Delete"));
    CHECK_FALSE(store->fileProblem());
    SECTION("the data folder deleted") { fs::remove_all(tmp.data()); }
    SECTION("the store file deleted") { fs::remove(tmp.data() / "attendance.db"); }
    SECTION("the data folder moved") { fs::rename(tmp.data(), tmp.path() / "moved"); }
    CHECK(faultOf([&] { store->checkIn(person("Lost If Saved")); }) == StoreFault::Gone);
    CHECK(store->fileProblem().has_value());
    CHECK(faultOf([&] { store->checkIn(person("Still Refused")); }) == StoreFault::Gone);
}

TEST_CASE("hidden temporaries of killed writers are removed at start, but not under another open Store",
          "[records]") {
    TempDir tmp;
    Store::open(tmp.data()).store->backup();
    const std::vector<fs::path> dead = {tmp.data() / ".attendance.db.new-0a1b2c3d4e5f",
                                        tmp.data() / ".attendance.db.restore-0a1b2c3d4e5f-journal",
                                        tmp.data() / "backups" / ".attendance-20260101T000000.000Z.db.tmp-abcdef"};
    {
        auto first = std::move(Store::open(tmp.data()).store);
        for (const auto& p : dead) writeBytes(p, "SQLite format 3 ... a partial copy holding personal data");
        writeBytes(tmp.data() / ".attendance.db.new-ffffffffffff", "being written by someone");
        auto second = Store::open(tmp.data());
        CHECK(second.temporariesRemoved == 0);  // another Store is open: they may be live
        for (const auto& p : dead) CHECK(fs::exists(p));
    }
    auto result = Store::open(tmp.data());
    CHECK(result.temporariesRemoved == 4);
    for (const auto& p : dead) CHECK_FALSE(fs::exists(p));
    CHECK(fs::exists(tmp.data() / "attendance.db"));
}

TEST_CASE("restore needs the folder to itself and keeps officers and the whole audit log", "[records]") {
    TempDir tmp;
    // Hashes in the stored form (peppered Argon2id, kiosk/officer/pin.hpp); their content does not matter here.
    const std::string oldHash = "$argon2id$v=19$m=65536,t=2,p=1$old$pepper=0123456789abcdef";
    const std::string newHash = "$argon2id$v=19$m=65536,t=2,p=1$new$pepper=0123456789abcdef";
    auto store = std::move(Store::open(tmp.data()).store);
    store->setOfficerPin("PC Old", OfficerRole::Officer, oldHash, "test");
    store->checkIn(person("Backed Up"));
    const fs::path backup = store->backup();
    store->setOfficerPin("PC Old", OfficerRole::Officer, newHash, "test");
    store->checkIn(person("After The Backup"));
    const auto auditBefore = store->auditRows();
    {
        auto other = std::move(Store::open(tmp.data()).store);
        CHECK(faultOf([&] { store->restore(backup, "PC Old"); }) == StoreFault::Locked);
    }
    const auto report = store->restore(backup, "PC Old");
    CHECK(report.auditProblem.empty());
    CHECK(*store->officerPinHash("PC Old") == newHash);
    const auto rows = store->auditRows();
    REQUIRE(rows.size() == auditBefore.size() + 1);
    for (std::size_t i = 0; i < auditBefore.size(); ++i) CHECK(rows[i].hash == auditBefore[i].hash);
    CHECK(rows.back().action == "restore");
    CHECK(store->verifyAudit().ok);
    CHECK(store->listSessions().at(0).attendees == 1);
    CHECK(store->checkIn(person("After The Restore")).created);  // the Store writes to the new file
    CHECK_FALSE(store->fileProblem());
    for (const auto& e : fs::directory_iterator(tmp.data()))
        CHECK(e.path().filename().string().rfind(".attendance.db.", 0) != 0);
}

TEST_CASE("the print path's hook removes a printed pack and its partial temporaries from spool/", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const std::string job = "3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f";
    fs::create_directories(tmp.data() / "spool");
    writeBytes(tmp.data() / "spool" / (job + ".pdf"), "%PDF-1.4 a printed pack");
    writeBytes(tmp.data() / "spool" / ("." + job + ".pdf.Xy12Ab"), "%PDF-1.4 a partial pack");
    writeBytes(tmp.data() / "spool" / "aaaaaaaa-0000-4000-8000-000000000000.pdf", "%PDF-1.4 another job");
    CHECK(store->removeSpoolCopies(job) == 2);
    CHECK(store->removeSpoolCopies(job) == 0);
    CHECK(store->removeSpoolCopies("../attendance.db") == 0);  // never leaves the spool folder
    CHECK(fs::exists(tmp.data() / "attendance.db"));
    CHECK(fs::exists(tmp.data() / "spool" / "aaaaaaaa-0000-4000-8000-000000000000.pdf"));
}

TEST_CASE("a backups folder that cannot be listed makes erasure incomplete, never silently done (issue 14)",
          "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const auto id = store->checkIn(person("Hidden In Backups")).candidateId;
    store->backup();
    // As root nothing is unreadable, so the folder is made unlistable by putting a file in its place.
    fs::rename(tmp.data() / "backups", tmp.path() / "backups-away");
    writeBytes(tmp.data() / "backups", "not a folder");
    try {
        store->eraseCandidate(id, "PC Jones", 90);
        FAIL("an erasure that cannot see the backups must not report success");
    } catch (const ErasureIncompleteError& e) {
        REQUIRE(e.remaining().size() == 1);
        CHECK(e.remaining()[0].find((tmp.data() / "backups").string()) != std::string::npos);
    }
    CHECK(store->pendingScrubs() > 0);
    fs::remove(tmp.data() / "backups");
    fs::rename(tmp.path() / "backups-away", tmp.data() / "backups");
    const auto retry = store->eraseCandidate(id, "PC Jones", 90);
    CHECK(retry.alreadyErased);
    CHECK(store->pendingScrubs() == 0);
    for (const auto& e : fs::directory_iterator(tmp.data() / "backups"))
        CHECK(readBytes(e.path()).find("Hidden In Backups") == std::string::npos);
}
