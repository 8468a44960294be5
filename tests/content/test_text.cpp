// Tests of content::text: UTF-8 validation, NFC, sanitising. [content]
#include "content/text.hpp"

#include <catch2/catch.hpp>

using namespace content::text;

TEST_CASE("UTF-8 validation rejects malformed input", "[content]") {
    CHECK(isValidUtf8("Siân Gwenllian"));
    CHECK(isValidUtf8("Llŷr Ŵyn, Nguyễn Thị Ánh, Ελένη, Наталья"));
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
    CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(isValidUtf8("abc\xE2\x82"));       // truncated
    CHECK(firstInvalidUtf8("ab\xFFz") == std::optional<std::size_t>(2));
}

TEST_CASE("NFC composes decomposed Welsh letters", "[content]") {
    // "w" + combining circumflex -> ŵ (U+0175)
    CHECK(toNfc("w\xCC\x82") == "\xC5\xB5");
    CHECK(toNfc("Sia\xCC\x82n") == "Siân");
    CHECK_THROWS_AS(toNfc("\xFF"), std::invalid_argument);
}

TEST_CASE("sanitiseLine strips controls and bidi overrides and trims", "[content]") {
    auto r = sanitiseLine("  Jo\tBloggs\n ");
    CHECK(r.value == "Jo Bloggs");
    CHECK(r.changed);
    r = sanitiseLine("abc\xE2\x80\xAE" "def");  // U+202E RIGHT-TO-LEFT OVERRIDE
    CHECK(r.value == "abcdef");
    r = sanitiseLine("x\xE2\x81\xA6y\xE2\x81\xA9");  // U+2066 ... U+2069 isolates
    CHECK(r.value == "xy");
    r = sanitiseLine(std::string("a\0b", 3));
    CHECK(r.value == "ab");
    r = sanitiseLine("O'Brien-Smith");
    CHECK(r.value == "O'Brien-Smith");
    CHECK_FALSE(r.changed);
    CHECK_THROWS_AS(sanitiseLine("bad\xC3"), std::invalid_argument);
}

TEST_CASE("repairUtf8 always yields valid UTF-8", "[content]") {
    const std::string fixed = repairUtf8("a\xFF\xC3(b");
    CHECK(isValidUtf8(fixed));
    CHECK(fixed == "a\xEF\xBF\xBD\xEF\xBF\xBD(b");
    CHECK(codePointCount("Ŵyn") == 3);
}
