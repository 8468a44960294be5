// What a purge would delete now and when each remaining candidate falls due, and the newest backup's time,
// for the officer's retention and status pages. Read-only. Layer: kiosk/records.
#include "store_impl.hpp"

#include <cstdio>

namespace kiosk::records {

namespace {

// The same "last seen" rule purge applies (applyLedgerEntry): latest check-in, else creation.
constexpr const char* kLastSeen =
    "COALESCE((SELECT max(k.checked_in_at) FROM checkins k WHERE k.candidate_id = c.id), c.created_at)";

}  // namespace

Store::RetentionPreview Store::retentionPreview(int retentionDays) const {
    if (retentionDays < 0) throw InputError("retention days: must be 0 or more");
    RetentionPreview p;
    p.retentionDays = retentionDays;
    const auto period = std::chrono::hours(24) * retentionDays;
    p.cutoff = toUtcIso(m_impl->now() - period);
    guarded("retention preview not read", [&] {
        auto& db = m_impl->db;
        SQLite::Statement q(db, std::string("SELECT c.id, c.name, c.constituency, ") + kLastSeen +
                                    " AS seen FROM candidates c ORDER BY seen, c.id");
        while (q.executeStep()) {
            RetentionCandidate r{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                                 q.getColumn(3).getString(), {}};
            TimePoint seen;
            r.dueAt = parseUtcIso(r.lastSeenAt, seen) ? toUtcIso(seen + period) : r.lastSeenAt;
            // Text comparison, exactly as purge compares (ISO strings of one format sort by time).
            (r.lastSeenAt < p.cutoff ? p.dueNow : p.upcoming).push_back(std::move(r));
        }
        SQLite::Statement s(db, std::string("SELECT count(*) FROM sessions WHERE date < substr(?1, 1, 10) AND NOT "
                                            "EXISTS (SELECT 1 FROM checkins k JOIN candidates c ON c.id = "
                                            "k.candidate_id WHERE k.session_id = sessions.id AND ") +
                                    kLastSeen + " >= ?1)");
        s.bind(1, p.cutoff);
        if (s.executeStep()) p.emptySessionsDueNow = s.getColumn(0).getInt();
    });
    return p;
}

std::optional<std::string> Store::latestBackupAt() const {
    const auto files = backupFiles(backupDir());
    if (files.empty()) return std::nullopt;
    const std::string name = files.back().filename().string();
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (std::sscanf(name.c_str(), "attendance-%4d%2u%2uT%2u%2u%2u.%3uZ.db", &y, &mo, &d, &h, &mi, &s, &ms) != 7)
        return std::nullopt;
    char iso[40];
    std::snprintf(iso, sizeof iso, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, mo, d, h, mi, s, ms);
    return std::string(iso);
}

}  // namespace kiosk::records
