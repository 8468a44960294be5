// UpgradeWatch: compares the running program's inode with what its path names now. Layer: kiosk/config.
#include "kiosk/config/upgrade_watch.hpp"

#include <sys/stat.h>

namespace kiosk::config {

UpgradeWatch UpgradeWatch::forThisProgram() {
    UpgradeWatch w;
    std::error_code ec;
    w.m_path = std::filesystem::read_symlink("/proc/self/exe", ec);
    struct stat running {};
    // stat() follows the magic link to the running image itself, even once its name is gone.
    if (!ec && ::stat("/proc/self/exe", &running) == 0) w.m_started = Identity{running.st_dev, running.st_ino};
    return w;
}

UpgradeWatch UpgradeWatch::forFile(const std::filesystem::path& path) {
    UpgradeWatch w;
    w.m_path = path;
    struct stat now {};
    if (::stat(path.c_str(), &now) == 0) w.m_started = Identity{now.st_dev, now.st_ino};
    return w;
}

bool UpgradeWatch::replaced(std::chrono::steady_clock::time_point now, std::chrono::steady_clock::duration interval) {
    if (m_replaced || !m_started) return m_replaced;
    if (m_lastLook && now - *m_lastLook < interval) return false;
    m_lastLook = now;
    struct stat current {};
    m_replaced = ::stat(m_path.c_str(), &current) != 0 || current.st_dev != m_started->device ||
                 current.st_ino != m_started->inode;
    return m_replaced;
}

}  // namespace kiosk::config
