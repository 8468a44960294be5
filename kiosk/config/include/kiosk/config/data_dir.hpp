// The data folder: created on first use with mode 0700 (it holds personal data), and the one helper every
// layer above uses to create folders of its own (0700 at every level it creates).
// Layer: kiosk/config.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::config {

// Creates `dir` and each missing parent with mode 0700 (never chmods what already exists). Returns nullopt
// on success (also when it already existed as a folder), or a one-line problem naming the folder.
std::optional<std::string> makePrivateDirectories(const std::filesystem::path& dir);

// Creates `dir` (and parents) if needed with mode 0700, and checks that we can write there. Returns nullopt
// on success, or a one-line problem naming the folder.
std::optional<std::string> prepareDataDir(const std::filesystem::path& dir);

// For read-only commands: checks that `dir` exists, is a folder and can be read, creating nothing.
std::optional<std::string> checkDataDir(const std::filesystem::path& dir);

}  // namespace kiosk::config
