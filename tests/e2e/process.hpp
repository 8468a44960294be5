// Runs a program for end-to-end tests and captures its exit code, stdout and stderr. Layer: tests (e2e).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace e2e {

struct Result {
    int exitCode = -1;  // -1: killed by a signal or could not run
    std::string out;
    std::string err;
};

// Runs `argv` (no shell) with `env` entries ("NAME=value", or "-NAME" to unset) added to ours, stdin from
// /dev/null. Kills it after `timeoutSeconds`.
Result run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}, int timeoutSeconds = 60);

// The environment entry for a child that runs OpenGL (the kiosk): the sanitizer options we run under, with
// leak detection off. Mesa's llvmpipe unloads its driver before LeakSanitizer looks, leaving blocks it can
// no longer attribute (or suppress); the kiosk's own code is leak-checked in the headless UI tests.
// Outside a sanitizer build the entry is inert.
std::string glChildSanitizerOptions();

// A fresh temporary folder, removed when the object goes.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
};

}  // namespace e2e
