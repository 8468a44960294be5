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

// Why `target` (a file an export or pack is to be written to, or a folder packs go into) must not be
// used, or nullopt: it is the data folder `dataDir` or inside it (the store, its WAL and SHM, backups, the
// spool folder, a damaged store kept aside: a rename over any of them destroys it), unless it lies inside
// the configured export folder `exportDir`. Symbolic links in the folders are resolved; the last
// component of a file is not, since the write renames over that name rather than following it.
std::optional<std::string> outputTargetProblem(const std::filesystem::path& dataDir,
                                               const std::filesystem::path& exportDir,
                                               const std::filesystem::path& target, bool targetIsFolder);
// For read-only commands: checks that `dir` exists, is a folder and can be read, creating nothing.
std::optional<std::string> checkDataDir(const std::filesystem::path& dir);

}  // namespace kiosk::config
