// Installing a validated course in place of the current one, keeping the previous version beside it
// (`<target>.previous`), and rolling back. Layer: content. Not thread-safe: one installer at a time.
#pragma once

#include "content/diagnostic.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content {

enum class InstallStatus {
    Installed,     // the new course is in place; the old one (if any) is in <target>.previous
    Invalid,       // the new course has errors (see diagnostics); nothing was changed
    Environment,   // a file system step failed (see message); the installed course is unchanged
};

struct InstallResult {
    InstallStatus status = InstallStatus::Invalid;
    std::vector<Diagnostic> diagnostics;  // from validating the new course (errors and warnings)
    std::string message;                  // one line for the user
    std::filesystem::path previous;       // where the replaced course now is (empty when there was none)
};

// Every entry under `dir` that is not a plain file or folder (a symbolic link, FIFO, socket or device),
// as one error each ("file: a symbolic link (to X): ..."). A course folder may hold only plain files and
// folders: links are never followed, so a link to /etc/shadow is refused, not copied in. `dir` itself may
// be a link (the path the user gave). validateCourse reports these first and reads nothing else.
std::vector<Diagnostic> nonPlainEntries(const std::filesystem::path& dir);

// The sibling folder holding the previous course: "<target>.previous".
std::filesystem::path previousCourseDir(const std::filesystem::path& target);

// Validates `source` (with `forceProfile`, see validateCourse), copies it next to `target` (plain files
// and folders only, opened with O_NOFOLLOW, so a link swapped in after the check is refused too), validates
// the copy again, then swaps it in with one atomic rename (renameat2 RENAME_EXCHANGE where the file system
// supports it). The replaced course becomes <target>.previous; an older .previous is deleted.
InstallResult installCourse(const std::filesystem::path& source, const std::filesystem::path& target,
                            const std::filesystem::path& forceProfile);

// Swaps <target> and <target>.previous atomically: a second rollback undoes the first. Status Invalid
// when there is no previous course.
InstallResult rollbackCourse(const std::filesystem::path& target);

}  // namespace content
