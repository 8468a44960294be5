// The hostile-string corpus: seed file decoding and generated entries. Layer: tests/hardening.
#include "hostile_corpus.hpp"

#include "content/text.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace hardening {

namespace {

std::string cp(char32_t c) {
    // Encoded by hand so surrogates (invalid in UTF-8) can be produced on purpose.
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string unescapeSeed(std::string_view line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\') {
            out += line[i];
            continue;
        }
        if (++i >= line.size()) throw std::invalid_argument("a lone backslash at the end");
        switch (line[i]) {
            case '\\': out += '\\'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case '0': out += '\0'; break;
            case 'x': {
                const int hi = i + 1 < line.size() ? hexValue(line[i + 1]) : -1;
                const int lo = i + 2 < line.size() ? hexValue(line[i + 2]) : -1;
                if (hi < 0 || lo < 0) throw std::invalid_argument("\\x needs two hex digits");
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                break;
            }
            case 'u': {
                const std::size_t close = line.find('}', i);
                if (i + 1 >= line.size() || line[i + 1] != '{' || close == std::string_view::npos || close == i + 2) {
                    throw std::invalid_argument("\\u needs {hex}");
                }
                char32_t value = 0;
                for (std::size_t k = i + 2; k < close; ++k) {
                    const int h = hexValue(line[k]);
                    if (h < 0 || value > 0x10FFFF) throw std::invalid_argument("\\u{...} holds a non-hex digit");
                    value = value * 16 + static_cast<char32_t>(h);
                }
                if (value > 0x10FFFF) throw std::invalid_argument("\\u{...} above U+10FFFF");
                out += cp(value);
                i = close;
                break;
            }
            default: throw std::invalid_argument(std::string("unknown escape \\") + line[i]);
        }
    }
    return out;
}

std::vector<HostileString> loadSeedFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot be read");
    std::vector<HostileString> out;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#') continue;
        try {
            out.push_back({"seed:" + std::to_string(lineNo), unescapeSeed(line)});
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(file.string() + ":" + std::to_string(lineNo) + ": " + e.what());
        }
    }
    return out;
}

std::vector<HostileString> generatedHostileStrings() {
    std::vector<HostileString> out;
    auto add = [&](std::string label, std::string bytes) { out.push_back({std::move(label), std::move(bytes)}); };

    // Every C0 control and DEL, C1 controls: alone, leading, embedded, trailing.
    std::vector<char32_t> controls;
    for (char32_t c = 0; c < 0x20; ++c) controls.push_back(c);
    controls.push_back(0x7F);
    for (char32_t c = 0x80; c < 0xA0; ++c) controls.push_back(c);
    for (const char32_t c : controls) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        add(std::string("control alone ") + hex, cp(c));
        add(std::string("control leading ") + hex, cp(c) + "Name");
        add(std::string("control embedded ") + hex, "Ann" + cp(c) + "Smith");
        add(std::string("control trailing ") + hex, "Name" + cp(c));
    }
    // Bidi and invisible format characters.
    const char32_t format[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                               0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD};
    for (const char32_t c : format) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        add(std::string("format alone ") + hex, cp(c));
        add(std::string("format leading ") + hex, cp(c) + "txt.exe");
        add(std::string("format embedded ") + hex, "invoice" + cp(c) + "fdp.exe");
        add(std::string("format before formula ") + hex, cp(c) + "=1+1");
        add(std::string("format repeated ") + hex, repeat(cp(c), 300) + "x");
    }
    // Combining marks and long strings.
    add("1,000 combining acutes on e", "e" + repeat(cp(0x0301), 1000));
    add("1,000 mixed combining marks", "a" + repeat(cp(0x0300) + cp(0x0316) + cp(0x0334) + cp(0x0351), 250));
    add("1,000 combining marks alone", repeat(cp(0x0308), 1000));
    add("100,000 ASCII", std::string(100000, 'a'));
    add("100,000 w-circumflex", repeat(cp(0x0175), 100000));
    add("100,000 emoji", repeat(cp(0x1F600), 100000));
    add("100,000 formula", "=" + std::string(99999, '1'));
    add("100,000 quotes", std::string(100000, '"'));
    add("100,000 commas and CRLF", repeat(",\r\n", 33333) + "x");
    add("100,000 Arabic", repeat(cp(0x0645), 100000));
    add("100,000 spaces then a", std::string(100000, ' ') + "a");
    for (const int n : {199, 200, 201}) {
        add(std::to_string(n) + " ASCII", std::string(static_cast<std::size_t>(n), 'n'));
        add(std::to_string(n) + " y-circumflex", repeat(cp(0x0177), n));
        add(std::to_string(n) + " emoji", repeat(cp(0x1F4A9), n));
        add(std::to_string(n) + " e + acute (NFC composes)", repeat("e" + cp(0x0301), n));
        add(std::to_string(n) + " + a bidi override", cp(0x202E) + std::string(static_cast<std::size_t>(n), 'b'));
    }
    // Invalid UTF-8: overlong, surrogates, out of range, truncated, stray continuations.
    const char* invalid[] = {"\xC0\x80",     "\xC0\xAF",         "\xC1\xBF",         "\xE0\x80\xAF",
                             "\xE0\x9F\xBF", "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", "\xF8\x88\x80\x80\x80",
                             "\xED\xA0\x80", "\xED\xAF\xBF",     "\xED\xB0\x80",     "\xED\xBF\xBF",
                             "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF", "\xC3",         "\xE2\x82",
                             "\xF0\x9F\x98", "\x80",             "\xBF",             "\xFE",
                             "\xFF",         "\xC3\x28",         "\xE2\x28\xA1",     "\xF0\x28\x8C\xBC"};
    for (const char* bad : invalid) {
        const std::string b(bad);
        add("invalid alone " + printable(b), b);
        add("invalid after text " + printable(b), "Valid Name " + b);
        add("invalid before text " + printable(b), b + "Valid Name");
        add("invalid after formula " + printable(b), "=" + b);
    }
    // Formula prefixes crossed with payloads, plus disguises the sanitiser strips in front of them.
    const char* prefixes[] = {"=", "+", "-", "@", "\t", "\r", "\t=", "\r\n="};
    const char* payloads[] = {"1+1", "cmd|' /C calc'!A0", "HYPERLINK(\"http://evil.example\",\"x\")",
                              "SUM(A1:A9)", "", "\"", ",", "2024-01-01"};
    for (const char* p : prefixes) {
        for (const char* q : payloads) add("formula " + printable(std::string(p) + q), std::string(p) + q);
    }
    for (const std::string& disguise : {std::string(" "), std::string("  \t "), cp(0x00A0), cp(0x200B),
                                        cp(0x202E), std::string("\x01"), cp(0x0085), std::string("\0", 1)}) {
        add("disguised formula " + printable(disguise), disguise + "=1+1");
        add("disguised minus " + printable(disguise), disguise + "-2");
    }
    // SQL metacharacters and quotes in every position.
    for (const char* sql : {"'", "''", "\"", "`", ";", "--", "/*", "*/", "%", "_", "\\", "?", ":name", "$1"}) {
        add(std::string("sql alone ") + sql, sql);
        add(std::string("sql wrapped ") + sql, std::string("O") + sql + "Brien" + sql);
    }
    // Non-BMP, emoji sequences, unassigned and private-use code points (no glyph in any font we ship).
    for (const char32_t c : {char32_t(0x1F600), char32_t(0x1F3F4), char32_t(0x1F1EC), char32_t(0x10FFFF),
                             char32_t(0xE000), char32_t(0xF8FF), char32_t(0xFFFD), char32_t(0xFFFE),
                             char32_t(0x0378), char32_t(0x0870), char32_t(0x2FFFF), char32_t(0xE0001),
                             char32_t(0x1D11E), char32_t(0x20000), char32_t(0x13000), char32_t(0x1F9FF)}) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        add(std::string("code point ") + hex, "X " + cp(c) + " Y");
    }
    add("emoji ZWJ family", cp(0x1F469) + cp(0x200D) + cp(0x1F469) + cp(0x200D) + cp(0x1F467));
    add("emoji skin tone", cp(0x1F44B) + cp(0x1F3FD));
    add("RTL Arabic with bidi override", cp(0x202E) + "محمد" + cp(0x202C) + " 42");
    add("RTL Hebrew mixed digits", "שלום 123 עולם");
    return out;
}

std::string printable(std::string_view bytes) {
    std::string out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (out.size() > 60) {
            out += "...";
            break;
        }
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out += ch;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    return out;
}

}  // namespace hardening
