// Helpers for reading TOML files with toml++ and turning its errors into Diagnostics.
// Layer: content (also used by kiosk/config for kiosk.toml).
#pragma once

#include <filesystem>
#include <string>

#include <toml++/toml.h>

namespace content {

// Maximum size of a TOML file we agree to parse (a manifest, profile or catalog is a few KB).
inline constexpr std::uintmax_t kMaxTomlBytes = 1024 * 1024;

// Reads and parses `file`. Throws LoadError naming the file (and line:col for syntax errors) when the
// file is missing, unreadable, too large, not UTF-8 or not valid TOML.
toml::table parseTomlFile(const std::filesystem::path& file);

}  // namespace content
