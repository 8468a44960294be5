// The hostile-string corpus: the committed seed file (with escapes) plus entries generated in code.
// Layer: tests/hardening (test code).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hardening {

struct HostileString {
    std::string label;  // printable description for reports
    std::string bytes;
};

// Decodes one seed-file line: \\ \n \r \t \0 \xHH \u{H...}. Throws std::invalid_argument on a bad escape.
std::string unescapeSeed(std::string_view line);

// The seed file's entries (comments and blank lines skipped). Throws std::runtime_error naming the
// file and line when it cannot be read or an escape is bad.
std::vector<HostileString> loadSeedFile(const std::filesystem::path& file);

// Entries generated in code: every C0/C1/bidi/invisible control in several positions, 1,000 combining
// marks, 100,000-character strings, lengths around the store's 200-character limit, overlong and
// truncated UTF-8, formula prefixes crossed with payloads and disguises, emoji and unassigned code points.
std::vector<HostileString> generatedHostileStrings();

// A printable label for any bytes (escaped, at most ~60 characters).
std::string printable(std::string_view bytes);

}  // namespace hardening
