// Retention: purge by age, erasure of one person, the erasures ledger (re-applied to backups and on
// restore), and compaction so deleted bytes leave neither the WAL nor free pages. Layer: kiosk/records.
#include "content/text.hpp"
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace kiosk::records {

namespace fs = std::filesystem;

std::vector<LedgerEntry> readLedger(SQLite::Database& db) {
    std::vector<LedgerEntry> out;
    if (!db.tableExists("erasures")) return out;
    SQLite::Statement q(db, "SELECT id, at, kind, candidate_id, cutoff FROM erasures ORDER BY at, id");
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getString()});
    }
    return out;
}

void insertLedgerEntry(SQLite::Database& db, const LedgerEntry& e) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO erasures (id, at, kind, candidate_id, cutoff) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, e.id);
    ins.bind(2, e.at);
    ins.bind(3, e.kind);
    ins.bind(4, e.candidateId);
    ins.bind(5, e.cutoff);
    ins.exec();
}

int applyLedgerEntry(SQLite::Database& db, const LedgerEntry& e) {
    if (e.kind == "erase") {
        SQLite::Statement del(db, "DELETE FROM candidates WHERE id = ?");
        del.bind(1, e.candidateId);
        return del.exec();
    }
    // Purge: everyone whose latest check-in (or creation, with none) is older than the cutoff, then
    // sessions before the cutoff's day that are left empty. Cascades remove check-ins, progress, plans, jobs.
    SQLite::Statement del(db,
                          "DELETE FROM candidates WHERE COALESCE((SELECT max(k.checked_in_at) FROM checkins k "
                          "WHERE k.candidate_id = candidates.id), candidates.created_at) < ?");
    del.bind(1, e.cutoff);
    const int n = del.exec();
    SQLite::Statement sessions(db,
                               "DELETE FROM sessions WHERE date < substr(?, 1, 10) AND NOT EXISTS "
                               "(SELECT 1 FROM checkins k WHERE k.session_id = sessions.id)");
    sessions.bind(1, e.cutoff);
    sessions.exec();
    return n;
}

void compactAfterErasure(SQLite::Database& db) {
    // Freed pages are zeroed (secure_delete); VACUUM also rebuilds pages so no stale copy of a cell
    // survives in unused space; TRUNCATE empties the WAL that held the old page images.
    db.exec("VACUUM");
    SQLite::Statement cp(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    if (cp.executeStep() && cp.getColumn(0).getInt() != 0) {
        throw StoreError(StoreFault::Locked,
                         "the erasure is saved, but another program is reading the store so its write-ahead log "
                         "still holds old pages; close the kiosk and run `briefing backup` or the command again");
    }
}

int scrubFile(const fs::path& file, const std::vector<LedgerEntry>& ledger) {
    SQLite::Database db(file, SQLite::OPEN_READWRITE, 5000);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA secure_delete = ON");
    migrate(db, kSchemaVersion);
    std::set<std::string> have;
    for (const auto& e : readLedger(db)) have.insert(e.id);
    int applied = 0;
    {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& e : ledger) {
            if (have.count(e.id)) continue;
            applyLedgerEntry(db, e);
            insertLedgerEntry(db, e);
            ++applied;
        }
        tx.commit();
    }
    if (applied > 0) db.exec("VACUUM");
    return applied;
}

namespace {

// Backups named attendance-<utcStamp>.db, with their times.
std::vector<std::pair<fs::path, TimePoint>> listBackups(const fs::path& dir) {
    std::vector<std::pair<fs::path, TimePoint>> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("attendance-", 0) != 0 || entry.path().extension() != ".db") continue;
        int y = 0;
        unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
        if (std::sscanf(name.c_str(), "attendance-%4d%2u%2uT%2u%2u%2u.%3uZ.db", &y, &mo, &d, &h, &mi, &s, &ms) != 7) {
            continue;
        }
        TimePoint t;
        char iso[40];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, mo, d, h, mi, s, ms);
        if (parseUtcIso(iso, t)) out.emplace_back(entry.path(), t);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

}  // namespace

std::vector<std::filesystem::path> backupFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    for (auto& [p, t] : listBackups(dir)) out.push_back(p);
    return out;
}

namespace {

// Deletes backups older than the cutoff and scrubs the rest with the ledger. Returns backups deleted.
int tidyBackups(Store::Impl& impl, const fs::path& dir, TimePoint cutoff) {
    int deleted = 0;
    const auto ledger = readLedger(impl.db);
    for (const auto& [path, when] : listBackups(dir)) {
        std::error_code ec;
        if (when < cutoff) {
            if (fs::remove(path, ec)) ++deleted;
            continue;
        }
        try {
            scrubFile(path, ledger);
        } catch (const SQLite::Exception& e) {
            throw StoreError(StoreFault::Other, "the erasure is saved, but backup " + path.string() +
                                                    " could not be cleaned (" + e.what() + "); delete it by hand");
        }
    }
    return deleted;
}

}  // namespace

PurgeReport Store::purge(int olderThanDays, const std::string& actor) {
    if (olderThanDays < 0) throw InputError("older-than: must be 0 or more days");
    PurgeReport report;
    const TimePoint cutoff = m_impl->now() - std::chrono::hours(24) * olderThanDays;
    report.cutoff = toUtcIso(cutoff);
    guarded("purge not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = m_impl->nowIso();
        const LedgerEntry entry{uuidV4(), now, "purge", "", report.cutoff};
        const int sessionsBefore = db.execAndGet("SELECT count(*) FROM sessions").getInt();
        report.candidates = applyLedgerEntry(db, entry);
        report.sessions = sessionsBefore - db.execAndGet("SELECT count(*) FROM sessions").getInt();
        insertLedgerEntry(db, entry);
        appendAudit(db, now, actor, "purge",
                    "purged " + std::to_string(report.candidates) + " candidates and " +
                        std::to_string(report.sessions) + " sessions older than " + report.cutoff);
        tx.commit();
    });
    guarded("the purge is saved, but the store could not be compacted", [&] { compactAfterErasure(m_impl->db); });
    report.backupsDeleted = guarded("backups not cleaned", [&] { return tidyBackups(*m_impl, backupDir(), cutoff); });
    return report;
}

void Store::eraseCandidate(const std::string& candidateId, const std::string& actor, int retentionDays) {
    guarded("erasure not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireCandidate(db, candidateId);
        const std::string now = m_impl->nowIso();
        const LedgerEntry entry{uuidV4(), now, "erase", candidateId, ""};
        applyLedgerEntry(db, entry);
        insertLedgerEntry(db, entry);
        // Says that an erasure happened, never whose data it was.
        appendAudit(db, now, actor, "erase", "erased one candidate's personal data (ledger entry " + entry.id + ")");
        tx.commit();
    });
    guarded("the erasure is saved, but the store could not be compacted", [&] { compactAfterErasure(m_impl->db); });
    const TimePoint cutoff = m_impl->now() - std::chrono::hours(24) * std::max(retentionDays, 0);
    guarded("backups not cleaned", [&] { tidyBackups(*m_impl, backupDir(), cutoff); });
}

}  // namespace kiosk::records
