// Course install and rollback by atomic folder swaps in the course's parent folder. Layer: content.
#include "content/install.hpp"

#include "content/course.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace content {
namespace {

// Exchanges two existing paths in one step, so readers see either the old or the new course, never none.
// Falls back to two renames through a temporary name where RENAME_EXCHANGE is not supported.
bool exchange(const fs::path& a, const fs::path& b, std::string& error) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        error = std::strerror(errno);
        return false;
    }
    const fs::path tmp = a.string() + ".swap-" + std::to_string(::getpid());
    std::error_code ec;
    fs::rename(a, tmp, ec);
    if (!ec) fs::rename(b, a, ec);
    if (!ec) fs::rename(tmp, b, ec);
    if (ec) error = ec.message();
    return !ec;
}

InstallResult fail(InstallStatus status, std::string message) {
    InstallResult r;
    r.status = status;
    r.message = std::move(message);
    return r;
}

}  // namespace

fs::path previousCourseDir(const fs::path& target) {
    fs::path t = target;
    if (!t.has_filename()) t = t.parent_path();  // "dir/" -> "dir"
    return t.string() + ".previous";
}

InstallResult installCourse(const fs::path& source, const fs::path& targetIn, const fs::path& forceProfile) {
    fs::path target = targetIn;
    if (!target.has_filename()) target = target.parent_path();
    std::error_code ec;
    if (fs::exists(target, ec) && fs::equivalent(source, target, ec))
        return fail(InstallStatus::Invalid, source.string() + " is the installed course already");

    InstallResult result;
    result.diagnostics = validateCourse(source, forceProfile);
    if (hasErrors(result.diagnostics)) {
        result.status = InstallStatus::Invalid;
        result.message = "the new course has errors; the installed course was not changed";
        return result;
    }

    const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    fs::create_directories(parent, ec);
    if (ec) return fail(InstallStatus::Environment, "cannot create " + parent.string() + ": " + ec.message());
    const fs::path staging = target.string() + ".installing-" + std::to_string(::getpid());
    fs::remove_all(staging, ec);
    fs::copy(source, staging, fs::copy_options::recursive, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        return fail(InstallStatus::Environment, "cannot copy the course to " + staging.string() + ": " + ec.message());
    }
    // Validate what will actually be installed: the source may have changed (or be a failing USB stick).
    if (hasErrors(validateCourse(staging, forceProfile))) {
        fs::remove_all(staging, ec);
        return fail(InstallStatus::Invalid,
                    "the copy of " + source.string() + " did not validate (did it change while copying?); nothing installed");
    }

    const fs::path previous = previousCourseDir(target);
    if (!fs::exists(target, ec)) {
        fs::rename(staging, target, ec);
        if (ec) return fail(InstallStatus::Environment, "cannot move the course into " + target.string() + ": " + ec.message());
        result.status = InstallStatus::Installed;
        result.message = "installed " + target.string();
        return result;
    }
    std::string error;
    if (!exchange(staging, target, error)) {
        fs::remove_all(staging, ec);
        return fail(InstallStatus::Environment, "cannot swap in the new course at " + target.string() + ": " + error);
    }
    // `staging` now holds the replaced course: keep it as the previous version.
    fs::remove_all(previous, ec);
    fs::rename(staging, previous, ec);
    if (ec) {
        result.message = "installed " + target.string() + ", but could not keep the old course as " +
                         previous.string() + ": " + ec.message() + " (it is in " + staging.string() + ")";
        result.previous = staging;
    } else {
        result.message = "installed " + target.string() + "; the previous course is in " + previous.string();
        result.previous = previous;
    }
    result.status = InstallStatus::Installed;
    return result;
}

InstallResult rollbackCourse(const fs::path& targetIn) {
    fs::path target = targetIn;
    if (!target.has_filename()) target = target.parent_path();
    const fs::path previous = previousCourseDir(target);
    std::error_code ec;
    if (!fs::is_directory(previous, ec))
        return fail(InstallStatus::Invalid, "no previous course to roll back to (" + previous.string() + " does not exist)");
    if (!fs::exists(target, ec)) {
        fs::rename(previous, target, ec);
        if (ec) return fail(InstallStatus::Environment, "cannot restore " + previous.string() + ": " + ec.message());
        InstallResult r;
        r.status = InstallStatus::Installed;
        r.message = "restored " + target.string() + " from " + previous.string();
        return r;
    }
    std::string error;
    if (!exchange(previous, target, error))
        return fail(InstallStatus::Environment, "cannot swap " + previous.string() + " and " + target.string() + ": " + error);
    InstallResult r;
    r.status = InstallStatus::Installed;
    r.previous = previous;
    r.message = "restored the previous course into " + target.string() + "; the replaced one is now " +
                previous.string() + " (roll back again to undo)";
    return r;
}

}  // namespace content
