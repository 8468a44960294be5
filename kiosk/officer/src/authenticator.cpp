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

Authenticator::Authenticator(records::Store& store, PinPolicy policy) : m_store(store), m_policy(std::move(policy)) {}

std::optional<TimePoint> Authenticator::lockedUntil(const std::string& name, TimePoint now) const {
    const auto officer = m_store.officer(name);
    if (!officer || officer->lockedUntil.empty()) return std::nullopt;
    TimePoint until;
    // An unreadable time would be a damaged row: treat it as locked for the longest delay from now.
    if (!records::parseUtcIso(officer->lockedUntil, until)) {
        return now + m_policy.lockoutDelay(m_policy.maxAttempts + 1000).value_or(std::chrono::seconds{0});
    }
    if (until <= now) return std::nullopt;
    return until;
}

bool Authenticator::configured() const { return !m_store.listOfficers().empty(); }

std::vector<records::Officer> Authenticator::officers() const { return m_store.listOfficers(); }

Verdict Authenticator::verify(const std::string& name, std::string_view pin, TimePoint now) {
    if (!configured()) {
        m_store.audit("failed-pin", "unknown", "PIN entered but no officer account exists (run briefing set-pin)");
        return NoOfficersConfigured{};
    }
    const auto officer = m_store.officer(name);
    if (!officer) {
        // The typed name is not echoed into the log: it may be anything, even a mistyped PIN.
        m_store.audit("failed-pin", "unknown", "PIN entered for an unknown officer name");
        return NoSuchOfficer{};
    }
    if (auto until = lockedUntil(officer->name, now)) {
        m_store.audit("failed-pin", officer->name,
                      "refused: locked out until " + records::toUtcIso(*until) + "; PIN not checked");
        return LockedOut{*until};
    }
    const auto hash = m_store.officerPinHash(officer->name);
    if (hash && pinProblem(pin).empty() && verifyPin(*hash, pin)) {
        m_store.recordUnlock(officer->name, std::string("role ") + records::officerRoleKey(officer->role));
        return Unlocked{officer->name, officer->role};
    }
    const records::Officer after =
        m_store.recordPinFailure(officer->name, now, [&](int failures) -> std::optional<TimePoint> {
            if (auto delay = m_policy.lockoutDelay(failures)) return now + *delay;
            return std::nullopt;
        });
    if (auto delay = m_policy.lockoutDelay(after.failedAttempts)) return LockedOut{now + *delay};
    return WrongPin{m_policy.attemptsLeft(after.failedAttempts)};
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
            const std::string& actor) {
    const std::string hash = hashPin(pin);
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
