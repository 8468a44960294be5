// The data folder: created on first use with mode 0700 (it holds personal data).
// Layer: kiosk/config.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::config {

// Creates `dir` (and parents) if needed, sets it to 0700 when we created it, and checks that we can
// write there. Returns nullopt on success, or a one-line problem naming the folder.
std::optional<std::string> prepareDataDir(const std::filesystem::path& dir);

}  // namespace kiosk::config
