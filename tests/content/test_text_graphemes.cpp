// Tests of grapheme-aware sanitising (issue 15, item 10): zero-width (non-)joiners kept inside words, names
// with no visible character refused, invisible and unassigned code points removed, graphemes capped.
// [content]
#include "content/text.hpp"

#include <catch2/catch.hpp>

using namespace content::text;

namespace {

std::string cp(char32_t c) {
    std::string s;
    appendUtf8(s, c);
    return s;
}
std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const std::string kZwnj = cp(0x200C);
const std::string kZwj = cp(0x200D);

}  // namespace

TEST_CASE("a zero-width non-joiner inside a Persian word is kept, as its spelling needs", "[content]") {
    // می‌خواهم ("I want"): mi + ZWNJ + khaham; نامه‌ها ("letters").
    const std::string miKhaham = "\u0645\u06CC" + kZwnj + "\u062E\u0648\u0627\u0647\u0645";
    const std::string nameha = "\u0646\u0627\u0645\u0647" + kZwnj + "\u0647\u0627";
    for (const std::string& word : {miKhaham, nameha, miKhaham + " " + nameha}) {
        const auto r = sanitiseLine(word);
        CHECK(r.value == word);
        CHECK_FALSE(r.changed);
        CHECK(r.visible);
    }
    // A joiner inside an Indic conjunct too: क्‍ष (ka, virama, ZWJ, ssa).
    const std::string conjunct = "\u0915\u094D" + kZwj + "\u0937";
    CHECK(sanitiseLine(conjunct).value == conjunct);
}

TEST_CASE("a joiner at a word's edge, beside a space, doubled or alone is removed", "[content]") {
    CHECK(sanitiseLine(kZwnj + "Ann").value == "Ann");
    CHECK(sanitiseLine("Ann" + kZwnj).value == "Ann");
    CHECK(sanitiseLine("Ann " + kZwnj + " Lee").value == "Ann Lee");
    CHECK(sanitiseLine("Ann" + kZwnj + " Lee").value == "Ann Lee");
    CHECK(sanitiseLine("a" + kZwnj + kZwnj + kZwj + "b").value == "a" + kZwj + "b");
    CHECK(sanitiseLine(kZwj).value.empty());
    CHECK(sanitiseLine(repeat(kZwnj, 50)).value.empty());
    // Between symbols (an emoji sequence) there is no word: the pack could not print it anyway.
    CHECK(sanitiseLine(cp(0x1F469) + kZwj + cp(0x1F467)).value == cp(0x1F469) + cp(0x1F467));
    CHECK(sanitiseLine("Ann" + kZwnj).changed);
}

TEST_CASE("names made only of invisible characters have nothing visible left", "[content]") {
    struct Case {
        const char* what;
        std::string text;
    };
    const std::vector<Case> invisible = {
        {"Hangul filler U+3164", cp(0x3164)},
        {"three Hangul fillers", repeat(cp(0x3164), 3)},
        {"Hangul choseong/jungseong fillers", cp(0x115F) + cp(0x1160)},
        {"halfwidth Hangul filler", cp(0xFFA0)},
        {"Braille blank", cp(0x2800)},
        {"Mongolian vowel separator U+180E", cp(0x180E)},
        {"noncharacters", cp(0xFDD0) + cp(0xFFFE) + cp(0xFFFF) + cp(0x1FFFE) + cp(0x10FFFF)},
        {"tag characters", cp(0xE0001) + cp(0xE0041) + cp(0xE0062) + cp(0xE007F)},
        {"combining marks alone", repeat(cp(0x0301), 3)},
        {"variation selector and joiners", cp(0xFE0F) + kZwj + kZwnj},
        {"private use", cp(0xE000) + cp(0xF8FF)},
        {"unassigned", cp(0x0378) + cp(0x2FFFF)},
        {"format characters", cp(0x200B) + cp(0x2060) + cp(0xFEFF) + cp(0x00AD) + cp(0x2061)},
        {"spaces of every kind", cp(0x00A0) + cp(0x2003) + cp(0x3000) + " "},
        {"all of them", cp(0x3164) + " " + cp(0x180E) + cp(0xE0041) + cp(0x0301) + cp(0xFDD0) + kZwj + cp(0x2800)},
    };
    for (const auto& c : invisible) {
        INFO(c.what);
        const auto r = sanitiseLine(c.text);
        CHECK_FALSE(r.visible);
        CHECK_FALSE(hasVisibleCharacter(c.text));
        CHECK_FALSE(hasVisibleCharacter(r.value));
    }
    for (const std::string& name : {std::string("A"), std::string("Siân"), std::string("李"), std::string("7"),
                                    std::string("-"), std::string("O'Neil"), "\u0645\u06CC" + kZwnj + "\u062E"}) {
        INFO(name);
        CHECK(sanitiseLine(name).visible);
        CHECK(hasVisibleCharacter(name));
    }
}

TEST_CASE("invisible characters are removed from inside visible text", "[content]") {
    CHECK(sanitiseLine("Ann" + cp(0x3164) + "Lee").value == "AnnLee");
    CHECK(sanitiseLine("Ann" + cp(0xE0041) + cp(0xE0042) + " Lee").value == "Ann Lee");
    CHECK(sanitiseLine("Ann" + cp(0x180E) + "Lee").value == "AnnLee");
    CHECK(sanitiseLine("x" + cp(0xFDD0) + "y" + cp(0xFFFE)).value == "xy");
    CHECK(sanitiseLine(cp(0x3164) + " Bob").value == "Bob");
    CHECK(sanitiseLine("Ann" + cp(0x3164) + "Lee").changed);
}

TEST_CASE("each grapheme keeps at most 16 code points, and graphemes are counted", "[content]") {
    const auto zalgo = sanitiseLine("e" + repeat(cp(0x0301), 1000) + "x");
    CHECK(graphemeCount(zalgo.value) == 2);
    CHECK(codePointCount(zalgo.value) <= kMaxCodePointsPerGrapheme + 1);
    CHECK(zalgo.changed);
    CHECK(zalgo.visible);
    // Real stacks are untouched: Vietnamese, Welsh, a Tibetan stack, a flag.
    for (const std::string& s : {std::string("Nguyễn"), std::string("Llŷr"), std::string("\u0F66\u0F90\u0FB1\u0F7C\u0F0B"),
                                 cp(0x1F1EC) + cp(0x1F1E7)}) {
        CHECK(sanitiseLine(s).value == s);
    }
    CHECK(graphemeCount("e\u0301") == 1);  // decomposed é
    CHECK(graphemeCount(cp(0x1F1EC) + cp(0x1F1E7)) == 1);  // a flag: two regional indicators
    CHECK(graphemeCount("\u0645\u06CC" + kZwnj + "\u062E") == 3);
    CHECK(graphemeCount("abc") == 3);
}

TEST_CASE("the joiners are left out for a renderer without shaping", "[content]") {
    CHECK(withoutJoiners("Ann" + kZwnj + "ette") == "Annette");
    CHECK(withoutJoiners("a" + kZwj + "b" + kZwnj + "c") == "abc");
    CHECK(withoutJoiners("Siân") == "Siân");
}
