// UTF-8 validation, NFC normalisation and input sanitising on top of utf8proc.
// Layer: content (bottom); used by flow, records, print and ui alike.
#include "content/text.hpp"

#include <utf8proc.h>

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

// Invisible characters that can reorder or hide text: bidi embeddings, overrides and isolates, marks
// and other zero-width format characters. Zero-width joiners are kept out too: names do not need them.
bool isHiddenFormat(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
           cp == 0xFEFF || cp == 0x00AD;
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
    std::vector<char32_t> kept;
    kept.reserve(cps.size());
    bool changed = false;
    bool pendingSpace = false;
    for (char32_t cp : cps) {
        if (isControl(cp) || isHiddenFormat(cp)) {
            changed = true;
            // A removed line break or tab still separates words.
            if (cp == U'\t' || cp == U'\n' || cp == U'\r') pendingSpace = !kept.empty();
            continue;
        }
        if (isSpace(cp)) {
            if (cp != 0x20) changed = true;
            pendingSpace = !kept.empty();
            continue;
        }
        if (pendingSpace) kept.push_back(U' ');
        pendingSpace = false;
        kept.push_back(cp);
    }
    Sanitised out;
    // Removing a control can bring two combining sequences together: normalise once more.
    out.value = toNfc(encode(kept));
    out.changed = changed;
    return out;
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
