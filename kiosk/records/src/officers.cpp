// Officer accounts: name, role, the Argon2id hash of the PIN, and the failure counter and lockout that
// must survive a restart. Plain data only; the PIN policy lives in kiosk/officer. Layer: kiosk/records.
#include "store_impl.hpp"

namespace kiosk::records {
namespace {

constexpr const char* kArgon2idPrefix = "$argon2id$";
constexpr const char* kPepperMark = "$pepper=";  // kiosk/officer/pin.hpp: which pepper keyed the hash
constexpr const char* kOfficerColumns =
    "name, role, failed_attempts, last_failure_at, locked_until, created_at, updated_at";

Officer readOfficer(SQLite::Statement& q) {
    Officer o;
    o.name = q.getColumn(0).getString();
    o.role = parseOfficerRole(q.getColumn(1).getString()).value_or(OfficerRole::PrintOperator);
    o.failedAttempts = q.getColumn(2).getInt();
    o.lastFailureAt = q.getColumn(3).getString();
    o.lockedUntil = q.getColumn(4).getString();
    o.createdAt = q.getColumn(5).getString();
    o.updatedAt = q.getColumn(6).getString();
    return o;
}

std::optional<Officer> findOfficer(SQLite::Database& db, const std::string& name) {
    SQLite::Statement q(db, std::string("SELECT ") + kOfficerColumns + " FROM officers WHERE name = ?");
    q.bind(1, name);
    if (!q.executeStep()) return std::nullopt;
    return readOfficer(q);
}

Officer requireOfficer(SQLite::Database& db, const std::string& name) {
    auto o = findOfficer(db, name);
    if (!o) throw NotFoundError("officer: no officer named \"" + name + "\"");
    return *o;
}

void clearFailures(SQLite::Database& db, const std::string& name, const std::string& now) {
    SQLite::Statement up(db, "UPDATE officers SET failed_attempts = 0, last_failure_at = '', locked_until = '', "
                             "updated_at = ? WHERE name = ?");
    up.bind(1, now);
    up.bind(2, name);
    up.exec();
}

}  // namespace

constexpr const char* kOfficerRowColumns =
    "name, role, pin_hash, failed_attempts, last_failure_at, locked_until, created_at, updated_at";
constexpr int kOfficerRowWidth = 8;

std::vector<OfficerRow> readOfficerRows(SQLite::Database& db) {
    std::vector<OfficerRow> out;
    if (!db.tableExists("officers")) return out;
    SQLite::Statement q(db, std::string("SELECT ") + kOfficerRowColumns + " FROM officers");
    while (q.executeStep()) {
        OfficerRow row;
        for (int i = 0; i < kOfficerRowWidth; ++i) row.columns.push_back(q.getColumn(i).getString());
        out.push_back(std::move(row));
    }
    return out;
}

void replaceOfficerRows(SQLite::Database& db, const std::vector<OfficerRow>& rows) {
    db.exec("DELETE FROM officers");
    SQLite::Statement ins(db, std::string("INSERT INTO officers (") + kOfficerRowColumns +
                                  ") VALUES (?, ?, ?, CAST(? AS INTEGER), ?, ?, ?, ?)");
    for (const auto& row : rows) {
        ins.reset();
        for (int i = 0; i < kOfficerRowWidth; ++i) ins.bind(i + 1, row.columns[static_cast<std::size_t>(i)]);
        ins.exec();
    }
}

const char* officerRoleKey(OfficerRole r) { return r == OfficerRole::Officer ? "officer" : "print-operator"; }

std::optional<OfficerRole> parseOfficerRole(const std::string& key) {
    if (key == "officer") return OfficerRole::Officer;
    if (key == "print-operator") return OfficerRole::PrintOperator;
    return std::nullopt;
}

void Store::setOfficerPin(const std::string& name, OfficerRole role, const std::string& pinHash,
                          const std::string& actor) {
    const std::string n = sanitiseField("officer name", name, true);
    const std::string who = sanitiseField("audit actor", actor, false);
    if (pinHash.rfind(kArgon2idPrefix, 0) != 0 || pinHash.find(kPepperMark) == std::string::npos) {
        throw InputError("officer PIN: only a peppered Argon2id hash (\"$argon2id$...$pepper=...\") is stored, never a PIN");
    }
    guarded("officer PIN not saved", [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement up(db,
                             "INSERT INTO officers (name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET role = excluded.role, pin_hash = excluded.pin_hash, "
                             "failed_attempts = 0, last_failure_at = '', locked_until = '', "
                             "updated_at = excluded.updated_at");
        up.bind(1, n);
        up.bind(2, officerRoleKey(role));
        up.bind(3, pinHash);
        up.bind(4, now);
        up.bind(5, now);
        up.exec();
        appendAudit(db, now, who, "set-pin", "officer " + n + " role " + officerRoleKey(role));
        tx.commit();
    });
}

std::vector<Officer> Store::listOfficers() const {
    return guarded("officers not read", [&] {
        SQLite::Statement q(m_impl->db, std::string("SELECT ") + kOfficerColumns + " FROM officers ORDER BY name");
        std::vector<Officer> out;
        while (q.executeStep()) out.push_back(readOfficer(q));
        return out;
    });
}

std::optional<Officer> Store::officer(const std::string& name) const {
    return guarded("officer not read", [&] { return findOfficer(m_impl->db, name); });
}

std::optional<std::string> Store::officerPinHash(const std::string& name) const {
    return guarded("officer not read", [&]() -> std::optional<std::string> {
        SQLite::Statement q(m_impl->db, "SELECT pin_hash FROM officers WHERE name = ?");
        q.bind(1, name);
        if (!q.executeStep()) return std::nullopt;
        return q.getColumn(0).getString();
    });
}

namespace {

// One context for every write of a PIN attempt, whatever the PIN: a different message for the right PIN
// would tell a guesser it was right without unlocking anything.
constexpr const char* kAttemptNotSaved = "officer PIN attempt not saved";

bool anyOfficer(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT 1 FROM officers LIMIT 1");
    return q.executeStep();
}

}  // namespace

PinAttempt Store::beginPinAttempt(const std::string& name, TimePoint at, const PinAttemptRules& rules) {
    return guarded(kAttemptNotSaved, [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        PinAttempt attempt;
        if (!anyOfficer(db)) {
            appendAudit(db, now, "unknown", "failed-pin", "PIN entered but no officer account exists (run briefing set-pin)");
            tx.commit();
            attempt.outcome = PinAttempt::Outcome::NoOfficers;
            return attempt;
        }
        std::optional<Officer> found = findOfficer(db, name);
        if (!found) {
            // The typed name is not echoed into the log: it may be anything, even a mistyped PIN.
            appendAudit(db, now, "unknown", "failed-pin", "PIN entered for an unknown officer name");
            tx.commit();
            attempt.outcome = PinAttempt::Outcome::UnknownOfficer;
            return attempt;
        }
        Officer o = std::move(*found);
        if (auto until = rules.lockedUntil ? rules.lockedUntil(o) : std::nullopt) {
            appendAudit(db, now, o.name, "failed-pin", "refused: locked out until " + toUtcIso(*until) + "; PIN not checked");
            tx.commit();
            attempt.outcome = PinAttempt::Outcome::LockedOut;
            attempt.officer = std::move(o);
            attempt.lockedUntil = until;
            return attempt;
        }
        // Counted as a failure inside the write transaction, before anyone looks at the PIN: a crash, a kill
        // or a failing second commit leaves it counted. Two attempts at once never see the same count.
        o.failedAttempts += 1;
        o.lastFailureAt = toUtcIso(at);
        attempt.lockedUntil = rules.lockoutFor ? rules.lockoutFor(o.failedAttempts) : std::nullopt;
        if (attempt.lockedUntil) o.lockedUntil = toUtcIso(*attempt.lockedUntil);
        o.updatedAt = now;
        SQLite::Statement up(db, "UPDATE officers SET failed_attempts = ?, last_failure_at = ?, locked_until = ?, "
                                 "updated_at = ? WHERE name = ?");
        up.bind(1, o.failedAttempts);
        up.bind(2, o.lastFailureAt);
        up.bind(3, o.lockedUntil);
        up.bind(4, now);
        up.bind(5, o.name);
        up.exec();
        SQLite::Statement hash(db, "SELECT pin_hash FROM officers WHERE name = ?");
        hash.bind(1, o.name);
        if (hash.executeStep()) attempt.pinHash = hash.getColumn(0).getString();
        appendAudit(db, now, o.name, "pin-attempt",
                    "attempt " + std::to_string(o.failedAttempts) + " counted before the PIN is checked");
        tx.commit();
        attempt.outcome = PinAttempt::Outcome::Counted;
        attempt.officer = std::move(o);
        return attempt;
    });
}

void Store::finishPinAttempt(const PinAttempt& attempt, PinAttemptResult result, const std::string& detail) {
    if (attempt.outcome != PinAttempt::Outcome::Counted) {
        throw std::logic_error("finishPinAttempt: only a counted attempt has a second step");
    }
    const std::string what = sanitiseField("audit detail", detail, false);
    const Officer& o = attempt.officer;
    guarded(kAttemptNotSaved, [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        switch (result) {
            case PinAttemptResult::Right:
                clearFailures(db, o.name, now);
                appendAudit(db, now, o.name, "unlock", what);
                break;
            case PinAttemptResult::Wrong:
                appendAudit(db, now, o.name, "failed-pin", "wrong PIN, attempt " + std::to_string(o.failedAttempts));
                if (attempt.lockedUntil) {
                    appendAudit(db, now, o.name, "lockout",
                                "locked until " + o.lockedUntil + " after " + std::to_string(o.failedAttempts) +
                                    " wrong PINs");
                }
                break;
            case PinAttemptResult::Refused:
                appendAudit(db, now, o.name, "failed-pin", what);
                break;
        }
        tx.commit();
    });
}

void Store::clearOfficerLockout(const std::string& name, const std::string& actor) {
    const std::string who = sanitiseField("audit actor", actor, false);
    guarded("officer unlock not saved", [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const Officer o = requireOfficer(db, name);
        clearFailures(db, o.name, now);
        appendAudit(db, now, who, "officer-unlock",
                    "officer " + o.name + " (" + std::to_string(o.failedAttempts) + " failed attempts cleared)");
        tx.commit();
    });
}

void Store::removeOfficer(const std::string& name, const std::string& actor) {
    const std::string who = sanitiseField("audit actor", actor, false);
    guarded("officer not removed", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const Officer o = requireOfficer(db, name);
        SQLite::Statement del(db, "DELETE FROM officers WHERE name = ?");
        del.bind(1, o.name);
        del.exec();
        appendAudit(db, m_impl->nowIso(), who, "officer-remove", "officer " + o.name);
        tx.commit();
    });
}

}  // namespace kiosk::records
