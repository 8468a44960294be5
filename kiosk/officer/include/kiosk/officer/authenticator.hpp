// Officer PIN unlock: named accounts, lockout after 5 wrong PINs with growing delays, a lockout lifted by
// another officer or `briefing set-pin`. State lives in the attendance store, so it survives a restart.
// Layer: kiosk/officer. Not thread-safe (one per Store); `now` is passed in so tests never sleep.
#pragma once

#include "kiosk/officer/permissions.hpp"
#include "kiosk/records/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::officer {

using TimePoint = records::TimePoint;

// How many wrong PINs are allowed and how long each lockout lasts after that.
struct PinPolicy {
    int maxAttempts = 5;
    // The lockout after failure maxAttempts, maxAttempts+1, ...; the last delay repeats (the cap).
    std::vector<std::chrono::seconds> delays{std::chrono::seconds{30},  std::chrono::seconds{60},
                                             std::chrono::seconds{120}, std::chrono::seconds{300},
                                             std::chrono::seconds{600}, std::chrono::seconds{900}};

    // The lockout that `failures` consecutive wrong PINs earn; nullopt below maxAttempts.
    std::optional<std::chrono::seconds> lockoutDelay(int failures) const;
    // Wrong PINs still allowed before the first lockout (0 once reached).
    int attemptsLeft(int failures) const;
};

struct Unlocked {
    std::string name;
    Role role = Role::Officer;
};
struct WrongPin {
    int attemptsLeft = 0;  // before the next lockout; 0 when a lockout would follow the next wrong PIN
};
struct LockedOut {
    TimePoint until;
};
struct NoSuchOfficer {};
struct NoOfficersConfigured {};  // first run: the kiosk says to run `briefing set-pin`

using Verdict = std::variant<Unlocked, WrongPin, LockedOut, NoSuchOfficer, NoOfficersConfigured>;

// Refused officer-management request (wrong role, unlocking oneself). what() is one line for people.
class PermissionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Authenticator {
public:
    explicit Authenticator(records::Store& store, PinPolicy policy = {});

    // Checks `pin` for officer `name` at `now`. Every attempt is audited in the store: "unlock" on
    // success (failure count cleared), "failed-pin" otherwise, plus "lockout" when a lockout starts.
    // During a lockout the PIN is not checked at all. Throws records::StoreError (exit 3 kind) only.
    Verdict verify(const std::string& name, std::string_view pin, TimePoint now);

    // The end of `name`'s lockout when it is locked at `now`, for the PIN pad to show before entry.
    std::optional<TimePoint> lockedUntil(const std::string& name, TimePoint now) const;
    bool configured() const;  // at least one officer account exists
    std::vector<records::Officer> officers() const;  // names and roles for the PIN pad; never hashes

    // Lifts `lockedName`'s lockout on behalf of the unlocked officer `by` (audit "officer-unlock" by them).
    // PermissionError when `by` may not (print operator) or is the same officer; NotFoundError when unknown.
    void unlockOther(const Unlocked& by, const std::string& lockedName);

    const PinPolicy& policy() const { return m_policy; }

private:
    records::Store& m_store;
    PinPolicy m_policy;
};

// Hashes `pin` and stores it for `name` (creating the account or replacing its PIN), clearing any lockout;
// the audit row "set-pin" names `actor`. Without `role` an existing account keeps its role and a new one
// is an officer. Throws PinError for a PIN breaking the rule, records::InputError for a bad name.
// Returns the role stored.
Role setPin(records::Store& store, const std::string& name, std::optional<Role> role, std::string_view pin,
            const std::string& actor);

}  // namespace kiosk::officer
