// Data folder preparation. Layer: kiosk/config.
#include "kiosk/config/data_dir.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kiosk::config {

namespace fs = std::filesystem;

std::optional<std::string> makePrivateDirectories(const fs::path& dir) {
    std::error_code ec;
    // The missing levels, innermost last; mkdir each with 0700 (create_directories would use 0777 & ~umask).
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            return "folder " + it->string() + " cannot be created: " + std::strerror(errno);
    }
    if (!fs::is_directory(dir, ec)) return "folder " + dir.string() + " is not a folder";
    return std::nullopt;
}

std::optional<std::string> prepareDataDir(const fs::path& dir) {
    if (auto problem = makePrivateDirectories(dir)) return "data " + *problem;
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return "data folder " + dir.string() + " is not writable: " + std::strerror(errno);
    return std::nullopt;
}

namespace {

std::filesystem::path resolvedPath(const std::filesystem::path& p) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(p, ec);
    auto r = std::filesystem::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : r;
}

bool within(const std::filesystem::path& child, const std::filesystem::path& folder) {
    auto c = child.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++c) {
        if (f->empty()) continue;
        if (c == child.end() || *c != *f) return false;
    }
    return true;
}

}  // namespace

std::optional<std::string> outputTargetProblem(const std::filesystem::path& dataDir,
                                               const std::filesystem::path& exportDir,
                                               const std::filesystem::path& target, bool targetIsFolder) {
    if (target.empty()) return std::string("no output path given");
    std::filesystem::path name = target;
    if (!name.has_filename()) name = name.parent_path();
    // A file's folder is resolved; the file's own name is kept (rename replaces a link, not its target).
    const std::filesystem::path where =
        targetIsFolder ? resolvedPath(name) : resolvedPath(name.parent_path().empty() ? "." : name.parent_path()) /
                                                  name.filename();
    const std::filesystem::path data = resolvedPath(dataDir);
    if (!within(where, data)) return std::nullopt;
    if (!exportDir.empty()) {
        // The export folder (by default <data>/exports) is for exports, unless it is the data folder itself.
        const std::filesystem::path exports = resolvedPath(exportDir);
        const bool usable = !within(data, exports);
        if (usable && within(where, exports) && (targetIsFolder || where != exports)) return std::nullopt;
    }
    return target.string() + " is inside the data folder " + dataDir.string() +
           " (the attendance store, its backups and spool live there; writing there could destroy them): "
           "choose a file outside it" +
           (exportDir.empty() ? std::string() : ", or in the export folder " + exportDir.string());
}

std::optional<std::string> checkDataDir(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
        return "data folder " + dir.string() + " cannot be used: " + std::strerror(errno) +
               " (read-only commands create nothing; check --data or the data_dir setting)";
    if (!S_ISDIR(st.st_mode)) return "data folder " + dir.string() + " is not a folder";
    if (::access(dir.c_str(), R_OK | X_OK) != 0)
        return "data folder " + dir.string() + " cannot be read: " + std::strerror(errno);
    return std::nullopt;
}

}  // namespace kiosk::config
