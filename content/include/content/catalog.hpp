// UI string catalogs: one TOML file per language (content/course/strings/<lang>.toml), keys in dotted form.
// Layer: content. A Catalog is immutable after loading and safe to read from any thread.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace content {

inline constexpr std::string_view kLangEnglish = "en-GB";
inline constexpr std::string_view kLangWelsh = "cy";

class Catalog {
public:
    Catalog() = default;

    // Loads `file`. Throws LoadError (with file:line:col) on a syntax error, invalid UTF-8 or a value
    // that is not a string.
    static Catalog load(const std::filesystem::path& file, std::string lang);

    const std::string& lang() const noexcept { return m_lang; }
    bool has(std::string_view key) const;
    // The string for `key`; a missing key returns the key itself in brackets so the gap is visible on
    // screen (the validator makes a missing key an error before a course is installed).
    std::string get(std::string_view key) const;
    const std::map<std::string, std::string, std::less<>>& entries() const noexcept { return m_entries; }

private:
    std::string m_lang;
    std::map<std::string, std::string, std::less<>> m_entries;
};

}  // namespace content
