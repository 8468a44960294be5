// Shared helpers of the kiosk/config tests: a temporary folder and an Environment inside it, so no test
// reads the real configuration. Layer: tests/config.
#pragma once

#include "kiosk/config/settings.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace config_test {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("bk-config-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

// HOME, XDG folders and the system kiosk.toml all inside `t`.
inline kiosk::config::Environment testEnv(const TempDir& t) {
    kiosk::config::Environment env;
    env.home = (t.path / "home").string();
    env.xdgConfigHome = (t.path / "xdg-config").string();
    env.xdgDataHome = (t.path / "xdg-data").string();
    env.systemConfigFile = t.path / "etc" / "kiosk.toml";
    env.resources = kiosk::config::Environment::fromProcess().resources;  // the build tree's, beside the test
    return env;
}

}  // namespace config_test
