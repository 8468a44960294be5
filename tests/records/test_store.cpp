// Store basics: migrations, idempotent check-ins, sanitising, walk-in sessions, damaged and locked stores.
// Layer: tests/records.
#include "kiosk/records/clock.hpp"
#include "kiosk/records/migrations.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/stat.h>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Store> openStore(const fs::path& dir, OpenOptions options = {}) {
    return std::move(Store::open(dir, options).store);
}

CheckInInput person(const std::string& name, const std::string& session = "") {
    CheckInInput in;
    in.sessionId = session;
    in.name = name;
    in.constituency = "Demoshire North";
    return in;
}

int rawInt(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void rawExec(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("a fresh store is migrated to the current schema with private modes", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    CHECK(store->schemaVersion() == kSchemaVersion);
    struct stat st {};
    REQUIRE(::stat(tmp.data().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    REQUIRE(::stat((tmp.data() / "attendance.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(rawInt(tmp.data() / "attendance.db", "PRAGMA user_version") == kSchemaVersion);
}

TEST_CASE("a version 1 store is migrated forward keeping its data", "[records]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    const fs::path file = tmp.data() / "attendance.db";
    migrateFile(file, 1);
    REQUIRE(rawInt(file, "PRAGMA user_version") == 1);
    rawExec(file, "INSERT INTO sessions (id, date, status, created_at) VALUES "
                  "('11111111-1111-4111-8111-111111111111', '2026-05-01', 'open', '2026-05-01T09:00:00.000Z')");
    auto store = openStore(tmp.data());
    CHECK(store->schemaVersion() == kSchemaVersion);
    const auto sessions = store->listSessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].date == "2026-05-01");
    const auto c = store->checkIn(person("Ann Example", sessions[0].id));
    store->recordModuleCompleted(c.candidateId, "personal-safety", {{"q1", "b"}});
    CHECK(store->roster(sessions[0].id).at(0).modulesCompleted == std::vector<std::string>{"personal-safety"});
}

TEST_CASE("a store newer than the program is refused and left untouched", "[records]") {
    TempDir tmp;
    openStore(tmp.data()).reset();
    const fs::path file = tmp.data() / "attendance.db";
    rawExec(file, "PRAGMA user_version = 99");
    try {
        Store::open(tmp.data());
        FAIL("opening a newer store must throw");
    } catch (const StoreError& e) {
        CHECK(e.fault() == StoreFault::TooNew);
        CHECK(std::string(e.what()).find("newer") != std::string::npos);
    }
    CHECK(rawInt(file, "PRAGMA user_version") == 99);
    for (const auto& entry : fs::directory_iterator(tmp.data())) {
        CHECK(entry.path().filename().string().find("damaged") == std::string::npos);
    }
}

TEST_CASE("a repeated idempotency token returns the first check-in and creates nothing", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    const std::string session = store->openSession({"2026-05-01", "Town Hall", "PC Jones"}, "test");
    auto in = person("Bea Example", session);
    in.token = uuidV4();
    const auto first = store->checkIn(in);
    CHECK(first.created);
    in.name = "Someone Else";
    const auto again = store->checkIn(in);
    CHECK_FALSE(again.created);
    CHECK(again.candidateId == first.candidateId);
    CHECK(store->roster(session).size() == 1);
    CHECK(store->roster(session).at(0).name == "Bea Example");
    CHECK(store->auditRows().back().action == "session-open");  // a kiosk check-in is not an officer action
    in.token = uuidV4();
    in.officer = "PC Jones";
    store->checkIn(in);
    CHECK(store->auditRows().back().action == "checkin-manual");
    store->checkIn(in);  // the repeat creates nothing and audits nothing
    CHECK(store->auditRows().size() == 3);  // the seal row, session-open, checkin-manual
    in.token = "not-a-uuid";
    CHECK_THROWS_AS(store->checkIn(in), InputError);
}

TEST_CASE("check-in input is sanitised, validated and length-limited", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    const std::string session = store->openSession({}, "test");
    auto in = person("  Jane\u202E Doe\x07  ", session);
    in.constituency = "Caerdydd Cafe\xCC\x81";  // e + combining acute: NFC gives U+00E9
    in.email = "   ";
    const auto r = store->checkIn(in);
    const auto rows = store->roster(session);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].candidateId == r.candidateId);
    CHECK(rows[0].name == "Jane Doe");
    CHECK(rows[0].constituency == "Caerdydd Caf\xC3\xA9");
    CHECK_FALSE(rows[0].email.has_value());

    auto bad = person("Bad \xFF byte", session);
    CHECK_THROWS_WITH(store->checkIn(bad), Catch::Contains("name") && Catch::Contains("UTF-8"));
    CHECK_THROWS_WITH(store->checkIn(person(std::string(201, 'a'), session)), Catch::Contains("longer than 200"));
    CHECK_NOTHROW(store->checkIn(person(std::string(200, 'a'), session)));
    CHECK_THROWS_WITH(store->checkIn(person(" \u202A ", session)), Catch::Contains("must not be empty"));
    auto lang = person("Lang Test", session);
    lang.language = "fr";
    CHECK_THROWS_AS(store->checkIn(lang), InputError);
    CHECK_THROWS_AS(store->checkIn(person("Nobody", uuidV4())), NotFoundError);
    store->closeSession(session, "test");
    CHECK_THROWS_WITH(store->checkIn(person("Late", session)), Catch::Contains("closed"));
}

TEST_CASE("a check-in with no open session joins today's walk-in session, which can be merged", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    const auto a = store->checkIn(person("Walk In One"));
    const auto b = store->checkIn(person("Walk In Two"));
    CHECK(a.sessionId == b.sessionId);
    const Session walkIn = store->session(a.sessionId);
    CHECK(walkIn.walkIn);
    CHECK(walkIn.date == londonDate(std::chrono::system_clock::now()));
    const std::string real = store->openSession({}, "test");
    CHECK(store->checkIn(person("Booked")).sessionId == real);
    CHECK(store->mergeSession(walkIn.id, real, "test") == 2);
    CHECK(store->roster(real).size() == 3);
    CHECK_THROWS_AS(store->session(walkIn.id), NotFoundError);
}

TEST_CASE("the print queue hands each job out once, also across a reopen", "[records]") {
    TempDir tmp;
    std::string jobId;
    std::string candidate;
    {
        auto store = openStore(tmp.data());
        candidate = store->checkIn(person("Printer User")).candidateId;
        store->saveSafetyPlan(candidate, {{"route", "varies daily"}}, false);
        jobId = store->enqueuePrint(candidate, "spool");
        const auto claimed = store->claimNextPrint();
        REQUIRE(claimed);
        CHECK(claimed->id == jobId);
        CHECK(claimed->attempts == 1);
        CHECK_FALSE(store->claimNextPrint());
    }
    auto store = openStore(tmp.data());  // a "restart" between hand-over and completion
    CHECK_FALSE(store->claimNextPrint());
    CHECK(store->printJob(jobId).state == PrintState::Sent);
    store->markPrintFailed(jobId, "out of paper");
    CHECK(store->printJob(jobId).lastError == "out of paper");
    store->retryPrint(jobId);
    const auto again = store->claimNextPrint();
    REQUIRE(again);
    CHECK(again->attempts == 2);
    REQUIRE(store->safetyPlan(candidate));
    store->markPrintDone(jobId);
    CHECK_FALSE(store->safetyPlan(candidate));  // "print only, don't keep my plan"
    CHECK(store->roster(store->listSessions().at(0).id).at(0).packStatus == "done");
    CHECK_THROWS_AS(store->cancelPrint(jobId), InputError);
    CHECK_THROWS_AS(store->retryPrint(uuidV4()), NotFoundError);
}

TEST_CASE("a print job keeps the pack options it was queued with", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    const auto candidate = store->checkIn(person("Options User")).candidateId;
    const auto jobId = store->enqueuePrint(candidate, "spool", "lang=cy;large-print=1");
    const auto claimed = store->claimNextPrint();
    REQUIRE(claimed);
    CHECK(claimed->id == jobId);
    CHECK(claimed->options == "lang=cy;large-print=1");
    CHECK(store->printJob(store->enqueuePrint(candidate, "spool")).options.empty());
}

TEST_CASE("a kept safety plan survives printing", "[records]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    const auto c = store->checkIn(person("Keeps Plan")).candidateId;
    store->saveSafetyPlan(c, {{"route", "varies"}}, true);
    const auto job = store->enqueuePrint(c, "spool");
    REQUIRE(store->claimNextPrint());
    store->markPrintDone(job);
    REQUIRE(store->safetyPlan(c));
    CHECK(store->safetyPlan(c)->answers.at(0).answer == "varies");
}

TEST_CASE("a damaged store is moved aside, never overwritten, and a fresh one opened", "[records]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    const fs::path file = tmp.data() / "attendance.db";
    std::string junk;
    for (int i = 0; i < 200; ++i) junk += "this is not a database at all. ";
    records_test::writeBytes(file, junk);

    OpenOptions strict;
    strict.onDamage = DamagePolicy::Fail;
    try {
        Store::open(tmp.data(), strict);
        FAIL("a damaged store must be refused under DamagePolicy::Fail");
    } catch (const StoreError& e) {
        CHECK(e.fault() == StoreFault::Damaged);
    }
    CHECK(records_test::readBytes(file) == junk);

    auto result = Store::open(tmp.data());
    REQUIRE(result.movedAside);
    CHECK(result.movedAside->filename().string().rfind("attendance.db.damaged-", 0) == 0);
    CHECK(records_test::readBytes(*result.movedAside) == junk);
    CHECK_FALSE(result.problem.empty());
    REQUIRE(result.store);
    CHECK(result.store->checkIn(person("After Damage")).created);
}

TEST_CASE("a store with a corrupted page fails the start-up check and is moved aside", "[records]") {
    TempDir tmp;
    {
        auto store = openStore(tmp.data());
        const auto s = store->openSession({}, "test");
        for (int i = 0; i < 300; ++i) store->checkIn(person("Person " + std::to_string(i), s));
        sqlite3_exec(store->nativeHandle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
    const fs::path file = tmp.data() / "attendance.db";
    std::string bytes = records_test::readBytes(file);
    REQUIRE(bytes.size() > 4096 * 4);
    for (std::size_t i = 4096 * 2; i < 4096 * 4; ++i) bytes[i] = static_cast<char>(0xA5);
    records_test::writeBytes(file, bytes);
    auto result = Store::open(tmp.data());
    REQUIRE(result.movedAside);
    CHECK(records_test::readBytes(*result.movedAside) == bytes);
    CHECK(result.store->listSessions().empty());
}

TEST_CASE("a locked store reports Locked, not damage", "[records]") {
    TempDir tmp;
    OpenOptions quick;
    quick.busyTimeoutMs = 50;
    auto store = openStore(tmp.data(), quick);
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open((tmp.data() / "attendance.db").c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    try {
        store->checkIn(person("Blocked"));
        FAIL("a check-in into a locked store must throw");
    } catch (const StoreError& e) {
        CHECK(e.fault() == StoreFault::Locked);
    }
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK(store->checkIn(person("Unblocked")).created);
}

TEST_CASE("opening without create reports a missing store", "[records]") {
    TempDir tmp;
    OpenOptions options;
    options.createIfMissing = false;
    try {
        Store::open(tmp.data(), options);
        FAIL("must throw");
    } catch (const StoreError& e) {
        CHECK(e.fault() == StoreFault::Missing);
    }
}

TEST_CASE("times are stored in UTC and shown in Europe/London time", "[records]") {
    TimePoint t;
    REQUIRE(parseUtcIso("2026-07-01T12:00:00.000Z", t));
    CHECK(toUtcIso(t) == "2026-07-01T12:00:00.000Z");
    CHECK(toLondonDisplay(t) == "01/07/2026 13:00 BST");
    REQUIRE(parseUtcIso("2026-03-29T00:59:59.000Z", t));
    CHECK(toLondonDisplay(t) == "29/03/2026 00:59 GMT");
    REQUIRE(parseUtcIso("2026-03-29T01:00:00.000Z", t));
    CHECK(toLondonDisplay(t) == "29/03/2026 02:00 BST");
    REQUIRE(parseUtcIso("2026-10-25T00:59:00.000Z", t));
    CHECK(toLondonDisplay(t) == "25/10/2026 01:59 BST");
    REQUIRE(parseUtcIso("2026-10-25T01:00:00.000Z", t));
    CHECK(toLondonDisplay(t) == "25/10/2026 01:00 GMT");
    REQUIRE(parseUtcIso("2026-06-30T23:30:00.000Z", t));
    CHECK(londonDate(t) == "2026-07-01");
    CHECK_FALSE(parseUtcIso("2026-02-30T00:00:00.000Z", t));
    CHECK(isDate("2024-02-29"));
    CHECK_FALSE(isDate("2026-02-29"));
    const std::string id = uuidV4();
    CHECK(isUuid(id));
    CHECK(id[14] == '4');
    CHECK(id != uuidV4());
}
