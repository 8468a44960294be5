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

// What sanitising did to a piece of user input.
struct Sanitised {
    std::string value;          // NFC, trimmed, controls removed
    bool changed = false;       // true when anything but NFC and trimming altered the text
};

// Cleans one line of user input for storage: requires valid UTF-8 (throws std::invalid_argument
// otherwise), normalises to NFC, strips C0/C1 controls (TAB, CR, LF included), bidi embedding/override/
// isolate controls (U+202A–202E, U+2066–2069) and other invisible format marks that could disguise text,
// collapses runs of white space and trims both ends.
Sanitised sanitiseLine(std::string_view input);

// Replaces invalid sequences with U+FFFD so the result is always valid UTF-8 (for showing untrusted
// bytes, e.g. in an error message or an ImGui widget, which asserts on invalid UTF-8).
std::string repairUtf8(std::string_view s);

// Number of code points in valid UTF-8 (invalid bytes count one each).
std::size_t codePointCount(std::string_view s);

}  // namespace content::text
