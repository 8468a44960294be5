// Data folder preparation. Layer: kiosk/config.
#include "kiosk/config/data_dir.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::config {

std::optional<std::string> prepareDataDir(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        if (dir.has_parent_path() && !fs::exists(dir.parent_path(), ec)) {
            fs::create_directories(dir.parent_path(), ec);
            if (ec) return "data folder " + dir.string() + " cannot be created: " + ec.message();
        }
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            return "data folder " + dir.string() + " cannot be created: " + std::strerror(errno);
    }
    if (!fs::is_directory(dir, ec)) return "data folder " + dir.string() + " is not a folder";
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return "data folder " + dir.string() + " is not writable: " + std::strerror(errno);
    return std::nullopt;
}

}  // namespace kiosk::config
