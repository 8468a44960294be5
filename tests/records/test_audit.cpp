// The audit chain: every officer action one row, keyed (HMAC) and anchored by a head kept outside the
// store and in each backup. Every tampering found by the fault testing of issue 15 (and those caught
// before) is tried here as an attacker with write access to the data folder, but not the key, would.
// Layer: tests/records.
#include "kiosk/records/migrations.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <array>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;

namespace {

AuditKey testKey(unsigned char fill) {
    AuditKey k{};
    k.fill(fill);
    k[0] = 0x42;
    return k;
}

OpenOptions keyed(unsigned char fill = 7) {
    OpenOptions o;
    o.auditKey = testKey(fill);
    return o;
}

std::unique_ptr<Store> open(const TempDir& tmp, OpenOptions o = keyed()) {
    return std::move(Store::open(tmp.data(), o).store);
}

std::unique_ptr<Store> storeWithAudit(const TempDir& tmp) {
    auto store = open(tmp);
    for (const char* action : {"unlock", "view-roster", "export", "print", "failed-pin", "settings-change"}) {
        store->audit(action, "PC Jones", std::string("detail of ") + action);
    }
    return store;
}

void exec(Store& store, const std::string& sql) {
    REQUIRE(sqlite3_exec(store.nativeHandle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
}

// What an attacker without the key can compute: the old, unkeyed SHA-256 row hash.
std::string shaRow(const std::string& prev, long long seq, const std::string& at, const std::string& actor,
                   const std::string& action, const std::string& detail) {
    std::string buf;
    for (const std::string* f : {&prev, &at, &actor, &action, &detail}) buf += std::to_string(f->size()) + ":" + *f;
    const std::string s = std::to_string(seq);
    buf += std::to_string(s.size()) + ":" + s;
    std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
    crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), d.data(), d.size());
    return hex.data();
}

// Recomputes prev_hash and hash of every row from `fromSeq` on with SHA-256, as the old scheme allowed.
void recomputeFrom(Store& store, long long fromSeq) {
    const auto rows = store.auditRows();
    std::string prev(64, '0');
    for (const auto& r : rows) {
        if (r.seq < fromSeq) {
            prev = r.hash;
            continue;
        }
        const std::string h = shaRow(prev, r.seq, r.at, r.actor, r.action, r.detail);
        exec(store, "UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + h + "' WHERE seq = " +
                        std::to_string(r.seq));
        prev = h;
    }
}

AuditVerdict verifyFresh(const TempDir& tmp, OpenOptions o = keyed()) {
    o.access = Access::ReadOnly;
    o.createIfMissing = false;
    return Store::open(tmp.data(), o).store->verifyAudit();
}

}  // namespace

TEST_CASE("an untouched audit chain verifies, keyed from its first row", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const auto v = store->verifyAudit();
    CHECK(v.ok);
    CHECK(v.rows == 7);  // the seal row, then the six actions
    CHECK(v.unkeyedRows == 0);
    CHECK_FALSE(v.developmentKey);
    CHECK(v.keyId.size() == 16);
    const auto rows = store->auditRows();
    CHECK(rows.at(0).action == "audit-keyed");
    CHECK(rows.at(1).prevHash == rows.at(0).hash);
    CHECK(rows.at(0).hash.size() == 64);
    CHECK(fs::exists(tmp.data() / "attendance.db-head"));
    CHECK(verifyFresh(tmp).ok);
}

TEST_CASE("a store opened without a key says its chain is sealed with the development key", "[records]") {
    TempDir tmp;
    auto store = open(tmp, OpenOptions{});
    store->audit("unlock", "PC Jones", "");
    CHECK(store->verifyAudit().ok);
    CHECK(store->verifyAudit().developmentKey);
    store.reset();
    const auto v = verifyFresh(tmp, keyed());
    CHECK_FALSE(v.ok);
    CHECK(v.problem.find("not this program's key") != std::string::npos);
}

TEST_CASE("tampering with the audit log is detected, each way tried", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const std::string session = store->openSession({}, "PC Jones");
    CheckInInput in;
    in.sessionId = session;
    in.name = "Erased Person";
    in.constituency = "Anywhere";
    const auto id = store->checkIn(in).candidateId;
    store->eraseCandidate(id, "PC Jones", 90);
    store->audit("unlock", "PC Jones", "after the erasure");
    REQUIRE(store->verifyAudit().ok);
    const long long rows = store->verifyAudit().rows;
    const long long eraseSeq = [&] {
        for (const auto& r : store->auditRows())
            if (r.action == "erase") return r.seq;
        return 0LL;
    }();
    REQUIRE(eraseSeq > 0);
    // The same store each time: a savepoint-free copy of the files, restored between tries.
    store.reset();
    const fs::path pristine = tmp.path() / "pristine";
    fs::copy(tmp.data(), pristine, fs::copy_options::recursive);
    const auto reset = [&] {
        fs::remove_all(tmp.data());
        fs::copy(pristine, tmp.data(), fs::copy_options::recursive);
        return open(tmp);
    };
    struct Case {
        const char* name;
        std::function<void(Store&)> tamper;
        long long firstBad;  // -1: any
    };
    const std::vector<Case> cases = {
        {"delete a middle row", [](Store& s) { exec(s, "DELETE FROM audit_log WHERE seq = 3"); }, 4},
        {"delete a row and renumber the rest",
         [](Store& s) { exec(s, "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2"); },
         2},
        {"edit a row", [](Store& s) { exec(s, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2"); }, 2},
        {"edit a row and recompute the chain (SHA-256)",
         [](Store& s) {
             exec(s, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3");
             recomputeFrom(s, 3);
         },
         3},
        {"delete the last row (the old in-store head updated too)",
         [rows](Store& s) { exec(s, "DELETE FROM audit_log WHERE seq = " + std::to_string(rows)); }, rows},
        {"truncate the tail", [](Store& s) { exec(s, "DELETE FROM audit_log WHERE seq >= 5"); }, 5},
        {"delete every row", [](Store& s) { exec(s, "DELETE FROM audit_log"); }, 1},
        {"delete the erase row, renumber and recompute",
         [eraseSeq](Store& s) {
             exec(s, "DELETE FROM audit_log WHERE seq = " + std::to_string(eraseSeq) +
                         "; UPDATE audit_log SET seq = seq - 1 WHERE seq > " + std::to_string(eraseSeq));
             recomputeFrom(s, eraseSeq);
         },
         -1},
        {"append a forged row (SHA-256 over the last MAC)",
         [rows](Store& s) {
             const auto last = s.auditRows().back();
             const std::string at = "2026-01-01T00:00:00.000Z";
             exec(s, "INSERT INTO audit_log VALUES (" + std::to_string(rows + 1) + ", '" + at +
                         "', 'PC Forger', 'unlock', 'forged', '" + last.hash + "', '" +
                         shaRow(last.hash, rows + 1, at, "PC Forger", "unlock", "forged") + "')");
         },
         rows + 1},
        {"remove the seal and recompute everything unkeyed",
         [](Store& s) {
             exec(s, "DELETE FROM audit_log WHERE seq = 1; UPDATE audit_log SET seq = seq - 1");
             recomputeFrom(s, 1);
         },
         -1},
        {"drop the audit_log table", [](Store& s) { exec(s, "DROP TABLE audit_log"); }, 0},
    };
    for (const auto& c : cases) {
        auto s = reset();
        c.tamper(*s);
        s.reset();
        const auto v = verifyFresh(tmp);
        INFO(c.name << ": " << v.problem);
        CHECK_FALSE(v.ok);
        if (c.firstBad >= 0) CHECK(v.firstBadSeq == c.firstBad);
        CHECK_FALSE(v.problem.empty());
    }
}

TEST_CASE("the chain head outside the store catches a deleted head, a forged head and an older store file",
          "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    store.reset();
    // An older store file with its own (older) head, kept by the attacker.
    const fs::path old = tmp.path() / "old";
    fs::create_directories(old);
    for (const char* f : {"attendance.db", "attendance.db-head"}) fs::copy_file(tmp.data() / f, old / f);
    store = open(tmp);
    store->audit("erase", "PC Jones", "an erasure the attacker wants undone");
    store.reset();

    SECTION("the head file deleted") {
        fs::remove(tmp.data() / "attendance.db-head");
        const auto v = verifyFresh(tmp);
        CHECK_FALSE(v.ok);
        CHECK(v.problem.find("missing") != std::string::npos);
    }
    SECTION("the head file edited") {
        auto text = records_test::readBytes(tmp.data() / "attendance.db-head");
        text.replace(text.find("rows 8"), 6, "rows 7");
        records_test::writeBytes(tmp.data() / "attendance.db-head", text);
        CHECK_FALSE(verifyFresh(tmp).ok);
    }
    SECTION("an older store file copied back") {
        fs::copy_file(old / "attendance.db", tmp.data() / "attendance.db", fs::copy_options::overwrite_existing);
        const auto v = verifyFresh(tmp);
        CHECK_FALSE(v.ok);
        CHECK(v.firstBadSeq == 8);
        CHECK(v.problem.find("older store file") != std::string::npos);
    }
    SECTION("an older store file copied back with its older head, while a newer backup exists") {
        store = open(tmp);
        store->backup();
        store.reset();
        for (const char* f : {"attendance.db", "attendance.db-head"})
            fs::copy_file(old / f, tmp.data() / f, fs::copy_options::overwrite_existing);
        const auto v = verifyFresh(tmp);
        CHECK_FALSE(v.ok);
        CHECK(v.problem.find("rolled back") != std::string::npos);
    }
    SECTION("another kiosk's key") {
        const auto v = verifyFresh(tmp, keyed(9));
        CHECK_FALSE(v.ok);
        CHECK(v.problem.find("key") != std::string::npos);
    }
}

TEST_CASE("a stop between a commit and the head update is not mistaken for tampering", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const auto head = records_test::readBytes(tmp.data() / "attendance.db-head");
    store->audit("unlock", "PC Jones", "one more");
    store.reset();
    records_test::writeBytes(tmp.data() / "attendance.db-head", head);  // as if killed before the head write
    const auto v = verifyFresh(tmp);
    CHECK(v.ok);
    CHECK(v.rowsAfterHead == 1);
}

TEST_CASE("an unkeyed chain from schema 4 is sealed on upgrade and stays anchored", "[records]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    const fs::path file = tmp.data() / "attendance.db";
    migrateFile(file, 4);
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        std::string prev(64, '0');
        for (int seq = 1; seq <= 3; ++seq) {
            const std::string at = "2026-0" + std::to_string(seq) + "-01T09:00:00.000Z";
            const std::string h = shaRow(prev, seq, at, "PC Old", "unlock", "before keys");
            const std::string sql = "INSERT INTO audit_log VALUES (" + std::to_string(seq) + ", '" + at +
                                    "', 'PC Old', 'unlock', 'before keys', '" + prev + "', '" + h + "')";
            REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
            prev = h;
        }
        sqlite3_close(db);
    }
    auto store = open(tmp);
    CHECK(store->schemaVersion() == kSchemaVersion);
    auto v = store->verifyAudit();
    CHECK(v.ok);
    CHECK(v.rows == 4);
    CHECK(v.unkeyedRows == 3);
    CHECK(store->auditRows().at(3).action == "audit-keyed");
    // Rewriting the old, unkeyed rows (recomputed with SHA-256) breaks the seal's link.
    exec(*store, "UPDATE audit_log SET actor = 'PC Nobody' WHERE seq = 2");
    recomputeFrom(*store, 2);
    store.reset();
    v = verifyFresh(tmp);
    CHECK_FALSE(v.ok);
}

TEST_CASE("audit_log is the only table whose name contains audit, and writes keep the chain", "[records]") {
    TempDir tmp;
    auto store = storeWithAudit(tmp);
    const std::string s = store->openSession({}, "PC Jones");
    store->closeSession(s, "PC Jones");
    store->setSetting("paper", "a4", "PC Jones");
    CHECK(store->verifyAudit().ok);
    CHECK(store->verifyAudit().rows == 10);
    store->backup();
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store->nativeHandle(),
                               "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' AND name LIKE "
                               "'%audit%'",
                               -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "audit_log");
    sqlite3_finalize(st);
    CHECK(store->verifyAudit().ok);  // the backup's recorded head agrees
}
