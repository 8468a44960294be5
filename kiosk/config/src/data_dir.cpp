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
