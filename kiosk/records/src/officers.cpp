// Officer accounts: name, role, the Argon2id hash of the PIN, and the failure counter and lockout that
// must survive a restart. Plain data only; the PIN policy lives in kiosk/officer. Layer: kiosk/records.
#include "store_impl.hpp"

namespace kiosk::records {
namespace {

constexpr const char* kArgon2idPrefix = "$argon2id$";
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
    if (pinHash.rfind(kArgon2idPrefix, 0) != 0) {
        throw InputError("officer PIN: only an Argon2id hash (\"$argon2id$...\") is stored, never a PIN");
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

Officer Store::recordPinFailure(const std::string& name, TimePoint at,
                                const std::function<std::optional<TimePoint>(int failures)>& lockoutFor) {
    return guarded("failed PIN attempt not saved", [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        Officer o = requireOfficer(db, name);
        // Counted inside the write transaction, so two attempts at once can never both see the old count.
        o.failedAttempts += 1;
        o.lastFailureAt = toUtcIso(at);
        const std::optional<TimePoint> until = lockoutFor ? lockoutFor(o.failedAttempts) : std::nullopt;
        if (until) o.lockedUntil = toUtcIso(*until);
        o.updatedAt = now;
        SQLite::Statement up(db, "UPDATE officers SET failed_attempts = ?, last_failure_at = ?, locked_until = ?, "
                                 "updated_at = ? WHERE name = ?");
        up.bind(1, o.failedAttempts);
        up.bind(2, o.lastFailureAt);
        up.bind(3, o.lockedUntil);
        up.bind(4, now);
        up.bind(5, o.name);
        up.exec();
        appendAudit(db, now, o.name, "failed-pin", "wrong PIN, attempt " + std::to_string(o.failedAttempts));
        if (until) {
            appendAudit(db, now, o.name, "lockout",
                        "locked until " + o.lockedUntil + " after " + std::to_string(o.failedAttempts) + " wrong PINs");
        }
        tx.commit();
        return o;
    });
}

void Store::recordUnlock(const std::string& name, const std::string& detail) {
    const std::string what = sanitiseField("audit detail", detail, false);
    guarded("unlock not saved", [&] {
        auto& db = m_impl->db;
        const std::string now = m_impl->nowIso();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const Officer o = requireOfficer(db, name);
        clearFailures(db, o.name, now);
        appendAudit(db, now, o.name, "unlock", what);
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
