// Locating the shipped resources (course, fonts, pack labels) next to the program or under the install
// prefix. Layer: content.
#include "content/resources.hpp"

#include "bk/install_dirs.hpp"

#include <optional>

namespace content {
namespace fs = std::filesystem;
namespace {

// The install layout (also the build tree's): <root>/content, <root>/assets, <root>/print/pack.toml.
// The source tree keeps the course in content/course and the labels in print/strings.
std::optional<Resources> probe(const fs::path& root, bool sourceLayout) {
    Resources r;
    r.root = root;
    r.course = sourceLayout ? root / "content" / "course" : root / "content";
    r.assets = root / "assets";
    r.packStrings = sourceLayout ? root / "print" / "strings" / "pack.toml" : root / "print" / "pack.toml";
    std::error_code ec;
    if (!fs::is_regular_file(r.course / "course.toml", ec) || !fs::is_directory(r.assets / "fonts", ec) ||
        !fs::is_regular_file(r.packStrings, ec))
        return std::nullopt;
    return r;
}

}  // namespace

std::vector<fs::path> resourceRoots(const fs::path& executableDir) {
    std::vector<fs::path> roots;
    if (!executableDir.empty()) roots.push_back(executableDir / "share" / "briefing-kiosk");
    roots.emplace_back(bk::kInstallDataDir);
    if (*bk::kDevSourceDir) roots.emplace_back(bk::kDevSourceDir);
    return roots;
}

Resources locateResources(const fs::path& executableDir) {
    std::string tried;
    for (const auto& root : resourceRoots(executableDir)) {
        const bool sourceLayout = *bk::kDevSourceDir && root == fs::path(bk::kDevSourceDir);
        if (auto r = probe(root, sourceLayout)) return *r;
        tried += "\n  " + root.string();
    }
    throw ResourceError("cannot find the shipped course, fonts and pack labels (course.toml, assets/fonts, "
                        "pack.toml); looked in:" + tried);
}

fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

}  // namespace content
