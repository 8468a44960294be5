// print::unsupportedCharacters and isPrintable against the prepared font. Layer: tests (print).
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "print/font_coverage.hpp"

using namespace print;

TEST_CASE("the issue's names are all printable", "[print]") {
    for (const auto& name : testing::hardNames()) {
        INFO(name);
        CHECK(unsupportedCharacters(name).empty());
    }
}

TEST_CASE("right-to-left, shaping, astral and invisible characters are reported", "[print]") {
    CHECK(unsupportedCharacters("سارة") == std::vector<char32_t>{0x633, 0x627, 0x631, 0x629});
    CHECK(unsupportedCharacters("Dāvid דוד").front() == 0x5D3);
    CHECK(unsupportedCharacters("Ann 😀") == std::vector<char32_t>{0x1F600});
    CHECK(unsupportedCharacters("मीरा").size() == 4);     // Devanagari needs shaping
    CHECK(unsupportedCharacters("李小龍").size() == 3);    // not in the font
    CHECK(unsupportedCharacters("Ann\u202EnnA") == std::vector<char32_t>{0x202E});
    CHECK(unsupportedCharacters("a\u200Bb") == std::vector<char32_t>{0x200B});
    CHECK(unsupportedCharacters("tab\there") == std::vector<char32_t>{U'\t'});
    CHECK(unsupportedCharacters("line\nbreak").empty());
    // A combining sequence with a precomposed form is fine (NFC); a lone mark without one is not.
    CHECK(unsupportedCharacters("Sia\u0302n").empty());
    CHECK(unsupportedCharacters("e\u0323\u0301") == std::vector<char32_t>{0x301});
    CHECK(unsupportedCharacters("bad \xFF byte") == std::vector<char32_t>{0xFFFD});
    // Repeated characters are listed once, in order of first appearance.
    CHECK(unsupportedCharacters("דדוו") == std::vector<char32_t>{0x5D3, 0x5D5});
}

TEST_CASE("the printable set is the prepared font's supported ranges", "[print]") {
    const auto cps = printableCodePoints();
    CHECK(cps.size() > 1350);
    for (char32_t cp : cps) {
        const bool inRanges = (cp >= 0x20 && cp <= 0x24F) || (cp >= 0x300 && cp <= 0x4FF) ||
                              (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F) ||
                              (cp >= 0x20A0 && cp <= 0x20BF) || (cp >= 0x2190 && cp <= 0x21FF) ||
                              (cp >= 0x2713 && cp <= 0x2717) || cp == 0xFFFD;
        INFO(std::hex << static_cast<unsigned>(cp));
        CHECK(inRanges);
    }
    CHECK(isPrintable(U'ŵ'));
    CHECK(isPrintable(U'ễ'));
    CHECK(isPrintable(U'ё'));
    CHECK(!isPrintable(0x7F));
    CHECK(describeCodePoints({0x633}) == "U+0633 (س)");
}
