// PIN unlock against a real store: Argon2id hashes only, right/wrong PIN, lockouts with growing delays
// that survive a restart, unlocking by another officer, set-pin resetting, no officers configured.
// Layer: tests/officer. Each Argon2id operation costs ~0.1 s: the cases keep their count small.
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/officer/pin.hpp"
#include "kiosk/records/export.hpp"
#include "kiosk/records/migrations.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace kiosk::officer;
using namespace std::chrono_literals;
using kiosk::records::Store;
using officer_test::pepper;
using officer_test::t0;
using officer_test::TempDir;

namespace {

const std::string kPin = "735190";
const std::string kOtherPin = "204861";

int auditCount(const Store& store, const std::string& action) {
    const auto rows = store.auditRows();
    return static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](const auto& r) { return r.action == action; }));
}

// By value: the verdict is usually a temporary.
template <class T>
T as(const Verdict& v) {
    REQUIRE(std::holds_alternative<T>(v));
    return std::get<T>(v);
}

}  // namespace

TEST_CASE("a PIN is stored only as a peppered Argon2id hash with at least the interactive limits", "[officer]") {
    TempDir tmp;
    {
        auto store = officer_test::openStore(tmp.data());
        CHECK(setPin(*store, "Sgt Evans", std::nullopt, kPin, pepper(), "test") == Role::Officer);
        const auto hash = store->officerPinHash("Sgt Evans");
        REQUIRE(hash);
        CHECK(hash->rfind("$argon2id$", 0) == 0);
        CHECK(hash->find("m=65536") != std::string::npos);  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
        CHECK(hash->find("t=2") != std::string::npos);      // crypto_pwhash_OPSLIMIT_INTERACTIVE
        CHECK(hash->find(kPin) == std::string::npos);
        CHECK(hash->find("$pepper=" + pepperId(pepper())) != std::string::npos);
        CHECK(pinHashProblem(*hash, pepper()).empty());
        for (const auto& row : store->auditRows()) {
            CHECK(row.detail.find("$argon2id$") == std::string::npos);
            CHECK(row.detail.find(kPin) == std::string::npos);
        }
        CHECK(auditCount(*store, "set-pin") == 1);
        CHECK(store->verifyAudit().ok);
    }
    // Neither the store, its WAL nor anything else in the data folder holds the PIN's digits.
    CHECK(officer_test::filesContaining(tmp.data(), kPin) == 0);
    CHECK(officer_test::filesContaining(tmp.data(), "$argon2id$") >= 1);
}

TEST_CASE("the PIN rule: 6 or more digits, nothing else, and the store refuses anything but a hash", "[officer]") {
    CHECK(pinProblem(kPin).empty());
    CHECK(pinProblem("4829137").empty());
    CHECK(pinProblem("12345") == "the PIN must be at least 6 digits");
    CHECK(pinProblem("12a456") == "the PIN must be digits only (0-9)");
    CHECK(pinProblem("123 456") == "the PIN must be digits only (0-9)");
    CHECK_FALSE(pinProblem("").empty());
    CHECK_FALSE(pinProblem(std::string(65, '1')).empty());
    CHECK_THROWS_AS(hashPin("12345", pepper()), PinError);
    CHECK_FALSE(verifyPin("not-a-hash", kPin, pepper()));

    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    CHECK_THROWS_AS(store->setOfficerPin("A", Role::Officer, "123456", "test"), kiosk::records::InputError);
    CHECK_THROWS_AS(store->setOfficerPin("A", Role::Officer, "$2b$10$abcdefghijklmnopqrstuv", "test"),
                    kiosk::records::InputError);
    CHECK_THROWS_AS(store->setOfficerPin("", Role::Officer, "$argon2id$v=19$x$pepper=00", "test"),
                    kiosk::records::InputError);
    // An unpeppered Argon2id hash is refused at the store's edge too.
    CHECK_THROWS_AS(store->setOfficerPin("A", Role::Officer, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", "test"),
                    kiosk::records::InputError);
    CHECK(store->listOfficers().empty());
}

TEST_CASE("weak PINs are refused with a clear reason: repeats, runs, short patterns, a deny-list", "[officer]") {
    const auto weak = [](const char* pin) {
        const std::string problem = pinProblem(pin);
        INFO(pin << ": " << problem);
        CHECK(problem.rfind("the PIN is too easy to guess: ", 0) == 0);
        CHECK(problem.find(pin) == std::string::npos);  // never echoed
        return problem;
    };
    for (const char* pin : {"000000", "111111", "999999", "0000000000", "7777777"})
        CHECK_THAT(weak(pin), Catch::Contains("repeats one digit"));
    for (const char* pin : {"123456", "234567", "012345", "987654", "654321", "890123", "1234567890", "3210987"})
        CHECK_THAT(weak(pin), Catch::Contains("run in sequence"));
    for (const char* pin : {"121212", "123123", "101010", "696969", "12341234", "1212121"})
        CHECK_THAT(weak(pin), Catch::Contains("short pattern"));
    for (const char* pin : {"112233", "123321", "147258", "159753", "789456", "102030"})
        CHECK_THAT(weak(pin), Catch::Contains("common PIN or keypad pattern"));
    for (const char* pin : {"735190", "204861", "482913", "246810", "1123581321", "920417"}) {
        INFO(pin);
        CHECK(pinProblem(pin).empty());
    }
    // hashPin, and so setPin and `briefing set-pin`, apply the rule.
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    CHECK_THROWS_WITH(setPin(*store, "A", std::nullopt, "000000", pepper(), "test"),
                      Catch::Contains("too easy to guess"));
    CHECK_THROWS_AS(setPin(*store, "A", std::nullopt, "123456", pepper(), "test"), PinError);
    CHECK(store->listOfficers().empty());
}

TEST_CASE("the right PIN unlocks with the officer's role, a wrong one counts down", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    setPin(*store, "Desk", Role::PrintOperator, kPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    CHECK(as<WrongPin>(auth.verify("Desk", "111111", t0())).attemptsLeft == 4);
    CHECK(as<WrongPin>(auth.verify("Desk", "12", t0() + 1s)).attemptsLeft == 3);  // malformed counts too
    CHECK(store->officer("Desk")->failedAttempts == 2);
    const auto ok = as<Unlocked>(auth.verify("Desk", kPin, t0() + 2s));
    CHECK(ok.name == "Desk");
    CHECK(ok.role == Role::PrintOperator);
    CHECK(store->officer("Desk")->failedAttempts == 0);  // a success clears the count
    CHECK(auditCount(*store, "failed-pin") == 2);
    CHECK(auditCount(*store, "unlock") == 1);
    CHECK(store->auditRows().back().actor == "Desk");
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("five wrong PINs lock the account, with growing delays, and the PIN is not checked meanwhile",
          "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    auto now = t0();
    for (int i = 0; i < 4; ++i) CHECK(std::holds_alternative<WrongPin>(auth.verify("PC Jones", "999999", now)));
    CHECK(as<LockedOut>(auth.verify("PC Jones", "999999", now)).until == now + 30s);
    CHECK(auditCount(*store, "lockout") == 1);
    // Even the right PIN is refused during the lockout, and that attempt is audited too.
    CHECK(as<LockedOut>(auth.verify("PC Jones", kPin, now + 29s)).until == now + 30s);
    CHECK(auth.lockedUntil("PC Jones", now + 29s) == now + 30s);
    CHECK_FALSE(auth.lockedUntil("PC Jones", now + 30s));
    // Each further wrong PIN after a lockout ends earns a longer one: 60 s, then 2 min.
    now += 31s;
    CHECK(as<LockedOut>(auth.verify("PC Jones", "999999", now)).until == now + 60s);
    now += 61s;
    CHECK(as<LockedOut>(auth.verify("PC Jones", "999999", now)).until == now + 120s);
    CHECK(store->officer("PC Jones")->failedAttempts == 7);
    CHECK(auditCount(*store, "lockout") == 3);
    CHECK(auditCount(*store, "failed-pin") == 8);  // 7 wrong PINs + 1 refused during the lockout
    now += 121s;
    CHECK(std::holds_alternative<Unlocked>(auth.verify("PC Jones", kPin, now)));
    CHECK(store->officer("PC Jones")->failedAttempts == 0);
    CHECK(store->officer("PC Jones")->lockedUntil.empty());
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("the lockout and the failure counter survive reopening the store", "[officer]") {
    TempDir tmp;
    const auto now = t0();
    {
        auto store = officer_test::openStore(tmp.data());
        setPin(*store, "PC Jones", std::nullopt, kPin, pepper(), "test");
        Authenticator auth(*store, pepper());
        for (int i = 0; i < 5; ++i) auth.verify("PC Jones", "000000", now);
    }
    auto store = officer_test::openStore(tmp.data());
    Authenticator auth(*store, pepper());
    CHECK(store->officer("PC Jones")->failedAttempts == 5);
    CHECK(as<LockedOut>(auth.verify("PC Jones", kPin, now + 10s)).until == now + 30s);
    // The next wrong PIN after the lockout continues from the persisted count: the second delay.
    CHECK(as<LockedOut>(auth.verify("PC Jones", "000000", now + 40s)).until == now + 40s + 60s);
}

TEST_CASE("another officer lifts a lockout, a print operator or the officer themself cannot", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    setPin(*store, "A", Role::Officer, kPin, pepper(), "test");
    setPin(*store, "B", Role::Officer, kOtherPin, pepper(), "test");
    Authenticator auth(*store, pepper());
    // A policy of 1 attempt keeps the number of hashes small; the rule is the same.
    Authenticator strict(*store, pepper(), PinPolicy{1, {std::chrono::seconds{3600}}});
    CHECK(std::holds_alternative<LockedOut>(strict.verify("A", "000000", t0())));
    const Unlocked b = as<Unlocked>(auth.verify("B", kOtherPin, t0() + 1s));
    CHECK_THROWS_AS(auth.unlockOther(Unlocked{"A", Role::Officer}, "A"), PermissionError);
    CHECK_THROWS_AS(auth.unlockOther(Unlocked{"Desk", Role::PrintOperator}, "A"), PermissionError);
    CHECK_THROWS_AS(auth.unlockOther(b, "Nobody"), kiosk::records::NotFoundError);
    auth.unlockOther(b, "A");
    CHECK_FALSE(auth.lockedUntil("A", t0() + 2s));
    CHECK(store->auditRows().back().action == "officer-unlock");
    CHECK(store->auditRows().back().actor == "B");
    CHECK(std::holds_alternative<Unlocked>(auth.verify("A", kPin, t0() + 3s)));
}

TEST_CASE("setting the PIN again clears the failure counter and the lockout", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    setPin(*store, "A", Role::PrintOperator, kPin, pepper(), "test");
    Authenticator strict(*store, pepper(), PinPolicy{1, {std::chrono::seconds{3600}}});
    CHECK(std::holds_alternative<LockedOut>(strict.verify("A", "000000", t0())));
    CHECK(store->officer("A")->failedAttempts == 1);
    CHECK(setPin(*store, "A", std::nullopt, kOtherPin, pepper(), "cli:it") == Role::PrintOperator);  // role kept
    CHECK(store->officer("A")->failedAttempts == 0);
    CHECK_FALSE(strict.lockedUntil("A", t0()));
    CHECK(std::holds_alternative<WrongPin>(Authenticator(*store, pepper()).verify("A", kPin, t0())));  // old PIN gone
    CHECK(std::holds_alternative<Unlocked>(strict.verify("A", kOtherPin, t0())));
}

TEST_CASE("with no officer account the PIN pad says so, and an unknown name is refused", "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    Authenticator auth(*store, pepper());
    CHECK_FALSE(auth.configured());
    CHECK(std::holds_alternative<NoOfficersConfigured>(auth.verify("officer", "123456", t0())));
    CHECK(auditCount(*store, "failed-pin") == 1);
    setPin(*store, "officer", std::nullopt, kPin, pepper(), "test");
    CHECK(auth.configured());
    CHECK(std::holds_alternative<NoSuchOfficer>(auth.verify("someone", kPin, t0())));
    CHECK(auditCount(*store, "failed-pin") == 2);
    CHECK(store->auditRows().back().detail.find(kPin) == std::string::npos);
    REQUIRE(auth.officers().size() == 1);
    CHECK(auth.officers()[0].name == "officer");
}

TEST_CASE("candidate erasure and subject access leave officer accounts alone, a restore keeps today's PINs",
          "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    setPin(*store, "A", Role::Officer, kPin, pepper(), "test");
    kiosk::records::CheckInInput in;
    in.name = "Candidate One";
    in.constituency = "Vale";
    const auto id = store->checkIn(in).candidateId;
    const std::string subject = kiosk::records::subjectJson(store->subjectAccess(id));
    CHECK(subject.find("argon2id") == std::string::npos);
    CHECK(subject.find("Candidate One") != std::string::npos);
    const auto backup = store->backup();
    const auto oldHash = *store->officerPinHash("A");
    setPin(*store, "A", Role::Officer, kOtherPin, pepper(), "test");
    const auto newHash = *store->officerPinHash("A");
    REQUIRE(newHash != oldHash);
    store->eraseCandidate(id, "test", 90);
    CHECK(store->officerPinHash("A") == newHash);
    store->restore(backup, "test");
    // The backup held the old PIN; restoring it must not bring that PIN back.
    CHECK(store->officerPinHash("A") == newHash);
    CHECK(store->listOfficers().size() == 1);
    CHECK(store->verifyAudit().ok);
}

TEST_CASE("a store at schema 3 gains the officers table when opened", "[officer]") {
    TempDir tmp;
    std::filesystem::create_directories(tmp.data());
    kiosk::records::migrateFile(tmp.data() / kiosk::records::kStoreFileName, 3);
    auto store = officer_test::openStore(tmp.data());
    CHECK(store->schemaVersion() == kiosk::records::kSchemaVersion);
    CHECK(store->listOfficers().empty());
}
