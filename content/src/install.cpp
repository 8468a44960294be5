// Course install and rollback by atomic folder swaps in the course's parent folder. Layer: content.
#include "content/install.hpp"

#include "content/course.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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

// Copies the plain files and folders under `from` into the new folder `to`, never following a link: each
// file is opened with O_NOFOLLOW and checked to be a regular file on the open descriptor.
bool copyPlainTree(const fs::path& from, const fs::path& to, std::string& error) {
    std::error_code ec;
    if (!fs::create_directory(to, ec)) {
        error = to.string() + ": " + (ec ? ec.message() : std::string("already exists"));
        return false;
    }
    for (fs::recursive_directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path rel = it->path().lexically_relative(from);
        const fs::path dest = to / rel;
        const fs::file_status st = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_directory(st)) {
            if (!fs::create_directory(dest, ec)) {
                error = dest.string() + ": " + (ec ? ec.message() : std::string("already exists"));
                return false;
            }
            continue;
        }
        if (!fs::is_regular_file(st)) {
            error = it->path().string() + ": not a plain file (a link or special file); not copied";
            return false;
        }
        const int in = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        struct stat fst {};
        if (in < 0 || ::fstat(in, &fst) != 0 || !S_ISREG(fst.st_mode)) {
            error = it->path().string() + ": " + (in < 0 ? std::strerror(errno) : "not a plain file") + "; not copied";
            if (in >= 0) ::close(in);
            return false;
        }
        const int out = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        bool ok = out >= 0;
        char buf[65536];
        while (ok) {
            const ssize_t n = ::read(in, buf, sizeof buf);
            if (n == 0) break;
            if (n < 0) {
                ok = errno == EINTR;
                continue;
            }
            for (ssize_t done = 0; ok && done < n;) {
                const ssize_t w = ::write(out, buf + done, static_cast<std::size_t>(n - done));
                if (w < 0 && errno == EINTR) continue;
                ok = w > 0;
                done += w > 0 ? w : 0;
            }
        }
        if (ok) ok = ::fsync(out) == 0;
        if (!ok) error = dest.string() + ": " + std::strerror(errno);
        ::close(in);
        if (out >= 0) ::close(out);
        if (!ok) return false;
    }
    if (ec) {
        error = from.string() + ": " + ec.message();
        return false;
    }
    return true;
}

InstallResult fail(InstallStatus status, std::string message) {
    InstallResult r;
    r.status = status;
    r.message = std::move(message);
    return r;
}

}  // namespace

std::vector<Diagnostic> nonPlainEntries(const fs::path& dir) {
    std::vector<Diagnostic> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;  // the loader says the folder is missing
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::file_status st = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_symlink(st)) {
            std::error_code linkEc;
            const fs::path to = fs::read_symlink(it->path(), linkEc);
            out.push_back({it->path().string(), 0, 0,
                           "a symbolic link" + (linkEc ? std::string() : " (to " + to.string() + ")") +
                               ": a course folder may hold only plain files and folders; links are not followed"});
        } else if (!fs::is_regular_file(st) && !fs::is_directory(st)) {
            out.push_back({it->path().string(), 0, 0,
                           "not a plain file or folder (a FIFO, socket or device): a course folder may hold only "
                           "plain files and folders"});
        }
    }
    if (ec) out.push_back({dir.string(), 0, 0, "cannot list the course folder: " + ec.message()});
    return out;
}

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
    std::string copyError;
    if (!copyPlainTree(source, staging, copyError)) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        return fail(InstallStatus::Environment, "cannot copy the course to " + staging.string() + ": " + copyError);
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
