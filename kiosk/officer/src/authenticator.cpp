// Officer PIN unlock over the attendance store: policy, verification, lockouts. Layer: kiosk/officer.
#include "kiosk/officer/authenticator.hpp"

#include "kiosk/officer/pin.hpp"

#include <algorithm>

namespace kiosk::officer {

std::optional<std::chrono::seconds> PinPolicy::lockoutDelay(int failures) const {
    if (failures < maxAttempts || delays.empty()) return std::nullopt;
    const auto index = static_cast<std::size_t>(failures - maxAttempts);
    return delays[std::min(index, delays.size() - 1)];
}

int PinPolicy::attemptsLeft(int failures) const { return failures >= maxAttempts ? 0 : maxAttempts - failures; }

std::string unavailableMessage(records::StoreFault fault) {
    const char* why = "it could not be written";
    switch (fault) {
        case records::StoreFault::Locked: why = "it is locked by another program"; break;
        case records::StoreFault::NotSaved: why = "the disk is full or could not be written"; break;
        case records::StoreFault::Damaged: why = "it is damaged"; break;
        case records::StoreFault::Missing: why = "it is missing"; break;
        case records::StoreFault::TooNew: why = "it was written by a newer version"; break;
        case records::StoreFault::Gone: why = "it was deleted or replaced while the kiosk was running"; break;
        case records::StoreFault::Other: break;
    }
    return std::string("Officer mode is unavailable: the attendance store cannot be written (") + why +
           "). No PIN was checked.";
}

Authenticator::Authenticator(records::Store& store, std::optional<config::PurposeKey> pepper, PinPolicy policy)
    : m_store(store), m_pepper(std::move(pepper)), m_policy(std::move(policy)) {}

std::optional<TimePoint> Authenticator::lockoutEnd(const records::Officer& officer, TimePoint now) const {
    if (officer.lockedUntil.empty()) return std::nullopt;
    TimePoint until;
    // An unreadable time would be a damaged row: treat it as locked for the longest delay from now.
    if (!records::parseUtcIso(officer.lockedUntil, until)) {
        return now + m_policy.lockoutDelay(m_policy.maxAttempts + 1000).value_or(std::chrono::seconds{0});
    }
    if (until <= now) return std::nullopt;
    return until;
}

std::optional<TimePoint> Authenticator::lockedUntil(const std::string& name, TimePoint now) const {
    const auto officer = m_store.officer(name);
    if (!officer) return std::nullopt;
    return lockoutEnd(*officer, now);
}

bool Authenticator::configured() const { return !m_store.listOfficers().empty(); }

std::vector<records::Officer> Authenticator::officers() const { return m_store.listOfficers(); }

Verdict Authenticator::verify(const std::string& name, std::string_view pin, TimePoint now) {
    if (!m_pepper) {
        return Unavailable{"Officer mode is unavailable: the installation's secret key could not be loaded. No PIN "
                           "was checked."};
    }
    records::PinAttemptRules rules;
    rules.lockedUntil = [&](const records::Officer& o) -> std::optional<TimePoint> {
        return lockoutEnd(o, now);
    };
    rules.lockoutFor = [&](int failures) -> std::optional<TimePoint> {
        if (auto delay = m_policy.lockoutDelay(failures)) return now + *delay;
        return std::nullopt;
    };
    records::PinAttempt attempt;
    try {
        attempt = m_store.beginPinAttempt(name, now, rules);
    } catch (const records::StoreError& e) {
        return Unavailable{unavailableMessage(e.fault())};
    }
    switch (attempt.outcome) {
        case records::PinAttempt::Outcome::NoOfficers: return NoOfficersConfigured{};
        case records::PinAttempt::Outcome::UnknownOfficer: return NoSuchOfficer{};
        case records::PinAttempt::Outcome::LockedOut: return LockedOut{*attempt.lockedUntil};
        case records::PinAttempt::Outcome::Counted: break;
    }
    const records::Officer& officer = attempt.officer;
    // Only now, with the attempt saved, is anything about the PIN looked at.
    const std::string hashProblem = pinHashProblem(attempt.pinHash, *m_pepper);
    const bool right = hashProblem.empty() && verifyPin(attempt.pinHash, pin, *m_pepper);
    try {
        if (!hashProblem.empty()) {
            m_store.finishPinAttempt(attempt, records::PinAttemptResult::Refused,
                                     "refused: " + hashProblem + "; PIN not checked");
            return PinMustBeReset{"Officer \"" + officer.name + "\" cannot sign in: " + hashProblem +
                                  ". Set it again from a shell: briefing set-pin --officer \"" + officer.name + "\""};
        }
        m_store.finishPinAttempt(attempt, right ? records::PinAttemptResult::Right : records::PinAttemptResult::Wrong,
                                 std::string("role ") + records::officerRoleKey(officer.role));
    } catch (const records::StoreError& e) {
        // The attempt stays counted; the answer does not say whether the PIN was right.
        return Unavailable{unavailableMessage(e.fault())};
    }
    if (right) return Unlocked{officer.name, officer.role};
    if (attempt.lockedUntil) return LockedOut{*attempt.lockedUntil};
    return WrongPin{m_policy.attemptsLeft(officer.failedAttempts)};
}

void Authenticator::unlockOther(const Unlocked& by, const std::string& lockedName) {
    if (!allowed(by.role, Action::UnlockOfficer)) {
        throw PermissionError("only an officer (not a print operator) can unlock another account");
    }
    if (by.name == lockedName) throw PermissionError("an officer cannot lift their own lockout");
    const auto current = m_store.officer(by.name);
    if (!current || current->role != Role::Officer) {
        throw PermissionError("officer \"" + by.name + "\" no longer has an officer account");
    }
    m_store.clearOfficerLockout(lockedName, by.name);
}

Role setPin(records::Store& store, const std::string& name, std::optional<Role> role, std::string_view pin,
            const config::PurposeKey& pepper, const std::string& actor) {
    const std::string hash = hashPin(pin, pepper);
    Role chosen = Role::Officer;
    if (role) {
        chosen = *role;
    } else if (auto existing = store.officer(name)) {
        chosen = existing->role;
    }
    store.setOfficerPin(name, chosen, hash, actor);
    return chosen;
}

}  // namespace kiosk::officer
