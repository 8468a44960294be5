// Invoker (the real user behind `briefing`) and becomeDataOwner (root drops to the data folder's owner;
// others are refused). Layer: tools.
#include "invoker.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace briefing {
namespace {

std::optional<std::string> userName(uid_t uid) {
    const passwd* pw = ::getpwuid(uid);
    if (!pw || !pw->pw_name || !*pw->pw_name) return std::nullopt;
    return std::string(pw->pw_name);
}

}  // namespace

Invoker Invoker::fromProcess() {
    Invoker who;
    who.uid = ::getuid();
    who.name = userName(who.uid).value_or(std::to_string(who.uid));
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo && who.uid == 0) who.sudoUser = sudo;
    std::ifstream in("/proc/self/loginuid");
    long long login = -1;
    // 4294967295 ((uid_t)-1) means "not set" (a service, or a kernel without audit).
    if (in >> login && login >= 0 && login < 4294967295LL) {
        who.loginUid = static_cast<uid_t>(login);
        who.loginName = userName(*who.loginUid);
    }
    return who;
}

std::string Invoker::actor() const {
    std::string a = "cli:" + name + " uid=" + std::to_string(uid);
    if (sudoUser && *sudoUser != name) a += " sudo_user=" + *sudoUser;
    if (loginUid && *loginUid != uid)
        a += " login=" + loginName.value_or(std::to_string(*loginUid)) + "(" + std::to_string(*loginUid) + ")";
    return a;
}

void refuseForeignDataFolder(const std::filesystem::path& dataDir) {
    struct stat st {};
    if (::stat(dataDir.c_str(), &st) != 0) return;
    const uid_t me = ::geteuid();
    if (st.st_uid == me || me == 0) return;
    const std::string ownerName = userName(st.st_uid).value_or(std::to_string(st.st_uid));
    throw DataOwnerError("the data folder " + dataDir.string() + " belongs to user " + ownerName +
                         ", not to you: run briefing as that user, e.g. runuser -u " + ownerName + " -- briefing …");
}

void becomeDataOwner(const std::filesystem::path& dataDir) {
    refuseForeignDataFolder(dataDir);
    struct stat st {};
    if (::stat(dataDir.c_str(), &st) != 0) return;  // missing: created by and for the caller
    if (st.st_uid == ::geteuid()) return;
    const auto owner = userName(st.st_uid);
    const std::string ownerName = owner.value_or(std::to_string(st.st_uid));
    // Root: become the owner, so backups, the WAL and spool files stay theirs (a root-owned backups/ folder
    // would break the kiosk's own backups).
    const passwd* pw = owner ? ::getpwnam(owner->c_str()) : nullptr;
    const gid_t gid = pw ? pw->pw_gid : st.st_gid;
    const bool groupsSet = pw ? ::initgroups(pw->pw_name, gid) == 0 : ::setgroups(0, nullptr) == 0;
    if (!groupsSet || ::setgid(gid) != 0 || ::setuid(st.st_uid) != 0)
        throw DataOwnerError("cannot switch to " + ownerName + ", the owner of the data folder " + dataDir.string() +
                             ": " + std::strerror(errno) + "; run: runuser -u " + ownerName + " -- briefing …");
    if (::setuid(0) == 0) throw DataOwnerError("still able to regain root after switching to " + ownerName);
    ::umask(0077);
}

}  // namespace briefing
