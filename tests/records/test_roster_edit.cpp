// The officer roster edits: correcting a name, removing a duplicate (erased when nothing else refers to
// the person), presenter attendance, per-session progress and manual check-ins. Layer: tests/records.
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>

using namespace kiosk::records;
using records_test::TempDir;

namespace {

std::unique_ptr<Store> openStore(const TempDir& dir) { return std::move(Store::open(dir.data()).store); }

std::string checkIn(Store& store, const std::string& session, const std::string& name, const std::string& officer = "") {
    CheckInInput in;
    in.sessionId = session;
    in.name = name;
    in.constituency = "Ceredigion";
    in.officer = officer;
    return store.checkIn(in).candidateId;
}

int auditCount(const Store& store, const std::string& action) {
    const auto rows = store.auditRows();
    return static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](const AuditRow& r) { return r.action == action; }));
}

}  // namespace

TEST_CASE("correcting a name sanitises it, audits without either name, and rejects bad input", "[records][roster]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto session = store->openSession({"", "Town Hall", "PC Morgan"}, "PC Morgan");
    const auto id = checkIn(*store, session, "Jon  Smith");
    store->correctCandidateName(id, "  John\tSmith ", "PC Morgan");
    CHECK(store->roster(session).at(0).name == "John Smith");
    const auto rows = store->auditRows();
    CHECK(rows.back().action == "roster-correct");
    CHECK(rows.back().actor == "PC Morgan");
    CHECK(rows.back().detail.find("Smith") == std::string::npos);
    CHECK(store->verifyAudit().ok);
    CHECK_THROWS_AS(store->correctCandidateName(id, "   ", "PC Morgan"), InputError);
    CHECK_THROWS_AS(store->correctCandidateName(id, "\xff", "PC Morgan"), InputError);
    CHECK_THROWS_AS(store->correctCandidateName("no-such-id", "Ann", "PC Morgan"), NotFoundError);
    CHECK(store->roster(session).at(0).name == "John Smith");
    CHECK(auditCount(*store, "roster-correct") == 1);
}

TEST_CASE("removing a duplicate erases a person with no other check-in, keeps one who has", "[records][roster]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto s1 = store->openSession({"", "Morning", "PC Morgan"}, "PC Morgan");
    const auto twin = checkIn(*store, s1, "Ann Jones");
    checkIn(*store, s1, "Ann Jones");
    store->recordModuleCompleted(twin, "why", {{"q1", "1"}});
    store->enqueuePrint(twin, "spool");
    store->removeDuplicateCheckIn(twin, s1, "PC Morgan");
    CHECK(store->roster(s1).size() == 1);
    CHECK_THROWS_AS(store->subjectAccess(twin), NotFoundError);
    CHECK(auditCount(*store, "roster-remove") == 1);
    CHECK(store->verifyAudit().ok);

    // Someone who also checked in to another session (e.g. a second briefing) keeps their record.
    const auto bob = checkIn(*store, s1, "Bob Evans");
    store->closeSession(s1, "PC Morgan");
    const auto s2 = store->openSession({"", "Afternoon", "PC Morgan"}, "PC Morgan");
    const std::string sql = "INSERT INTO checkins (id, session_id, candidate_id, kiosk_id, checked_in_at, token) VALUES "
                            "('k2', '" + s2 + "', '" + bob + "', 'kiosk', '2026-11-27T14:00:00.000Z', 'token-2')";
    REQUIRE(sqlite3_exec(store->nativeHandle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    store->removeDuplicateCheckIn(bob, s2, "PC Morgan");
    CHECK(store->roster(s2).empty());
    CHECK(store->subjectAccess(bob).visits.size() == 1);
    CHECK_THROWS_AS(store->removeDuplicateCheckIn(bob, s2, "PC Morgan"), NotFoundError);
    CHECK_THROWS_AS(store->removeDuplicateCheckIn(bob, "no-such-session", "PC Morgan"), NotFoundError);
    CHECK(store->subjectAccess(bob).name == "Bob Evans");
}

TEST_CASE("a removed duplicate does not come back with a restore", "[records][roster]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto s = store->openSession({"", "Town Hall", "PC Morgan"}, "PC Morgan");
    const auto dup = checkIn(*store, s, "Ann Jones");
    checkIn(*store, s, "Ann Jones");
    const auto backup = store->backup();
    store->removeDuplicateCheckIn(dup, s, "PC Morgan");
    store->restore(backup, "PC Morgan");
    CHECK(store->roster(s).size() == 1);
    CHECK_THROWS_AS(store->subjectAccess(dup), NotFoundError);
}

TEST_CASE("attendance credits the modules shown to the people present, once", "[records][roster]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto s = store->openSession({"", "Town Hall", "PC Morgan"}, "PC Morgan");
    const auto ann = checkIn(*store, s, "Ann Jones");
    const auto bob = checkIn(*store, s, "Bob Evans");
    store->recordModuleCompleted(ann, "why", {{"q1", "1"}});
    CHECK(store->recordAttendance(s, {ann, bob, ann}, {"why", "online"}, "PC Morgan") == 3);
    const auto roster = store->roster(s);
    for (const auto& r : roster) CHECK(r.modulesCompleted.size() == 2);
    // Ann's own answers to "why" are kept (DO NOTHING on a module already done).
    const auto progress = store->sessionProgress(s);
    const auto& annMods = progress.at(ann);
    const auto why = std::find_if(annMods.begin(), annMods.end(), [](const ModuleProgress& m) { return m.moduleId == "why"; });
    REQUIRE(why != annMods.end());
    REQUIRE(why->answers.size() == 1);
    CHECK(why->answers[0].answer == "1");
    CHECK(store->recordAttendance(s, {ann}, {"why", "online"}, "PC Morgan") == 0);
    CHECK(auditCount(*store, "attendance") == 2);
    // Someone not in the session: nothing saved at all.
    const auto other = store->openSession({"", "Elsewhere", "PC Morgan"}, "PC Morgan");
    const auto cai = checkIn(*store, other, "Cai Hughes");
    CHECK_THROWS_AS(store->recordAttendance(s, {bob, cai}, {"reporting"}, "PC Morgan"), NotFoundError);
    CHECK(store->roster(s).at(1).modulesCompleted.size() == 2);
    CHECK(auditCount(*store, "attendance") == 2);
}

TEST_CASE("manual check-ins are listed per session from the audit log", "[records][roster]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto s = store->openSession({"", "Town Hall", "PC Morgan"}, "PC Morgan");
    checkIn(*store, s, "Ann Jones");
    const auto paper = checkIn(*store, s, "Gwen Pritchard", "PC Morgan");
    CHECK(store->manualCheckIns(s) == std::vector<std::string>{paper});
    const auto other = store->openSession({"", "Elsewhere", "PC Morgan"}, "PC Morgan");
    CHECK(store->manualCheckIns(other).empty());
    CHECK(store->sessionProgress(s).empty());
    CHECK_THROWS_AS(store->sessionProgress("no-such-session"), NotFoundError);
}
