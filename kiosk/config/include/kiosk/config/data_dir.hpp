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

// Creates `dir` and its missing ancestors, each with mode 0700 (what we create may hold personal data
// or keys). Existing folders are left as they are. Returns nullopt, or a one-line problem naming the folder
// that could not be made.
std::optional<std::string> makePrivateFolders(const std::filesystem::path& dir);

// Why `target` (a file an export or pack is to be written to, or a folder packs go into) must not be
// used, or nullopt: it is the data folder `dataDir` or inside it (the store, its WAL and SHM, backups, the
// spool folder, a damaged store kept aside: a rename over any of them destroys it), unless it lies inside
// the configured export folder `exportDir`. Symbolic links in the folders are resolved; the last
// component of a file is not, since the write renames over that name rather than following it.
std::optional<std::string> outputTargetProblem(const std::filesystem::path& dataDir,
                                               const std::filesystem::path& exportDir,
                                               const std::filesystem::path& target, bool targetIsFolder);

}  // namespace kiosk::config
