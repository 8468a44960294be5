// Where the shipped, read-only resources are: the course (modules, UI string catalogs, force profiles),
// the fonts and the pack's label table. Located once at start-up and passed down. Layer: content.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace content {

// The shipped resources. Every path is absolute once located.
struct Resources {
    std::filesystem::path root;         // the folder they were found in (for messages and `config show`)
    std::filesystem::path course;       // folder holding course.toml (strings/, forces/ inside)
    std::filesystem::path assets;       // assets/ (fonts/ inside)
    std::filesystem::path packStrings;  // the pack's label table (pack.toml)

    std::filesystem::path demoForceProfile() const { return course / "forces" / "demo.toml"; }
};

// Thrown when no candidate folder holds the resources; the message lists every folder tried.
class ResourceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The folders tried, in order: `<executableDir>/share/briefing-kiosk` (a build tree, where CMake links the
// source tree's resources in next to each program), then the configured install prefix's
// `<datadir>/briefing-kiosk`. A developer build with -DBK_DEV_SOURCE_RESOURCES=ON also tries the source
// tree it was built from; release builds (the package, CI) never do.
std::vector<std::filesystem::path> resourceRoots(const std::filesystem::path& executableDir);

// The first of resourceRoots() that holds all the resources. Throws ResourceError.
Resources locateResources(const std::filesystem::path& executableDir);

// The running program's folder (from /proc/self/exe); empty when it cannot be read.
std::filesystem::path executableDir();

}  // namespace content
