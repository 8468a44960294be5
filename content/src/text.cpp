// UTF-8 validation, NFC normalisation and input sanitising on top of utf8proc.
// Layer: content (bottom); used by flow, records, print and ui alike.
#include "content/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace content::text {
namespace {

// Decodes one code point at s[i]; returns its length, or 0 when the sequence is invalid.
std::size_t decodeOne(std::string_view s, std::size_t i, char32_t& cp) {
    utf8proc_int32_t c = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    if (n <= 0) return 0;
    cp = static_cast<char32_t>(c);
    return static_cast<std::size_t>(n);
}

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

constexpr char32_t kZwnj = 0x200C;  // zero-width non-joiner: Persian (and other) spelling needs it
constexpr char32_t kZwj = 0x200D;   // zero-width joiner: Indic and Arabic-script spelling, emoji sequences
bool isJoiner(char32_t cp) { return cp == kZwnj || cp == kZwj; }

utf8proc_category_t category(char32_t cp) { return utf8proc_category(static_cast<utf8proc_int32_t>(cp)); }

// Letters that show nothing, made to look like a name: the Hangul fillers and the blank Braille pattern.
bool isBlankLetter(char32_t cp) {
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
}

// Removed from every line: format characters that can reorder or hide text (bidi embeddings, overrides and
// isolates, marks, U+180E, tag characters, soft hyphen, word joiner, BOM ... every category Cf, except the
// two joiners, judged on their own), private-use and unassigned code points (noncharacters included),
// and the blank letters.
bool isRemovedInvisible(char32_t cp) {
    if (isJoiner(cp)) return false;
    const auto c = category(cp);
    return c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CN ||
           c == UTF8PROC_CATEGORY_CS || isBlankLetter(cp);
}

// Letters, marks and digits: what a joiner may sit between.
bool isWordChar(char32_t cp) {
    const auto c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO && !isBlankLetter(cp);
}

// Something a reader sees: a letter, digit, punctuation or symbol (not a mark alone, a joiner or a space).
bool isVisible(char32_t cp) {
    const auto c = category(cp);
    const bool letterOrNumber = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                                (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
    const bool punctuationOrSymbol = c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_SO;
    return (letterOrNumber || punctuationOrSymbol) && !isBlankLetter(cp);
}

// Each grapheme (utf8proc's extended grapheme clusters) cut to kMaxCodePointsPerGrapheme code points, so a
// stack of hundreds of combining marks cannot blow up a layout. Returns true when something was cut.
bool capGraphemes(std::vector<char32_t>& cps) {
    std::vector<char32_t> out;
    out.reserve(cps.size());
    utf8proc_int32_t state = 0;
    std::size_t inGrapheme = 0;
    bool cut = false;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const bool starts = i == 0 || utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(cps[i - 1]),
                                                                       static_cast<utf8proc_int32_t>(cps[i]), &state);
        inGrapheme = starts ? 1 : inGrapheme + 1;
        if (inGrapheme > kMaxCodePointsPerGrapheme) {
            cut = true;
            continue;
        }
        out.push_back(cps[i]);
    }
    cps = std::move(out);
    return cut;
}

bool isSpace(char32_t cp) {
    return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const auto n = decodeOne(s, i, cp);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

bool isValidUtf8(std::string_view s) { return !firstInvalidUtf8(s).has_value(); }

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const auto n = decodeOne(s, i, cp);
        if (n == 0) throw std::invalid_argument("invalid UTF-8 at byte " + std::to_string(i));
        out.push_back(cp);
        i += n;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string encode(const std::vector<char32_t>& cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps) appendUtf8(out, cp);
    return out;
}

std::string toNfc(std::string_view s) {
    if (auto bad = firstInvalidUtf8(s))
        throw std::invalid_argument("invalid UTF-8 at byte " + std::to_string(*bad));
    utf8proc_uint8_t* raw = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                static_cast<utf8proc_ssize_t>(s.size()), &raw,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(raw, &std::free);
    if (n < 0) throw std::invalid_argument(utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
}

Sanitised sanitiseLine(std::string_view input) {
    const std::string nfc = toNfc(input);
    const auto cps = decode(nfc);
    bool changed = false;
    // 1. Controls and invisible characters go; every kind of space (and a removed tab or line break,
    //    which still separated words) becomes one U+0020.
    std::vector<char32_t> plain;
    plain.reserve(cps.size());
    for (char32_t cp : cps) {
        if (isControl(cp) || isRemovedInvisible(cp)) {
            changed = true;
            if (cp == U'\t' || cp == U'\n' || cp == U'\r') plain.push_back(U' ');
            continue;
        }
        if (isSpace(cp)) {
            if (cp != 0x20) changed = true;
            plain.push_back(U' ');
            continue;
        }
        plain.push_back(cp);
    }
    // 2. A joiner stays only inside a word: between a letter, mark or digit and another (one joiner there,
    //    not a run). At a word's edge, next to a space or alone it shows nothing and is removed.
    std::vector<char32_t> joined;
    joined.reserve(plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        const char32_t cp = plain[i];
        if (isJoiner(cp)) {
            const bool inside = !joined.empty() && isWordChar(joined.back()) && i + 1 < plain.size() &&
                                isWordChar(plain[i + 1]);
            if (!inside) {
                changed = true;
                continue;
            }
        }
        joined.push_back(cp);
    }
    // 3. Runs of spaces collapse to one; both ends are trimmed.
    std::vector<char32_t> kept;
    kept.reserve(joined.size());
    for (char32_t cp : joined) {
        if (cp == U' ' && (kept.empty() || kept.back() == U' ')) continue;
        kept.push_back(cp);
    }
    while (!kept.empty() && kept.back() == U' ') kept.pop_back();
    // 4. No grapheme longer than kMaxCodePointsPerGrapheme.
    if (capGraphemes(kept)) changed = true;
    Sanitised out;
    out.visible = std::any_of(kept.begin(), kept.end(), isVisible);
    // Removing a character can bring two combining sequences together: normalise once more.
    out.value = toNfc(encode(kept));
    out.changed = changed;
    return out;
}

bool hasVisibleCharacter(std::string_view s) {
    if (!isValidUtf8(s)) return false;
    const auto cps = decode(s);
    return std::any_of(cps.begin(), cps.end(), [](char32_t cp) { return !isRemovedInvisible(cp) && isVisible(cp); });
}

std::string withoutJoiners(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : decode(s))
        if (!isJoiner(cp)) appendUtf8(out, cp);
    return out;
}

std::size_t graphemeCount(std::string_view s) {
    const auto cps = decode(repairUtf8(s));
    std::size_t count = 0;
    utf8proc_int32_t state = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (i == 0 || utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(cps[i - 1]),
                                                       static_cast<utf8proc_int32_t>(cps[i]), &state))
            ++count;
    }
    return count;
}

std::string repairUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const auto n = decodeOne(s, i, cp);
        if (n == 0) {
            appendUtf8(out, 0xFFFD);
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::size_t codePointCount(std::string_view s) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const auto n = decodeOne(s, i, cp);
        i += n == 0 ? 1 : n;
        ++count;
    }
    return count;
}

}  // namespace content::text
