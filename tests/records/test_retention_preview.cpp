// The retention preview agrees with what purge then deletes; the newest backup's time; the integrity check.
// Layer: tests/records.
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::records;
using records_test::TempDir;

namespace {

struct ClockedStore {
    explicit ClockedStore(const std::filesystem::path& dir) {
        parseUtcIso("2026-01-01T09:00:00.000Z", now);
        OpenOptions o;
        o.clock = [this] { return now; };
        store = std::move(Store::open(dir, o).store);
    }
    TimePoint now;
    std::unique_ptr<Store> store;
};

std::string checkIn(Store& store, const std::string& session, const std::string& name) {
    CheckInInput in;
    in.sessionId = session;
    in.name = name;
    in.constituency = "Vale";
    return store.checkIn(in).candidateId;
}

}  // namespace

TEST_CASE("the retention preview lists who a purge deletes now and when the rest fall due", "[records]") {
    TempDir tmp;
    ClockedStore s(tmp.data());
    auto& store = *s.store;
    const std::string jan = store.openSession({"2026-01-01", "Hall", "Sgt A"}, "Sgt A");
    const std::string early = checkIn(store, jan, "Early Bird");
    s.now += std::chrono::hours(24 * 10);
    const std::string feb = store.openSession({"2026-01-11", "Hall", "Sgt A"}, "Sgt A");
    const std::string later = checkIn(store, feb, "Later Person");
    s.now += std::chrono::hours(24 * 85);  // 95 days after the first check-in, 85 after the second

    const auto p = store.retentionPreview(90);
    CHECK(p.retentionDays == 90);
    REQUIRE(p.dueNow.size() == 1);
    CHECK(p.dueNow[0].candidateId == early);
    CHECK(p.dueNow[0].name == "Early Bird");
    CHECK(p.dueNow[0].dueAt == "2026-04-01T09:00:00.000Z");
    REQUIRE(p.upcoming.size() == 1);
    CHECK(p.upcoming[0].candidateId == later);
    CHECK(p.upcoming[0].lastSeenAt == "2026-01-11T09:00:00.000Z");
    CHECK(p.upcoming[0].dueAt == "2026-04-11T09:00:00.000Z");
    CHECK(p.emptySessionsDueNow == 1);  // January's session empties and is older than the cutoff
    // The preview deleted nothing.
    CHECK(store.roster(jan).size() == 1);

    const auto report = store.purge(90, "Sgt A");
    CHECK(report.candidates == static_cast<int>(p.dueNow.size()));
    CHECK(report.sessions == p.emptySessionsDueNow);
    CHECK(report.cutoff == p.cutoff);
    const auto after = store.retentionPreview(90);
    CHECK(after.dueNow.empty());
    CHECK(after.upcoming.size() == 1);
    CHECK_THROWS_AS(store.retentionPreview(-1), InputError);
}

TEST_CASE("the newest backup's time is read from its name, none before the first", "[records]") {
    TempDir tmp;
    ClockedStore s(tmp.data());
    CHECK_FALSE(s.store->latestBackupAt().has_value());
    s.store->backup();
    s.now += std::chrono::hours(2);
    s.store->backup();
    const auto at = s.store->latestBackupAt();
    REQUIRE(at.has_value());
    CHECK(*at == "2026-01-01T11:00:00.000Z");
}

TEST_CASE("the integrity check on demand says ok for a healthy store", "[records]") {
    TempDir tmp;
    ClockedStore s(tmp.data());
    CHECK(s.store->integrityCheck() == "ok");
}
