// Text wrapping as geometry: every character kept, no line wider than the box, long words broken.
// Layer: tests (print).
#include <catch2/catch.hpp>

#include "../../print/src/pdf_writer.hpp"
#include "print/pack.hpp"

using namespace print;
using namespace print::detail;

namespace {

std::string joined(const std::vector<Line>& lines) {
    std::string s;
    for (const auto& l : lines)
        for (const auto& r : l.runs) s += r.text;
    return s;
}

std::string withoutSpaces(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

}  // namespace

TEST_CASE("wrap keeps every character and respects the width", "[print]") {
    const auto assets = findPackAssets();
    PdfWriter w(assets.regularFont.string(), assets.boldFont.string(), 595, 842);
    const std::string text =
        "Nguyễn Thị Ánh and Zbigniew Łukasz Wróbel met Наталья at the count; "
        "LlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴŴ is long.";
    for (float width : {40.0f, 90.0f, 200.0f, 500.0f}) {
        for (float size : {9.0f, 14.0f, 26.0f}) {
            auto lines = w.wrap({{text, Face::Regular, 0}, {" bold tail", Face::Bold, 0}}, width, size);
            INFO("width " << width << " size " << size);
            CHECK(withoutSpaces(joined(lines)) == withoutSpaces(text + " bold tail"));
            for (const auto& l : lines) {
                CHECK(l.width <= width + 0.01f);
                CHECK(!l.runs.empty());
            }
        }
    }
}

TEST_CASE("a word wider than the box is broken between characters, never dropped", "[print]") {
    const auto assets = findPackAssets();
    PdfWriter w(assets.regularFont.string(), assets.boldFont.string(), 595, 842);
    const std::string word = "ẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀẀ";  // 3-byte characters: breaks must fall between them
    auto lines = w.wrap({{word, Face::Bold, 0}}, 50, 12);
    CHECK(lines.size() > 3);
    CHECK(joined(lines) == word);
    // Narrower than one character: one character per line, still nothing lost.
    auto tiny = w.wrap({{"Ŵŷ", Face::Regular, 0}}, 1, 12);
    CHECK(joined(tiny) == "Ŵŷ");
    CHECK(tiny.size() == 2);
}

TEST_CASE("measure reports libharu failures as PackError, not crashes", "[print]") {
    CHECK_THROWS_AS(PdfWriter("/nonexistent/font.ttf", "/nonexistent/font.ttf", 595, 842), PackError);
}
