// Retention: purge by age, erasure of one person, the erasures ledger (re-applied to backups and on
// restore), and compaction so deleted bytes leave neither the WAL nor free pages; the copies beyond the
// store are scrubbed by src/scrub.cpp. Layer: kiosk/records.
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

// Backups named attendance-<utcStamp>.db, with their times.
std::vector<std::pair<fs::path, TimePoint>> listBackupsWithTimes(const fs::path& dir) {
    std::vector<std::pair<fs::path, TimePoint>> out;
    for (const auto& path : listFiles(dir)) {
        const std::string name = path.filename().string();
        if (name.rfind("attendance-", 0) != 0 || path.extension() != ".db") continue;
        int y = 0;
        unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
        if (std::sscanf(name.c_str(), "attendance-%4d%2u%2uT%2u%2u%2u.%3uZ.db", &y, &mo, &d, &h, &mi, &s, &ms) != 7) {
            continue;
        }
        TimePoint t;
        char iso[40];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, mo, d, h, mi, s, ms);
        if (parseUtcIso(iso, t)) out.emplace_back(path, t);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

std::vector<std::filesystem::path> backupFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    for (auto& [p, t] : listBackupsWithTimes(dir)) out.push_back(p);
    return out;
}

namespace {

std::vector<std::string> column(SQLite::Statement& q) {
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

// The scrub pass after an erase or purge; throws ErasureIncompleteError naming what is left.
ScrubOutcome scrubOrThrow(Store::Impl& impl, const std::optional<TimePoint>& deleteBackupsBefore, const std::string& what) {
    ScrubOutcome out = guarded(what + " is saved, but its copies were not scrubbed",
                               [&] { return runScrubs(impl, deleteBackupsBefore); });
    if (!out.remaining.empty()) {
        std::string message = what + " is saved in the store, but " + std::to_string(out.remaining.size()) +
                              (out.remaining.size() == 1 ? " copy" : " copies") + " could not be scrubbed: ";
        for (std::size_t i = 0; i < out.remaining.size(); ++i) message += (i ? "; " : "") + out.remaining[i];
        message += ". Run the same command again (or restart the kiosk) once fixed; it finishes the erasure";
        throw ErasureIncompleteError(message, out.remaining);
    }
    return out;
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
        SQLite::Statement who(db, "SELECT id FROM candidates WHERE COALESCE((SELECT max(k.checked_in_at) FROM checkins k "
                                  "WHERE k.candidate_id = candidates.id), candidates.created_at) < ?");
        who.bind(1, report.cutoff);
        const auto ids = column(who);
        SQLite::Statement jobs(db, "SELECT p.id FROM print_jobs p JOIN candidates c ON c.id = p.candidate_id WHERE "
                                   "COALESCE((SELECT max(k.checked_in_at) FROM checkins k WHERE k.candidate_id = c.id), "
                                   "c.created_at) < ?");
        jobs.bind(1, report.cutoff);
        const auto jobIds = column(jobs);
        const int sessionsBefore = db.execAndGet("SELECT count(*) FROM sessions").getInt();
        report.candidates = applyLedgerEntry(db, entry);
        report.sessions = sessionsBefore - db.execAndGet("SELECT count(*) FROM sessions").getInt();
        insertLedgerEntry(db, entry);
        insertScrubTargets(db, entry.id, erasureTargets(*m_impl, ids, jobIds, cutoff));
        appendAudit(db, now, actor, "purge",
                    "purged " + std::to_string(report.candidates) + " candidates and " +
                        std::to_string(report.sessions) + " sessions older than " + report.cutoff);
        tx.commit();
    });
    const ScrubOutcome out = scrubOrThrow(*m_impl, cutoff, "the purge");
    report.backupsDeleted = out.backupsDeleted;
    report.copiesScrubbed = out.copiesScrubbed;
    return report;
}

ErasureReport Store::eraseCandidate(const std::string& candidateId, const std::string& actor, int retentionDays) {
    ErasureReport report;
    guarded("erasure not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement known(db, "SELECT 1 FROM candidates WHERE id = ?");
        known.bind(1, candidateId);
        if (!known.executeStep()) {
            // Erased before and interrupted (or complete): finish the copies instead of calling them unknown.
            SQLite::Statement erased(db, "SELECT 1 FROM erasures WHERE kind = 'erase' AND candidate_id = ?");
            erased.bind(1, candidateId);
            if (!erased.executeStep()) throw NotFoundError("unknown candidate " + content::text::repairUtf8(candidateId));
            report.alreadyErased = true;
            return;
        }
        known.reset();
        SQLite::Statement jobs(db, "SELECT id FROM print_jobs WHERE candidate_id = ?");
        jobs.bind(1, candidateId);
        const auto jobIds = column(jobs);
        const std::string now = m_impl->nowIso();
        const LedgerEntry entry{uuidV4(), now, "erase", candidateId, ""};
        applyLedgerEntry(db, entry);
        insertLedgerEntry(db, entry);
        insertScrubTargets(db, entry.id, erasureTargets(*m_impl, {candidateId}, jobIds, std::nullopt));
        // Says that an erasure happened, never whose data it was.
        appendAudit(db, now, actor, "erase", "erased one candidate's personal data (ledger entry " + entry.id + ")");
        tx.commit();
    });
    const TimePoint cutoff = m_impl->now() - std::chrono::hours(24) * std::max(retentionDays, 0);
    const ScrubOutcome out = scrubOrThrow(*m_impl, cutoff, "the erasure");
    report.copiesScrubbed = out.copiesScrubbed;
    report.backupsDeleted = out.backupsDeleted;
    report.removedFiles = out.removedFiles;
    return report;
}

ErasureReport Store::finishErasures() {
    ErasureReport report;
    const ScrubOutcome out = scrubOrThrow(*m_impl, std::nullopt, "an earlier erasure");
    report.copiesScrubbed = out.copiesScrubbed;
    report.removedFiles = out.removedFiles;
    return report;
}

int Store::pendingScrubs() const {
    return guarded("erasure ledger not read", [&] {
        return m_impl->db.execAndGet("SELECT count(*) FROM erasure_scrubs").getInt();
    });
}

int Store::removeSpoolCopies(const std::string& jobId) {
    std::string problem;
    const int n = removeSpoolFiles(m_impl->dataDir / kSpoolFolder, jobId, problem);
    if (!problem.empty()) throw StoreError(StoreFault::Other, "spool file not removed: " + problem);
    return n;
}

}  // namespace kiosk::records
