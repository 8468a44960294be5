// The audit chain: every officer action one row; deleted, edited and truncated rows are detected.
// Layer: tests/records.
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace kiosk::records;
using records_test::TempDir;

namespace {

std::unique_ptr<Store> storeWithAudit(const TempDir& tmp) {
    auto store = std::move(Store::open(tmp.data()).store);
    for (const char* action : {"unlock", "view-roster", "export", "print", "failed-pin", "settings-change"}) {
        store->audit(action, "PC Jones", std::string("detail of ") + action);
    }
    return store;
}

void exec(Store& store, const char* sql) {
    REQUIRE(sqlite3_exec(store.nativeHandle(), sql, nullptr, nullptr, nullptr) == SQLITE_OK);
}

}  // namespace

TEST_CASE("an untouched audit chain verifies", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const auto v = store->verifyAudit();
    CHECK(v.ok);
    CHECK(v.rows == 6);
    const auto rows = store->auditRows();
    CHECK(rows.at(1).prevHash == rows.at(0).hash);
    CHECK(rows.at(0).hash.size() == 64);
}

TEST_CASE("a deleted audit row is detected and named", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    exec(*store, "DELETE FROM audit_log WHERE seq = 3");
    const auto v = store->verifyAudit();
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadSeq == 4);
    CHECK(v.problem.find("row 3") != std::string::npos);
}

TEST_CASE("a deleted row whose successors were renumbered is still detected", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    exec(*store, "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
    const auto v = store->verifyAudit();
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadSeq == 2);
}

TEST_CASE("an edited audit row is detected and named", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    exec(*store, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2");
    const auto v = store->verifyAudit();
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadSeq == 2);
    CHECK(v.problem.find("audit row 2") != std::string::npos);
}

TEST_CASE("deleting the last audit rows is detected through the chain head", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    exec(*store, "DELETE FROM audit_log WHERE seq >= 5");
    const auto v = store->verifyAudit();
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadSeq == 5);
}

TEST_CASE("audit_log is the only table whose name contains audit, and writes keep the chain", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const std::string s = store->openSession({}, "PC Jones");
    store->closeSession(s, "PC Jones");
    store->setSetting("paper", "a4", "PC Jones");
    CHECK(store->verifyAudit().ok);
    CHECK(store->verifyAudit().rows == 9);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store->nativeHandle(),
                               "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' AND name LIKE "
                               "'%audit%'",
                               -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "audit_log");
    sqlite3_finalize(st);
}
