// Printable-character checks against the prepared font's character map (font_cmap.inc, generated).
// Layer: print. Pure functions.
#include "print/font_coverage.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "content/text.hpp"

namespace print {
namespace {

struct Range {
    char32_t lo, hi;
};

constexpr Range kCovered[] = {
#include "font_cmap.inc"
};

}  // namespace

bool isPrintable(char32_t cp) {
    // Invisible format characters (zero-width, bidi marks, embeddings, isolates) would print as nothing or
    // as a box; they are never wanted in a name. Shaping/RTL scripts are simply not in the font.
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F))
        return false;
    // Combining marks on their own print as nothing through libharu (measured with glyph_compare): after NFC
    // only marks with no precomposed form remain, and those need a transliteration.
    if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489)) return false;
    const auto* it = std::upper_bound(std::begin(kCovered), std::end(kCovered), cp,
                                      [](char32_t v, const Range& r) { return v < r.lo; });
    if (it == std::begin(kCovered)) return false;
    --it;
    return cp >= it->lo && cp <= it->hi;
}

std::vector<char32_t> unsupportedCharacters(std::string_view utf8) {
    std::vector<char32_t> out;
    auto add = [&out](char32_t cp) {
        if (std::find(out.begin(), out.end(), cp) == out.end()) out.push_back(cp);
    };
    std::vector<char32_t> cps;
    if (!content::text::isValidUtf8(utf8)) {
        add(U'\uFFFD');
        cps = content::text::decode(content::text::repairUtf8(utf8));
    } else {
        // What is printed is the NFC form (the renderer normalises first): "a" + U+0308 prints as "ä".
        cps = content::text::decode(content::text::toNfc(utf8));
    }
    for (char32_t cp : cps) {
        // A kept zero-width (non-)joiner is left out when printing (libharu does not shape): not a problem.
        if (cp == U'\n' || cp == 0x200C || cp == 0x200D) continue;
        if (!isPrintable(cp)) add(cp);
    }
    return out;
}

std::string describeCodePoints(const std::vector<char32_t>& cps) {
    std::string out;
    for (char32_t cp : cps) {
        if (!out.empty()) out += ", ";
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        out += buf;
        if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
            out += " (";
            content::text::appendUtf8(out, cp);
            out += ")";
        }
    }
    return out;
}

std::vector<char32_t> printableCodePoints() {
    std::vector<char32_t> out;
    for (const auto& r : kCovered)
        for (char32_t cp = r.lo; cp <= r.hi; ++cp)
            if (isPrintable(cp)) out.push_back(cp);
    return out;
}

}  // namespace print
