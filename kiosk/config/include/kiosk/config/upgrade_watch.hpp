// Notices that this program's file was replaced on disk (a package upgrade or reinstall: dpkg renames the
// new file over the old one), so the kiosk restarts into the new version at its next idle moment instead of
// being restarted by the package mid-journey. Layer: kiosk/config (no UI, no SQLite).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <sys/types.h>

namespace kiosk::config {

class UpgradeWatch {
public:
    // Watches the running program: the file /proc/self/exe is (its device and inode) against the path it
    // was started from. Disabled (never reports) when either cannot be read.
    static UpgradeWatch forThisProgram();
    // Watches `path` against the file it names now.
    static UpgradeWatch forFile(const std::filesystem::path& path);

    // True once `path` names another file than at the start, or none. Looks at the file at most once per
    // `interval` (the kiosk calls this every loop while idle); a true answer stays true.
    bool replaced(std::chrono::steady_clock::time_point now,
                  std::chrono::steady_clock::duration interval = std::chrono::seconds(2));

private:
    struct Identity {
        dev_t device;
        ino_t inode;
    };
    std::filesystem::path m_path;
    std::optional<Identity> m_started;
    std::optional<std::chrono::steady_clock::time_point> m_lastLook;
    bool m_replaced = false;
};

}  // namespace kiosk::config
