// The store refuses a name with no visible character and keeps a ZWNJ inside a word (issue 15, item 10).
// Layer: tests/records.
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::records;
using records_test::TempDir;

TEST_CASE("check-in refuses invisible-only names and keeps joiners inside words", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    CheckInInput in;
    in.constituency = "Vale";
    for (const std::string& name : {std::string("\u3164"), std::string("\u115F\u1160"), std::string("\u180E \u180E"),
                                    std::string("\uFDD0\U0010FFFF"), std::string("\U000E0001\U000E0041"),
                                    std::string("\u0301")}) {
        in.name = name;
        CHECK_THROWS_WITH(store->checkIn(in), Catch::Contains("name: must not be empty (it holds no visible character"));
    }
    in.name = " \t ";
    CHECK_THROWS_WITH(store->checkIn(in), Catch::Contains("name: must not be empty"));
    in.name = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 Rezaei";
    const auto c = store->checkIn(in);
    CHECK(store->subjectAccess(c.candidateId).name == in.name);
    // An optional field with nothing visible is stored as empty.
    in.name = "Ann";
    in.email = "\u3164";
    const auto d = store->checkIn(in);
    const auto held = store->subjectAccess(d.candidateId);
    CHECK((!held.email || held.email->empty()));
}
