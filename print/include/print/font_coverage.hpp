// Which characters the pack (and the kiosk screens, which use the same prepared font) can print faithfully.
// Layer: print. Pure functions over a compiled-in copy of the prepared font's character map; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace print {

// True when the prepared Briefing Sans font has a glyph for `cp` and the character needs no shaping or
// right-to-left layout (everything outside the supported ranges, outside the BMP, Arabic, Hebrew ... is false).
// Combining marks on their own and invisible format characters are false too: libharu prints them as nothing.
bool isPrintable(char32_t cp);

// Distinct code points of `utf8`'s NFC form that cannot be printed, in order of first appearance. Line feeds
// are allowed. Invalid UTF-8 is reported as U+FFFD. The kiosk uses this to warn and ask for a transliteration.
std::vector<char32_t> unsupportedCharacters(std::string_view utf8);

// "U+0627 (ا)" style description of a list of code points, for error messages.
std::string describeCodePoints(const std::vector<char32_t>& cps);

// Every printable code point, ascending (for the glyph comparison sweep).
std::vector<char32_t> printableCodePoints();

}  // namespace print
