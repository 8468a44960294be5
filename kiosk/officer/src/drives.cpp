// Removable drives from the mount table and sysfs. Layer: kiosk/officer.
#include "kiosk/officer/drives.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

namespace kiosk::officer {
namespace fs = std::filesystem;

namespace {

std::string firstLine(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

bool removableFlag(const fs::path& sysBlock, const std::string& disk) {
    return firstLine(sysBlock / disk / "removable") == "1";
}

// /dev/sdb1 -> "sdb" when /sys/block/sdb/sdb1 exists; /dev/sdb -> "sdb"; empty when sysfs knows nothing.
std::string diskOf(const fs::path& sysBlock, const std::string& device) {
    if (device.rfind("/dev/", 0) != 0) return {};
    std::string name = fs::path(device).filename().string();
    std::error_code ec;
    if (fs::exists(sysBlock / name, ec)) return name;
    for (const auto& entry : fs::directory_iterator(sysBlock, ec)) {
        if (fs::exists(entry.path() / name, ec)) return entry.path().filename().string();
    }
    return {};
}

// /media/X, /media/USER/X, /run/media/USER/X (udisks and desktop automounters).
bool underMediaRoot(const fs::path& mountPoint) {
    std::vector<std::string> parts;
    for (const auto& p : mountPoint.relative_path()) parts.push_back(p.string());
    if (!parts.empty() && parts[0] == "media") return parts.size() == 2 || parts.size() == 3;
    return parts.size() == 4 && parts[0] == "run" && parts[1] == "media";
}

bool hasOption(const std::string& options, const std::string& option) {
    std::istringstream in(options);
    std::string o;
    while (std::getline(in, o, ',')) {
        if (o == option) return true;
    }
    return false;
}

}  // namespace

std::string unescapeMountField(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const std::string oct = field.substr(i + 1, 3);
            if (oct.size() == 3 && oct.find_first_not_of("01234567") == std::string::npos) {
                out += static_cast<char>(std::stoi(oct, nullptr, 8));
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

std::vector<RemovableDrive> listRemovableDrives(const DriveSources& sources) {
    std::vector<RemovableDrive> out;
    std::ifstream in(sources.mounts);
    std::set<fs::path> seen;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string device, mountPoint, type, options;
        if (!(fields >> device >> mountPoint >> type >> options)) continue;
        device = unescapeMountField(device);
        const fs::path mount = unescapeMountField(mountPoint);
        const std::string disk = diskOf(sources.sysBlock, device);
        const bool removable = (!disk.empty() && removableFlag(sources.sysBlock, disk)) || underMediaRoot(mount);
        if (!removable || mount == "/" || !seen.insert(mount).second) continue;
        RemovableDrive d;
        d.label = mount.filename().string();
        d.mountPoint = mount;
        d.device = device;
        struct statvfs vfs {};
        if (::statvfs(mount.c_str(), &vfs) == 0) {
            d.freeBytes = static_cast<std::uintmax_t>(vfs.f_bavail) * static_cast<std::uintmax_t>(vfs.f_frsize);
        }
        d.writable = !hasOption(options, "ro") && ::access(mount.c_str(), W_OK) == 0;
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace kiosk::officer
