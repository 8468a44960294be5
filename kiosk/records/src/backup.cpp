// Online backups through the SQLite backup API (temp file + rename, rotation) and restore, which
// re-applies the erasure ledger and carries newer audit rows over. Layer: kiosk/records.
#include "content/text.hpp"
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

namespace {

void fsyncPath(const fs::path& p, int flags) {
    const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

fs::path takeBackup(Store::Impl& impl, const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec) && ::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw StoreError(StoreFault::NotSaved, "backup not saved: cannot create " + dir.string());
    }
    const std::string name = "attendance-" + utcStamp(impl.now()) + ".db";
    const fs::path final = dir / name;
    const fs::path tmp = dir / ("." + name + ".tmp");
    fs::remove(tmp, ec);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw NotSavedError("backup not saved: cannot create " + tmp.string());
    ::close(fd);
    try {
        {
            SQLite::Database dest(tmp, SQLite::OPEN_READWRITE);
            SQLite::Backup copy(dest, impl.db);
            copy.executeStep(-1);
            // A backup is one self-contained file: no WAL beside it.
            dest.exec("PRAGMA journal_mode = DELETE");
        }
        fsyncPath(tmp, O_RDONLY);
        fs::rename(tmp, final);
        fsyncPath(dir, O_RDONLY | O_DIRECTORY);
    } catch (const SQLite::Exception& e) {
        fs::remove(tmp, ec);
        throwStoreError(e, "backup not saved");
    } catch (const fs::filesystem_error& e) {
        fs::remove(tmp, ec);
        throw NotSavedError(std::string("backup not saved: ") + e.what());
    }
    return final;
}

}  // namespace

bool Store::backupDue(std::chrono::minutes interval) const {
    const auto newestIso = latestBackupAt();
    TimePoint newest;
    if (!newestIso || !parseUtcIso(*newestIso, newest)) return true;
    return m_impl->now() - newest >= interval;
}

fs::path Store::backup(int keep, const std::string& actor) {
    if (keep < 1) throw InputError("keep: at least one backup must be kept");
    const fs::path made = takeBackup(*m_impl, backupDir());
    auto all = backupFiles(backupDir());
    std::error_code ec;
    for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < all.size(); ++i) fs::remove(all[i], ec);
    guarded("backup recorded but not audited", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        appendAudit(m_impl->db, m_impl->nowIso(), actor, "backup", made.filename().string());
        tx.commit();
    });
    return made;
}

RestoreReport Store::restore(const fs::path& file, const std::string& actor) {
    RestoreReport report;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw InputError("restore: no backup file " + file.string());
    std::unique_ptr<SQLite::Database> src;
    try {
        src = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READONLY);
        if (src->execAndGet("PRAGMA quick_check").getString() != "ok") {
            throw InputError("restore: " + file.string() + " is damaged (quick_check failed)");
        }
        const int version = userVersion(*src);
        if (version > kSchemaVersion) {
            throw InputError("restore: " + file.string() + " was written by a newer program (schema " +
                             std::to_string(version) + ")");
        }
        if (version < 1 || !src->tableExists("candidates")) {
            throw InputError("restore: " + file.string() + " is not an attendance store");
        }
    } catch (const SQLite::Exception& e) {
        throw InputError("restore: " + file.string() + " is not a readable attendance store (" + e.what() + ")");
    }

    auto& db = m_impl->db;
    // The ledger to re-apply: the store's own plus every backup's (scrubbed backups carry the entries), so
    // erasures survive even when the current store was damaged and replaced by a fresh one.
    std::vector<LedgerEntry> ledger = guarded("restore failed", [&] { return readLedger(db); });
    for (const auto& b : backupFiles(backupDir())) {
        try {
            SQLite::Database other(b, SQLite::OPEN_READONLY);
            for (auto& e : readLedger(other)) ledger.push_back(std::move(e));
        } catch (const SQLite::Exception&) {
            // An unreadable backup holds no ledger we could use; it is not restored from either.
        }
    }
    const auto currentAudit = auditRows();
    // Officer accounts are not restored: an old backup must not bring back a changed PIN or lift a lockout.
    const auto currentOfficers = guarded("restore failed", [&] { return readOfficerRows(db); });
    // The store as it is now stays available as an ordinary backup, never rotated away by this restore.
    report.safetyBackup = takeBackup(*m_impl, backupDir()).string();

    guarded("restore not saved", [&] {
        {
            SQLite::Backup copy(db, *src);
            copy.executeStep(-1);
        }
        src.reset();
        applyPragmas(db, m_impl->options.synchronous);
        migrate(db, kSchemaVersion);
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        replaceOfficerRows(db, currentOfficers);
        std::set<std::string> have;
        for (const auto& e : readLedger(db)) have.insert(e.id);
        for (const auto& e : ledger) {
            if (!have.insert(e.id).second) continue;
            applyLedgerEntry(db, e);
            insertLedgerEntry(db, e);
            ++report.erasuresReapplied;
        }
        // Audit rows written since the backup continue its chain when the backup's last row is the one
        // they followed; then they are carried over unchanged, keeping the chain verifiable.
        long long lastSeq = 0;
        std::string lastHash(64, '0');
        SQLite::Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.executeStep()) {
            lastSeq = last.getColumn(0).getInt64();
            lastHash = last.getColumn(1).getString();
        }
        last.reset();
        bool continuous = false;
        for (const auto& r : currentAudit) {
            if (r.seq == lastSeq && r.hash == lastHash) continuous = true;
        }
        if (lastSeq == 0 && !currentAudit.empty() && currentAudit.front().seq == 1) continuous = true;
        if (continuous) {
            SQLite::Statement ins(db, "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (const auto& r : currentAudit) {
                if (r.seq <= lastSeq) continue;
                ins.reset();
                ins.bind(1, static_cast<int64_t>(r.seq));
                ins.bind(2, r.at);
                ins.bind(3, r.actor);
                ins.bind(4, r.action);
                ins.bind(5, r.detail);
                ins.bind(6, r.prevHash);
                ins.bind(7, r.hash);
                ins.exec();
                ++report.auditRowsCarried;
                lastSeq = r.seq;
                lastHash = r.hash;
            }
            SQLite::Statement head(db, "INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?) "
                                       "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
            head.bind(1, static_cast<int64_t>(lastSeq));
            head.bind(2, lastHash);
            head.exec();
        }
        appendAudit(db, m_impl->nowIso(), actor, "restore",
                    "restored " + content::text::repairUtf8(file.filename().string()) + "; " +
                        std::to_string(report.erasuresReapplied) + " erasures re-applied");
        tx.commit();
    });
    guarded("the restore is saved, but the store could not be compacted", [&] { compactAfterErasure(db); });
    return report;
}

SubjectRecord Store::subjectAccess(const std::string& candidateId) const {
    return guarded("record not read", [&] {
        auto& db = m_impl->db;
        SQLite::Statement c(db,
                            "SELECT id, name, constituency, email, phone, language, consent_notice_version, "
                            "consent_at, created_at FROM candidates WHERE id = ?");
        c.bind(1, candidateId);
        if (!c.executeStep()) throw NotFoundError("unknown candidate " + content::text::repairUtf8(candidateId));
        SubjectRecord r;
        r.candidateId = c.getColumn(0).getString();
        r.name = c.getColumn(1).getString();
        r.constituency = c.getColumn(2).getString();
        if (!c.getColumn(3).isNull()) r.email = c.getColumn(3).getString();
        if (!c.getColumn(4).isNull()) r.phone = c.getColumn(4).getString();
        r.language = c.getColumn(5).getString();
        r.consentNoticeVersion = c.getColumn(6).getString();
        r.consentAt = c.getColumn(7).getString();
        r.createdAt = c.getColumn(8).getString();
        SQLite::Statement v(db, "SELECT session_id, checked_in_at, kiosk_id FROM checkins WHERE candidate_id = ? "
                                "ORDER BY checked_in_at");
        v.bind(1, candidateId);
        while (v.executeStep()) {
            r.visits.push_back({session(v.getColumn(0).getString()), v.getColumn(1).getString(),
                                v.getColumn(2).getString()});
        }
        SQLite::Statement m(db, "SELECT module_id, completed_at FROM module_progress WHERE candidate_id = ? "
                                "ORDER BY completed_at");
        m.bind(1, candidateId);
        SQLite::Statement a(db, "SELECT question, answer FROM module_answers WHERE candidate_id = ? AND module_id = ? "
                                "ORDER BY rowid");
        while (m.executeStep()) {
            ModuleProgress p{m.getColumn(0).getString(), m.getColumn(1).getString(), {}};
            a.reset();
            a.bind(1, candidateId);
            a.bind(2, p.moduleId);
            while (a.executeStep()) p.answers.push_back({a.getColumn(0).getString(), a.getColumn(1).getString()});
            r.modules.push_back(std::move(p));
        }
        r.safetyPlan = safetyPlan(candidateId);
        for (auto& job : listPrintJobs()) {
            if (job.candidateId == candidateId) r.printJobs.push_back(std::move(job));
        }
        return r;
    });
}

}  // namespace kiosk::records
