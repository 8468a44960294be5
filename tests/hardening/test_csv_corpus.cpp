// The RFC 4180 checker used by the hardening tests, and the CSV-export fuzz corpus replayed in every
// build (tests/fuzz/corpus/csv). Layer: tests/hardening.
#include "corpus_replay.hpp"
#include "csv_fuzz_input.hpp"
#include "hostile_corpus.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using hardening::parseCsv;

TEST_CASE("the RFC 4180 parser decodes quoting and rejects malformed text", "[records]") {
    const auto ok = parseCsv("a,\"b,c\",\"d\"\"e\"\r\n,\"x\r\ny\",\r\n");
    REQUIRE(ok.error.empty());
    REQUIRE(ok.rows.size() == 2);
    CHECK(ok.rows[0] == hardening::CsvRow{"a", "b,c", "d\"e"});
    CHECK(ok.rows[1] == hardening::CsvRow{"", "x\r\ny", ""});
    CHECK_FALSE(parseCsv("a,b\n").error.empty());         // LF only
    CHECK_FALSE(parseCsv("a,b").error.empty());           // no final CRLF
    CHECK_FALSE(parseCsv("a\"b\r\n").error.empty());      // quote inside an unquoted field
    CHECK_FALSE(parseCsv("\"ab\r\n").error.empty());      // unterminated
    CHECK_FALSE(parseCsv("\"a\"b\r\n").error.empty());    // text after the closing quote
    CHECK_FALSE(parseCsv("a,\r\nb,").error.empty());      // trailing comma at the end
}

TEST_CASE("the formula check and neutralising agree with the export contract", "[records]") {
    for (const char* f : {"=1", "+1", "-1", "@x", "\tx", "\rx"}) {
        CHECK(hardening::startsWithFormulaChar(f));
        CHECK(hardening::neutralised(f) == std::string("'") + f);
    }
    CHECK_FALSE(hardening::startsWithFormulaChar(std::string("\0=", 2)));
    CHECK_FALSE(hardening::startsWithFormulaChar(""));
    CHECK(hardening::neutralised("plain") == "plain");
}

TEST_CASE("seed-file escapes decode, and bad escapes are refused", "[records]") {
    CHECK(hardening::unescapeSeed("a\\tb\\\\\\0") == std::string("a\tb\\\0", 5));
    CHECK(hardening::unescapeSeed("\\xC3\\xA9") == "\xC3\xA9");
    CHECK(hardening::unescapeSeed("\\u{202E}") == "\xE2\x80\xAE");
    CHECK(hardening::unescapeSeed("\\u{D800}") == "\xED\xA0\x80");  // a surrogate, on purpose
    CHECK(hardening::unescapeSeed("\\u{1F600}") == "\xF0\x9F\x98\x80");
    CHECK_THROWS_AS(hardening::unescapeSeed("\\q"), std::invalid_argument);
    CHECK_THROWS_AS(hardening::unescapeSeed("\\x4"), std::invalid_argument);
    CHECK_THROWS_AS(hardening::unescapeSeed("\\u{}"), std::invalid_argument);
    CHECK_THROWS_AS(hardening::unescapeSeed("\\u{110000}"), std::invalid_argument);
    CHECK_THROWS_AS(hardening::unescapeSeed("end\\"), std::invalid_argument);
}

TEST_CASE("the hostile corpus has at least 500 entries and its seed file loads", "[records]") {
    const auto seed = hardening::loadSeedFile(fs::path(BK_SOURCE_DIR) / "tests" / "hardening" / "hostile_strings.txt");
    const auto generated = hardening::generatedHostileStrings();
    CHECK(seed.size() >= 90);
    CHECK(seed.size() + generated.size() >= 500);
}

TEST_CASE("every file of the CSV fuzz corpus round-trips through the export", "[records]") {
    const int files = hardening::replayCorpus("csv", [](const std::string& bytes) { return hardening::checkCsvExport(bytes); });
    CHECK(files >= 8);
}
