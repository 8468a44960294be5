// Text handling shared by every layer: UTF-8 validation, NFC normalisation, sanitising user input.
// Layer: content (bottom). Pure functions, thread-safe, no allocation beyond the returned strings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content::text {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the whole string is valid.
std::optional<std::size_t> firstInvalidUtf8(std::string_view s);

// Decodes valid UTF-8 into code points. Throws std::invalid_argument on invalid input.
std::vector<char32_t> decode(std::string_view s);
std::string encode(const std::vector<char32_t>& cps);
void appendUtf8(std::string& out, char32_t cp);

// NFC normalisation (utf8proc). Throws std::invalid_argument when `s` is not valid UTF-8.
std::string toNfc(std::string_view s);

// The most code points one grapheme (user-perceived character) keeps: enough for any real stack of
// combining marks or an emoji sequence, not for "Zalgo" text hundreds of marks deep.
inline constexpr std::size_t kMaxCodePointsPerGrapheme = 16;

// What sanitising did to a piece of user input.
struct Sanitised {
    std::string value;          // NFC, trimmed, controls removed
    bool changed = false;       // true when anything but NFC and trimming altered the text
    bool visible = false;       // value holds at least one visible character (see hasVisibleCharacter)
};

// Cleans one line of user input for storage: requires valid UTF-8 (throws std::invalid_argument
// otherwise), normalises to NFC, and removes what shows nothing or disguises text: C0/C1 controls (TAB, CR,
// LF become spaces), every format character (category Cf: bidi embeddings, overrides and isolates, marks,
// U+180E, tag characters, soft hyphen, BOM ...), private-use and unassigned code points (noncharacters
// too), and the blank letters (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Braille blank U+2800). The
// zero-width non-joiner and joiner (U+200C, U+200D) are kept inside a word, as Persian and Indic
// spelling need them, and removed elsewhere. Spaces collapse, both ends are trimmed, and each grapheme
// is cut to kMaxCodePointsPerGrapheme code points. A result without a visible character (a name made
// only of marks, say) has visible == false: callers refuse it as empty.
Sanitised sanitiseLine(std::string_view input);

// True when `s` (valid UTF-8) holds a letter, digit, punctuation mark or symbol that shows: not only
// spaces, marks, joiners, format or unassigned characters or blank letters.
bool hasVisibleCharacter(std::string_view s);

// `s` (valid UTF-8) without U+200C and U+200D: what a renderer without shaping (libharu) draws.
std::string withoutJoiners(std::string_view s);

// Extended grapheme clusters (utf8proc) in `s`; invalid bytes count as U+FFFD.
std::size_t graphemeCount(std::string_view s);

// Replaces invalid sequences with U+FFFD so the result is always valid UTF-8 (for showing untrusted
// bytes, e.g. in an error message or an ImGui widget, which asserts on invalid UTF-8).
std::string repairUtf8(std::string_view s);

// Number of code points in valid UTF-8 (invalid bytes count one each).
std::size_t codePointCount(std::string_view s);

}  // namespace content::text
