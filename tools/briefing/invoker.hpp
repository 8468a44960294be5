// Who runs `briefing`, and whose data folder it is: the audit log names the real invoking user, and the tool
// never leaves files in a data folder that belong to anyone but the folder's owner. Layer: tools.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace briefing {

// The person behind this process, captured once at start-up (before any change of user).
struct Invoker {
    uid_t uid = 0;                         // real uid
    std::string name;                      // its login name, or the number when it has none
    std::optional<std::string> sudoUser;   // $SUDO_USER (set by sudo) when running as root
    std::optional<uid_t> loginUid;         // the kernel's audit login uid (/proc/self/loginuid), when set
    std::optional<std::string> loginName;  // its name

    static Invoker fromProcess();
    // The audit actor: "cli:<name> uid=<n>", then " sudo_user=<name>" and " login=<name>(<uid>)" when known
    // and different from the user.
    std::string actor() const;
};

// The folder belongs to someone else and this process may not become them (exit code 3).
class DataOwnerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Before the store in `dataDir` is opened: when the folder exists and belongs to another user, root becomes
// that user (group, supplementary groups, then uid; irreversibly) so every file it makes is theirs; anyone
// else gets DataOwnerError naming `runuser -u <owner> -- briefing …`. A missing folder is left alone (the
// store creates it for the caller). Call after settings are read: root-only files such as the secret key
// must be read before.
void becomeDataOwner(const std::filesystem::path& dataDir);

// The refusal alone, changing nothing: DataOwnerError when the folder exists, belongs to another user and
// this process is not root. Run before the secret key is read, so such a user hears about runuser rather
// than about a key file it cannot read.
void refuseForeignDataFolder(const std::filesystem::path& dataDir);

}  // namespace briefing
