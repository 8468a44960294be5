// Officer PIN unlock: named accounts, lockout after 5 wrong PINs with growing delays, a lockout lifted by
// another officer or `briefing set-pin`. State lives in the attendance store, so it survives a restart.
// Fail closed: every attempt is counted in the store BEFORE its PIN is checked; when that cannot be saved
// (store locked by another writer, disk full) the PIN is not checked and every PIN gets the same answer.
// PINs are peppered with the installation's secret key (pin.hpp). Layer: kiosk/officer. Not thread-safe
// (one per Store); `now` is passed in so tests never sleep.
#pragma once

#include "kiosk/config/secrets.hpp"
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
// The attempt could not be recorded (or its result could not be saved), so the PIN was not checked (or its
// result is withheld): `message` depends only on the store's fault, never on the PIN, e.g. "Officer mode is
// unavailable: the attendance store cannot be written (it is locked by another program)."
struct Unavailable {
    std::string message;
};
// The account's stored hash cannot be checked with this installation's key (set before PINs were peppered,
// or with another key): the PIN was not checked; `message` says to run `briefing set-pin` for the account.
struct PinMustBeReset {
    std::string message;
};

using Verdict =
    std::variant<Unlocked, WrongPin, LockedOut, NoSuchOfficer, NoOfficersConfigured, Unavailable, PinMustBeReset>;

// The one message of Unavailable for a store fault.
std::string unavailableMessage(records::StoreFault fault);

// Refused officer-management request (wrong role, unlocking oneself). what() is one line for people.
class PermissionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Authenticator {
public:
    // `pepper`: config::deriveKey(secret, KeyPurpose::PinPepper). Only verify needs it; the other calls
    // work without (the kiosk lists officers even when the key could not be loaded).
    explicit Authenticator(records::Store& store, std::optional<config::PurposeKey> pepper = std::nullopt,
                           PinPolicy policy = {});

    // Checks `pin` for officer `name` at `now`, in two commits (records::Store::beginPinAttempt and
    // finishPinAttempt): first the attempt is counted as a failure ("pin-attempt"), and only once that is
    // saved is the PIN checked; then "unlock" (failures cleared) or "failed-pin" (plus "lockout").
    // During a lockout the PIN is not checked at all. A store fault in either commit gives Unavailable
    // (the same for every PIN); without a pepper every attempt is Unavailable before anything is checked.
    // Never throws for a store fault; throws PinError only if libsodium cannot run.
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
    std::optional<TimePoint> lockoutEnd(const records::Officer& officer, TimePoint now) const;

    records::Store& m_store;
    std::optional<config::PurposeKey> m_pepper;
    PinPolicy m_policy;
};

// Hashes `pin` with `pepper` and stores it for `name` (creating the account or replacing its PIN), clearing
// any lockout; the audit row "set-pin" names `actor`. Without `role` an existing account keeps its role and
// a new one is an officer. Throws PinError for a PIN breaking the rule (pinProblem: weak PINs included),
// records::InputError for a bad name. Returns the role stored.
Role setPin(records::Store& store, const std::string& name, std::optional<Role> role, std::string_view pin,
            const config::PurposeKey& pepper, const std::string& actor);

}  // namespace kiosk::officer
