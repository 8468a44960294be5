// Fail-closed PIN checks (issue 15, item 1): an attempt is counted before its PIN is checked, and when the
// store cannot be written (another writer holds the lock, the disk is full, the second commit fails) every
// PIN, right or wrong, gets the same answer and none is accepted. Peppered hashes: a copied store without
// the key verifies nothing; old unpeppered hashes must be set again. Layer: tests/officer.
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/officer/pin.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <set>

using namespace kiosk::officer;
using namespace std::chrono_literals;
using kiosk::records::Store;
using officer_test::pepper;
using officer_test::t0;
using officer_test::TempDir;

namespace {

const std::string kPin = "735190";
const std::vector<std::string> kWrongPins = {"111111", "000000", "123456", "482913",
                                             "999999", "204861", "7351900", "735191"};

// Opened with a short busy timeout so a held lock fails fast; `clock` lets a test act between commits.
std::unique_ptr<Store> openStore(const std::filesystem::path& dir,
                                 std::function<kiosk::records::TimePoint()> clock = {}) {
    kiosk::records::OpenOptions o;
    o.kioskId = "test";
    o.busyTimeoutMs = 20;
    o.clock = std::move(clock);
    return std::move(Store::open(dir, o).store);
}

// A second connection to the store, as another program would hold it.
class OtherWriter {
public:
    explicit OtherWriter(const std::filesystem::path& dataDir) {
        REQUIRE(sqlite3_open((dataDir / kiosk::records::kStoreFileName).c_str(), &m_db) == SQLITE_OK);
    }
    ~OtherWriter() {
        release();
        sqlite3_close(m_db);
    }
    void lock() {
        REQUIRE(sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
        m_locked = true;
    }
    void release() {
        if (m_locked) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_locked = false;
    }

private:
    sqlite3* m_db = nullptr;
    bool m_locked = false;
};

int count(Store& store, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.nativeHandle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int auditCount(Store& store, const std::string& action) {
    return count(store, "SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
}

// Every verdict must be Unavailable with one and the same message; returns it.
std::string sameUnavailable(const std::vector<Verdict>& verdicts) {
    std::set<std::string> messages;
    for (const auto& v : verdicts) {
        REQUIRE(std::holds_alternative<Unavailable>(v));
        messages.insert(std::get<Unavailable>(v).message);
    }
    REQUIRE(messages.size() == 1);
    return *messages.begin();
}

// 8 wrong PINs and then the right one.
std::vector<Verdict> guessAll(Authenticator& auth, kiosk::records::TimePoint now) {
    std::vector<Verdict> out;
    for (const auto& pin : kWrongPins) out.push_back(auth.verify("PC Jones", pin, now));
    out.push_back(auth.verify("PC Jones", kPin, now));
    return out;
}

}  // namespace

TEST_CASE("with the store locked by another writer every PIN is refused alike, none checked or accepted",
          "[officer]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    OtherWriter other(tmp.data());
    other.lock();
    const std::string message = sameUnavailable(guessAll(auth, t0()));
    CHECK_THAT(message, Catch::Contains("Officer mode is unavailable") && Catch::Contains("locked by another program"));
    other.release();
    // Nothing could be recorded, so nothing was checked: no guess happened.
    CHECK(store->officer("PC Jones")->failedAttempts == 0);
    CHECK(auditCount(*store, "pin-attempt") == 0);
    CHECK(auditCount(*store, "unlock") == 0);
    // Once the lock is gone the lockout counts as before, and the right PIN works.
    CHECK(std::holds_alternative<WrongPin>(auth.verify("PC Jones", "111111", t0() + 1s)));
    CHECK(store->officer("PC Jones")->failedAttempts == 1);
    CHECK(std::holds_alternative<Unlocked>(auth.verify("PC Jones", kPin, t0() + 2s)));
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("with the disk full (max_page_count) every PIN is refused alike, none checked or accepted", "[officer]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    const int pages = count(*store, "PRAGMA page_count");
    const std::string limit = "PRAGMA max_page_count = " + std::to_string(pages);
    REQUIRE(sqlite3_exec(store->nativeHandle(), limit.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    // Fill the last free space with audit rows, so no write of any size fits.
    int filled = 0;
    for (; filled < 100000; ++filled) {
        try {
            store->audit("filler", "test", std::string(200, 'f'));
        } catch (const kiosk::records::NotSavedError&) {
            break;
        }
    }
    REQUIRE(filled < 100000);
    const int before = auditCount(*store, "pin-attempt");
    const std::string message = sameUnavailable(guessAll(auth, t0()));
    CHECK_THAT(message, Catch::Contains("disk is full"));
    CHECK(store->officer("PC Jones")->failedAttempts == 0);
    CHECK(auditCount(*store, "pin-attempt") == before);
    REQUIRE(sqlite3_exec(store->nativeHandle(), "PRAGMA max_page_count = 1000000", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    CHECK(std::holds_alternative<Unlocked>(auth.verify("PC Jones", kPin, t0() + 1s)));
}

TEST_CASE("when the second commit fails the attempt stays counted and right and wrong PINs look the same",
          "[officer]") {
    TempDir tmp;
    std::unique_ptr<OtherWriter> other;
    int calls = 0;
    bool armed = false;
    // The store reads the clock once per commit, just before it begins: the second read of an armed
    // attempt is its second commit, and another writer takes the lock right then.
    auto store = openStore(tmp.data(), [&] {
        if (armed && ++calls == 2) other->lock();
        return std::chrono::system_clock::now();
    });
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    other = std::make_unique<OtherWriter>(tmp.data());
    Authenticator auth(*store, pepper());
    std::vector<Verdict> verdicts;
    for (const std::string& pin : {std::string("111111"), kPin, std::string("000000"), kPin}) {
        calls = 0;
        armed = true;
        verdicts.push_back(auth.verify("PC Jones", pin, t0()));
        armed = false;
        other->release();
    }
    CHECK_THAT(sameUnavailable(verdicts), Catch::Contains("locked by another program"));
    // Each attempt was counted before its PIN was looked at; none unlocked.
    CHECK(store->officer("PC Jones")->failedAttempts == 4);
    CHECK(auditCount(*store, "pin-attempt") == 4);
    CHECK(auditCount(*store, "unlock") == 0);
    // The fifth attempt, wrong, starts the lockout the four counted ones led to.
    CHECK(std::holds_alternative<LockedOut>(auth.verify("PC Jones", "222222", t0())));
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("every counted attempt is committed before its PIN is checked (seen from another connection)",
          "[officer]") {
    // The attempt row must be committed and durable when the PIN check starts: reopening the store from
    // another connection at that moment (the second commit's clock read) already sees the count.
    TempDir tmp;
    int calls = 0;
    bool armed = false;
    std::optional<int> seenDuringCheck;
    auto store = openStore(tmp.data(), [&] {
        if (armed && ++calls == 2) {
            sqlite3* db = nullptr;
            REQUIRE(sqlite3_open_v2((tmp.data() / kiosk::records::kStoreFileName).c_str(), &db, SQLITE_OPEN_READONLY,
                                    nullptr) == SQLITE_OK);
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, "SELECT failed_attempts FROM officers WHERE name = 'PC Jones'", -1, &st, nullptr);
            if (sqlite3_step(st) == SQLITE_ROW) seenDuringCheck = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
            sqlite3_close(db);
        }
        return std::chrono::system_clock::now();
    });
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    armed = true;
    CHECK(std::holds_alternative<Unlocked>(auth.verify("PC Jones", kPin, t0())));
    armed = false;
    CHECK(seenDuringCheck == 1);  // the right PIN too was counted first, then cleared
    CHECK(store->officer("PC Jones")->failedAttempts == 0);
}

TEST_CASE("without the installation key no PIN is checked, and a copied store cannot verify one", "[officer]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    const std::string hash = *store->officerPinHash("PC Jones");

    // The kiosk could not load its key: officer mode is unavailable, the same for every PIN.
    Authenticator noKey(*store);
    CHECK_THAT(sameUnavailable(guessAll(noKey, t0())), Catch::Contains("secret key could not be loaded"));
    CHECK(store->officer("PC Jones")->failedAttempts == 0);

    // Another installation's key (e.g. the store copied to another machine): nothing is checked.
    const auto otherPepper = kiosk::config::deriveKey(kiosk::config::SecretKey::generate(),
                                                      kiosk::config::KeyPurpose::PinPepper);
    Authenticator copied(*store, otherPepper);
    const Verdict v = copied.verify("PC Jones", kPin, t0());
    REQUIRE(std::holds_alternative<PinMustBeReset>(v));
    CHECK_THAT(std::get<PinMustBeReset>(v).message,
               Catch::Contains("another secret key") && Catch::Contains("briefing set-pin --officer \"PC Jones\""));

    // Offline, as a cracker would try: the Argon2id part does not verify the PIN itself, nor with a
    // guessed key; only the installation's pepper makes it verify.
    const std::string argon = hash.substr(0, hash.rfind("$pepper="));
    REQUIRE(sodium_init() >= 0);
    CHECK(crypto_pwhash_str_verify(argon.c_str(), kPin.data(), kPin.size()) != 0);
    CHECK_FALSE(verifyPin(argon + "$pepper=" + pepperId(otherPepper), kPin, otherPepper));
    CHECK(verifyPin(hash, kPin, pepper()));
    CHECK_FALSE(verifyPin(hash, "111111", pepper()));
}

TEST_CASE("a hash set before PINs were peppered is not verified: the officer is told to set it again",
          "[officer]") {
    TempDir tmp;
    auto store = openStore(tmp.data());
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    // What the previous version stored: crypto_pwhash_str of the PIN itself.
    REQUIRE(sodium_init() >= 0);
    char legacy[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(legacy, kPin.data(), kPin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store->nativeHandle(), "UPDATE officers SET pin_hash = ? WHERE name = 'PC Jones'", -1,
                               &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, legacy, -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);

    Authenticator auth(*store, pepper());
    for (const std::string& pin : {kPin, std::string("111111")}) {
        const Verdict v = auth.verify("PC Jones", pin, t0());
        REQUIRE(std::holds_alternative<PinMustBeReset>(v));
        CHECK_THAT(std::get<PinMustBeReset>(v).message,
                   Catch::Contains("set before PINs were keyed") && Catch::Contains("briefing set-pin"));
    }
    CHECK(auditCount(*store, "pin-attempt") == 2);  // recorded, though nothing was checked
    CHECK(auditCount(*store, "unlock") == 0);
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "cli:it");
    CHECK(std::holds_alternative<Unlocked>(auth.verify("PC Jones", kPin, t0())));
}
