// Restore as one atomic step: the restored store is built beside the live one as a hidden temporary
// (backup content, every erasure re-applied, current officers, current audit log, pending scrubs), checked,
// and renamed over attendance.db. A kill at any point leaves the old store or the complete new one.
// Layer: kiosk/records.
#include "content/text.hpp"
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

namespace {

// The backup to restore from, opened read-only and checked: an attendance store, not newer than us, its
// audit log matching the head it recorded when it was taken (when it recorded one under our key).
std::unique_ptr<SQLite::Database> openSource(const fs::path& file, const AuditKey& key) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw InputError("restore: no backup file " + file.string());
    try {
        auto src = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READONLY);
        const std::string verdict = integrityVerdict(*src);
        if (verdict != "ok") throw InputError("restore: " + file.string() + " is damaged (integrity_check: " + verdict + ")");
        const int version = userVersion(*src);
        if (version > kSchemaVersion) {
            throw InputError("restore: " + file.string() + " was written by a newer program (schema " +
                             std::to_string(version) + ")");
        }
        if (version < 1 || !src->tableExists("candidates")) {
            throw InputError("restore: " + file.string() + " is not an attendance store");
        }
        if (src->tableExists("backup_meta")) {
            const auto recorded = readBackupMeta(*src, key);
            const auto actual = chainHeadOf(*src);
            if (!recorded) {
                throw InputError("restore: " + file.string() + " has a recorded chain head that was not sealed with "
                                 "this kiosk's key (another kiosk's backup, or edited)");
            }
            if (!actual || actual->chain != recorded->chain || actual->rows != recorded->rows ||
                actual->mac != recorded->mac) {
                throw InputError("restore: the audit log in " + file.string() +
                                 " does not match the chain head recorded when it was taken (the backup was edited)");
            }
        }
        return src;
    } catch (const SQLite::Exception& e) {
        throw InputError("restore: " + file.string() + " is not a readable attendance store (" + e.what() + ")");
    }
}

void copyAuditRows(SQLite::Database& db, const std::vector<AuditRow>& rows) {
    db.exec("DELETE FROM audit_log");
    SQLite::Statement ins(db, "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : rows) {
        ins.reset();
        ins.bind(1, static_cast<int64_t>(r.seq));
        ins.bind(2, r.at);
        ins.bind(3, r.actor);
        ins.bind(4, r.action);
        ins.bind(5, r.detail);
        ins.bind(6, r.prevHash);
        ins.bind(7, r.hash);
        ins.exec();
    }
}

struct PendingScrub {
    std::string entry, target, problem;
};

std::vector<PendingScrub> readPendingScrubs(SQLite::Database& db) {
    std::vector<PendingScrub> out;
    SQLite::Statement q(db, "SELECT entry_id, target, problem FROM erasure_scrubs");
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    }
    return out;
}

void copyPendingScrubs(SQLite::Database& db, const std::vector<PendingScrub>& rows) {
    db.exec("DELETE FROM erasure_scrubs");
    SQLite::Statement ins(db, "INSERT INTO erasure_scrubs (entry_id, target, problem) VALUES (?, ?, ?)");
    for (const auto& r : rows) {
        ins.reset();
        ins.bind(1, r.entry);
        ins.bind(2, r.target);
        ins.bind(3, r.problem);
        ins.exec();
    }
}

// Holds exclusive use of the folder for the restore and gives it back to shared use afterwards.
class ExclusiveUse {
public:
    ExclusiveUse(FolderLock& lock, int timeoutMs) : m_lock(lock), m_timeoutMs(timeoutMs) {
        if (!m_lock.tryExclusiveUse()) {
            throw StoreError(StoreFault::Locked, "restore: another program (the kiosk, or a print worker) has the "
                                                 "attendance store open; stop it first, since a restore replaces the file");
        }
    }
    ~ExclusiveUse() { m_lock.sharedUse(m_timeoutMs); }
    ExclusiveUse(const ExclusiveUse&) = delete;
    ExclusiveUse& operator=(const ExclusiveUse&) = delete;

private:
    FolderLock& m_lock;
    int m_timeoutMs;
};

}  // namespace

RestoreReport Store::restore(const fs::path& file, const std::string& actor) {
    if (m_impl->readOnly) throw StoreError(StoreFault::Other, "restore: the store was opened read-only");
    RestoreReport report;
    auto src = openSource(file, m_impl->key);
    auto& impl = *m_impl;
    ExclusiveUse alone(*impl.lock, impl.options.busyTimeoutMs);
    FolderLock::Maintenance maintenance(*impl.lock, impl.options.busyTimeoutMs, "restore not done");

    // What the restored store keeps from the live one. The ledger to re-apply is the store's own plus
    // every backup's (scrubbed backups carry the entries), so erasures survive even when the current store
    // was damaged and replaced by a fresh one.
    std::vector<LedgerEntry> ledger = guarded("restore failed", [&] { return readLedger(impl.db); });
    for (const auto& b : backupFiles(backupDir())) {
        try {
            SQLite::Database other(b, SQLite::OPEN_READONLY | SQLITE_OPEN_NOFOLLOW);
            for (auto& e : readLedger(other)) ledger.push_back(std::move(e));
        } catch (const SQLite::Exception&) {
            // An unreadable backup holds no ledger we could use; it is not restored from either.
        }
    }
    // Officer accounts are not restored: an old backup must not bring back a changed PIN or lift a lockout.
    const auto officers = guarded("restore failed", [&] { return readOfficerRows(impl.db); });
    // The audit log is never rewound: the live one is kept whole (a broken one stays visibly broken).
    const auto audit = auditRows();
    const AuditVerdict verdict = verifyAudit();
    if (!verdict.ok) report.auditProblem = verdict.problem;
    const auto pending = guarded("restore failed", [&] { return readPendingScrubs(impl.db); });
    // The store as it is now stays available as an ordinary backup, never rotated away by this restore.
    report.safetyBackup = takeBackup(impl, backupDir()).string();

    const fs::path tmp = tempPath(impl.dataDir, std::string(kStoreTempPrefix) + "restore-");
    std::string cleanup;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw NotSavedError("restore not saved: cannot create " + tmp.string() + ": " + std::strerror(errno));
    ::close(fd);
    try {
        guarded("restore not saved", [&] {
            SQLite::Database db(tmp, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, impl.options.busyTimeoutMs);
            {
                SQLite::Backup copy(db, *src);
                copy.executeStep(-1);
            }
            src.reset();
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA foreign_keys = ON");
            db.exec("PRAGMA secure_delete = ON");
            db.exec("PRAGMA temp_store = MEMORY");
            migrate(db, kSchemaVersion);
            registerAuditMac(db, &impl.key, nullptr);
            {
                SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
                db.exec("DROP TABLE IF EXISTS backup_meta");
                replaceOfficerRows(db, officers);
                std::set<std::string> have;
                for (const auto& e : readLedger(db)) have.insert(e.id);
                for (const auto& e : ledger) {
                    if (!have.insert(e.id).second) continue;
                    applyLedgerEntry(db, e);
                    insertLedgerEntry(db, e);
                    ++report.erasuresReapplied;
                }
                copyAuditRows(db, audit);
                report.auditRowsCarried = static_cast<int>(audit.size());
                copyPendingScrubs(db, pending);
                appendAudit(db, impl.nowIso(), actor, "restore",
                            "restored " + content::text::repairUtf8(file.filename().string()) + "; " +
                                std::to_string(report.erasuresReapplied) + " erasures re-applied; the store before "
                                "it was saved as " + fs::path(report.safetyBackup).filename().string());
                tx.commit();
            }
            // No free page of the backup's erased people survives in the new file.
            db.exec("VACUUM");
            const std::string check = integrityVerdict(db);
            if (check != "ok") throw StoreError(StoreFault::Other, "restore not saved: the rebuilt store fails "
                                                                   "integrity_check (" + check + ")");
            if (db.execAndGet("PRAGMA journal_mode = WAL").getString() != "wal") {
                throw StoreError(StoreFault::Other, "restore not saved: the rebuilt store could not use WAL mode");
            }
        });
        if (!fsyncPath(tmp, false)) throw NotSavedError("restore not saved: cannot write " + tmp.string());
        // Close the live connection first: its last checkpoint empties and removes the old WAL, which must
        // never be replayed into the new file.
        impl.db = SQLite::Database(":memory:");
        std::error_code ec;
        if (fs::exists(impl.file().string() + kWalSuffix, ec) && fs::file_size(impl.file().string() + kWalSuffix, ec) > 0) {
            throw StoreError(StoreFault::Locked, "restore not saved: the store's write-ahead log is still in use");
        }
        durableRename(tmp, impl.file());
    } catch (...) {
        removeDatabaseFiles(tmp, cleanup);
        // Back on the store we had (unchanged unless the rename happened, which is the last step).
        impl.db = SQLite::Database(impl.file(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, impl.options.busyTimeoutMs);
        applyPragmas(impl.db, impl.options.synchronous);
        impl.attach();
        throw;
    }
    impl.db = SQLite::Database(impl.file(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, impl.options.busyTimeoutMs);
    applyPragmas(impl.db, impl.options.synchronous);
    impl.attach();
    updateAuditHead(impl);
    return report;
}

}  // namespace kiosk::records
