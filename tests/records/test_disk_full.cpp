// Disk full: SQLITE_FULL (max_page_count, a small tmpfs) is reported as NotSavedError, the store stays
// consistent and accepts writes again once space returns, without reopening. Layer: tests/records.
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/mount.h>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;

namespace {

int scalar(Store& store, const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.nativeHandle(), sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

std::string integrity(Store& store) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.nativeHandle(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

CheckInInput bulky(int i) {
    CheckInInput in;
    in.name = "Candidate " + std::to_string(i) + " " + std::string(150, 'x');
    in.constituency = "Constituency " + std::string(150, 'y');
    return in;
}

// Checks in until the store reports "not saved"; returns how many succeeded.
int fillUntilNotSaved(Store& store, int limit) {
    for (int i = 0; i < limit; ++i) {
        try {
            store.checkIn(bulky(i));
        } catch (const NotSavedError& e) {
            CHECK(std::string(e.what()).find("not saved") != std::string::npos);
            return i;
        }
    }
    FAIL("the store never reported a full disk");
    return limit;
}

}  // namespace

TEST_CASE("a full database (max_page_count) is NotSaved, consistent, and recovers without reopening", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const int pages = scalar(*store, "PRAGMA page_count");
    const std::string limit = "PRAGMA max_page_count = " + std::to_string(pages + 8);
    REQUIRE(sqlite3_exec(store->nativeHandle(), limit.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    const int saved = fillUntilNotSaved(*store, 10000);
    CHECK(saved > 0);
    CHECK(scalar(*store, "SELECT count(*) FROM checkins") == saved);
    CHECK(scalar(*store, "SELECT count(*) FROM candidates") == saved);
    CHECK(integrity(*store) == "ok");
    REQUIRE(sqlite3_exec(store->nativeHandle(), "PRAGMA max_page_count = 1000000", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    CHECK(store->checkIn(bulky(-1)).created);
    CHECK(scalar(*store, "SELECT count(*) FROM checkins") == saved + 1);
}

TEST_CASE("a full file system (small tmpfs) is NotSaved and recovers once space returns", "[records]") {
    TempDir tmp;
    const fs::path mnt = tmp.path() / "small";
    fs::create_directories(mnt);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=600k") != 0) {
        WARN("cannot mount a small tmpfs here (not root?): file-system-full case skipped");
        return;
    }
    struct Unmount {
        fs::path p;
        ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
    } unmount{mnt};
    {
        auto store = std::move(Store::open(mnt / "data").store);
        // Ballast taking most of the space, to be freed once the disk has filled up.
        records_test::writeBytes(mnt / "ballast", std::string(300 * 1024, 'b'));
        const int saved = fillUntilNotSaved(*store, 100000);
        CHECK(saved > 0);
        fs::remove(mnt / "ballast");
        CHECK(store->checkIn(bulky(-1)).created);
        CHECK(scalar(*store, "SELECT count(*) FROM checkins") == saved + 1);
        CHECK(integrity(*store) == "ok");
    }
}
