// Export escaping: formula injection neutralised, RFC 4180 quoting, JSON escaping, atomic writes.
// Layer: tests/records.
#include "kiosk/records/clock.hpp"
#include "kiosk/records/export.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("CSV cells that could start a formula get a leading apostrophe", "[records]") {
    CHECK(csvCell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(csvCell("+44 1234") == "'+44 1234");
    CHECK(csvCell("-1") == "'-1");
    CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csvCell("\tx") == "'\tx");
    CHECK(csvCell("\rx") == "\"'\rx\"");
    CHECK(csvCell("plain") == "plain");
    CHECK(csvCell("") == "");
    CHECK(csvCell("a=b") == "a=b");
}

TEST_CASE("CSV quoting follows RFC 4180", "[records]") {
    CHECK(csvCell("Smith, Jo") == "\"Smith, Jo\"");
    CHECK(csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvCell("two\nlines") == "\"two\nlines\"");
    CHECK(csvCell("Llanfair\xE2\x80\x99s") == "Llanfair\xE2\x80\x99s");
}

TEST_CASE("a roster export makes a formula name inert and keeps one row per attendee", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    const std::string s = store->openSession({"2026-05-01", "Hall, Room \"B\"", "PC Jones"}, "test");
    CheckInInput in;
    in.sessionId = s;
    in.name = "=HYPERLINK(\"http://x\",\"y\")";
    in.constituency = "North, East";
    in.phone = "+44 20 7946 0000";
    const auto c = store->checkIn(in);
    store->recordModuleCompleted(c.candidateId, "online-safety", {});
    in.name = "Dafydd ap Gwilym";
    in.phone.reset();
    store->checkIn(in);
    const std::string csv = rosterCsv(store->session(s), store->roster(s));

    // Split into records by CRLF (no cell here holds a newline).
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t pos; (pos = csv.find("\r\n", start)) != std::string::npos; start = pos + 2) {
        lines.push_back(csv.substr(start, pos - start));
    }
    CHECK(start == csv.size());
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("session_id,session_date,venue,candidate_id,name", 0) == 0);
    CHECK(lines[1].find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",") != std::string::npos);
    CHECK(lines[1].find(",=") == std::string::npos);
    CHECK(lines[1].find(",\"Hall, Room \"\"B\"\"\",") != std::string::npos);
    CHECK(lines[1].find(",'+44 20 7946 0000,") != std::string::npos);
    CHECK(lines[1].find(",online-safety,none") != std::string::npos);
    CHECK(lines[2].find("Dafydd ap Gwilym") != std::string::npos);

    const std::string json = rosterJson(store->session(s), store->roster(s));
    CHECK(json.find("\"name\": \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"") != std::string::npos);
    CHECK(json.find("\"modules_completed\": [\"online-safety\"]") != std::string::npos);
}

TEST_CASE("JSON strings escape quotes, backslashes and controls", "[records]") {
    CHECK(jsonString("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(jsonString(std::string("x\x01y", 3)) == "\"x\\u0001y\"");
    CHECK(jsonString("line\nnext") == "\"line\\nnext\"");
    CHECK(jsonString("Caf\xC3\xA9") == "\"Caf\xC3\xA9\"");
}

TEST_CASE("a subject access export holds everything about the person", "[records]") {
    TempDir tmp;
    auto store = std::move(Store::open(tmp.data()).store);
    CheckInInput in;
    in.name = "Subject Person";
    in.constituency = "West";
    in.email = "subject@example.org";
    in.consent = Consent{"2026-01", ""};
    const auto c = store->checkIn(in);
    store->recordModuleCompleted(c.candidateId, "m1", {{"q1", "answer one"}});
    store->saveSafetyPlan(c.candidateId, {{"contact", "neighbour"}}, true);
    store->enqueuePrint(c.candidateId, "spool");
    const std::string json = subjectJson(store->subjectAccess(c.candidateId));
    for (const char* expected : {"Subject Person", "subject@example.org", "\"privacy_notice_version\": \"2026-01\"",
                                 "answer one", "neighbour", "\"state\": \"queued\"", "\"walk_in\": true"}) {
        CHECK(json.find(expected) != std::string::npos);
    }
    CHECK_THROWS_AS(store->subjectAccess(uuidV4()), NotFoundError);
}

TEST_CASE("exports are written atomically with private mode", "[records]") {
    TempDir tmp;
    const fs::path out = tmp.path() / "roster.csv";
    records_test::writeBytes(out, "old");
    writeFileAtomically(out, "new content\r\n");
    CHECK(records_test::readBytes(out) == "new content\r\n");
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 1);
    CHECK_THROWS_AS(writeFileAtomically(tmp.path() / "missing" / "x.csv", "x"), StoreError);
}
