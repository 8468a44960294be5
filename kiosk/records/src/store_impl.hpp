// Internals shared by the store's source files: the Impl, SQLite error translation, helpers.
// Layer: kiosk/records (private header).
#pragma once

#include "data_files.hpp"
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace kiosk::records {

struct Store::Impl {
    Impl(std::filesystem::path dir, OpenOptions opts, const std::filesystem::path& file, int flags)
        : dataDir(std::move(dir)), options(std::move(opts)), db(file, flags, options.busyTimeoutMs) {}
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    std::filesystem::path dataDir;
    OpenOptions options;
    std::unique_ptr<FolderLock> lock;  // held for the Store's lifetime (shared use); released after db closes
    SQLite::Database db;
    AuditKey key{};                    // options.auditKey, or the development key
    bool readOnly = false;
    // The store file as opened (O_NOFOLLOW), to notice cheaply when it is deleted or replaced under us.
    int storeFd = -1;
    unsigned long long storeDev = 0, storeIno = 0;
    std::optional<std::string> gone;   // sticky: once set, every commit is refused
    bool auditAppended = false;        // an audit row was written since the chain head was last updated

    TimePoint now() const { return options.clock ? options.clock() : std::chrono::system_clock::now(); }
    std::string nowIso() const { return toUtcIso(now()); }
    std::filesystem::path file() const { return dataDir / kStoreFileName; }
    std::filesystem::path headFile() const { return file().string() + kHeadSuffix; }
    std::filesystem::path exportDir() const {
        return options.exportDir.empty() ? dataDir / kExportsFolder : options.exportDir;
    }
    // Sets `gone` and returns it when attendance.db was unlinked, renamed or replaced since it was opened.
    const std::optional<std::string>& checkFile();
    // (Re)attaches the commit and WAL hooks, the audit MAC function and the file watch to `db`.
    void attach();
};

// What commits on this thread asked for, consumed when the outermost store call returns (guarded):
// a commit that reached a deleted store file (reported as not saved), and chain-head updates.
struct CommitWatch {
    unsigned long long lostCommits = 0;
    Store::Impl* headDue = nullptr;
};
inline thread_local CommitWatch tlCommitWatch;
// Throws StoreError(Gone) when a commit since `lostBefore` went to a deleted file; updates the chain head.
void afterCommits(unsigned long long lostBefore, const std::string& what);

// Maps a SQLite failure to our error types: FULL/IOERR -> NotSavedError, BUSY/LOCKED -> Locked,
// CORRUPT/NOTADB -> Damaged, others -> Other. `what` says what was being done ("check-in not saved").
[[noreturn]] void throwStoreError(const SQLite::Exception& e, const std::string& what);

template <class F>
auto guarded(const std::string& what, F&& f) -> decltype(f()) {
    const unsigned long long lostBefore = tlCommitWatch.lostCommits;
    try {
        if constexpr (std::is_void_v<decltype(f())>) {
            f();
            afterCommits(lostBefore, what);
        } else {
            auto result = f();
            afterCommits(lostBefore, what);
            return result;
        }
    } catch (const SQLite::Exception& e) {
        throwStoreError(e, what);
    }
}

void applyPragmas(SQLite::Database& db, Synchronous sync);
// PRAGMA integrity_check's answer: "ok", or its first problems joined with "; " (about 300 characters).
std::string integrityVerdict(SQLite::Database& db);
int userVersion(SQLite::Database& db);
// Applies migrations up to `targetVersion`, one transaction each; `whenKeyed` runs inside the transaction
// of migration kKeyedAuditVersion (Store::open writes the audit seal there).
void migrate(SQLite::Database& db, int targetVersion, const std::function<void()>& whenKeyed = {});

// Appends one audit row inside the caller's transaction, its MAC chained to the previous row's
// (HMAC-SHA256 under the connection's audit key: `db` must have been attached, or set up with
// registerAuditMac). The chain head outside the store is updated after the commit (src/audit_head.cpp).
void appendAudit(SQLite::Database& db, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& detail);
// Makes bk_audit_mac(prev, seq, at, actor, action, detail) available on `db`, keyed with `key`; `appended`
// (may be null) is set whenever it is called.
void registerAuditMac(SQLite::Database& db, const AuditKey* key, bool* appended);
// The first keyed row of a chain ("audit-keyed"): anchors every earlier, unkeyed row (schema < 5) and
// names the key and a fresh chain id. `note` (may be empty) is added to its detail. Inside the caller's
// transaction, on a connection set up with registerAuditMac.
void appendAuditSeal(SQLite::Database& db, const AuditKey& key, const std::string& at, const std::string& note);
// The public key used when OpenOptions::auditKey is not set.
AuditKey developmentAuditKey();
// 16 hex digits naming a key without revealing it.
std::string auditKeyId(const AuditKey& key);

// The chain head: how many rows the log has and the last row's MAC, with the chain's id. Kept in
// attendance.db-head (sealed with the audit key) and in each backup's backup_meta table.
struct ChainHead {
    std::string chain;
    long long rows = 0;
    std::string mac;
};
// The head of the log in `db` (nullopt when it has no keyed seal row).
std::optional<ChainHead> chainHeadOf(SQLite::Database& db);
// The HMAC that seals a head (hex).
std::string sealHead(const AuditKey& key, const ChainHead& head);
// Reads the head file; nullopt with `problem` set when it is missing, unreadable or its seal is wrong.
std::optional<ChainHead> readHeadFile(const std::filesystem::path& file, const AuditKey& key, std::string& problem);
// Writes the head file atomically (temp + rename + fsync). Throws StoreError.
void writeHeadFile(const std::filesystem::path& file, const AuditKey& key, const ChainHead& head);
// Brings the head file up to the store's last row (never backwards within a chain). Best effort: a head
// that lags behind the store is accepted by verification, a failure here is only logged.
void updateAuditHead(Store::Impl& impl);
// backup_meta in a backup file: its chain head when it was taken, sealed. nullopt when absent or bad.
void writeBackupMeta(SQLite::Database& backup, const AuditKey& key, const ChainHead& head, const std::string& takenAt);
std::optional<ChainHead> readBackupMeta(SQLite::Database& backup, const AuditKey& key);

// Erasure ledger entries and their application (main store, backups, restores).
struct LedgerEntry {
    std::string id;
    std::string at;
    std::string kind;  // "erase" | "purge"
    std::string candidateId;
    std::string cutoff;
};
std::vector<LedgerEntry> readLedger(SQLite::Database& db);
// Deletes what the entry names (inside the caller's transaction); returns candidates deleted.
int applyLedgerEntry(SQLite::Database& db, const LedgerEntry& entry);
void insertLedgerEntry(SQLite::Database& db, const LedgerEntry& entry);
// Runs checkpoint(TRUNCATE) and VACUUM so deleted data leaves neither the WAL nor free pages.
void compactAfterErasure(SQLite::Database& db);

// Backups in `dir` named attendance-<UTC>.db, oldest first, with their times. A folder that exists but
// cannot be listed throws StoreError naming it (it may hide backups an erasure must reach).
std::vector<std::pair<std::filesystem::path, TimePoint>> listBackupsWithTimes(const std::filesystem::path& dir);
std::vector<std::filesystem::path> backupFiles(const std::filesystem::path& dir);

// Erasure beyond the store (src/scrub.cpp). The targets an erase or purge of `candidateIds` (with their
// print jobs) must reach, found now; `olderThan` (purge) adds spool files and exports older than it.
std::vector<std::string> erasureTargets(const Store::Impl& impl, const std::vector<std::string>& candidateIds,
                                        const std::vector<std::string>& jobIds,
                                        const std::optional<TimePoint>& olderThan);
void insertScrubTargets(SQLite::Database& db, const std::string& entryId, const std::vector<std::string>& targets);
struct ScrubOutcome {
    int copiesScrubbed = 0;
    int backupsDeleted = 0;
    std::vector<std::string> removedFiles;  // exports, spool files and temporaries deleted
    std::vector<std::string> remaining;     // "<file>: why" for each copy not scrubbed
};
// The scrub pass, under the maintenance lock: compacts the store, deletes hidden temporaries, scrubs every
// backup with the whole ledger (deleting those older than `deleteBackupsBefore`), removes each pending
// file, and strikes from erasure_scrubs what it finished (recording why for the rest).
ScrubOutcome runScrubs(Store::Impl& impl, const std::optional<TimePoint>& deleteBackupsBefore);
// spool/<job>.pdf and its partial temporaries. Returns files removed; `problem` says what could not be.
int removeSpoolFiles(const std::filesystem::path& spool, const std::string& jobId, std::string& problem);

// Writes backups/attendance-<UTC>.db (hidden temporary, backup_meta, fsync, rename). The caller holds
// the maintenance lock. Throws StoreError/NotSavedError.
std::filesystem::path takeBackup(Store::Impl& impl, const std::filesystem::path& dir);

// Officer accounts as whole rows (hash included), so a restore keeps the current accounts, PINs and
// lockouts instead of bringing back old PINs from the backup (src/officers.cpp).
struct OfficerRow {
    std::vector<std::string> columns;
};
std::vector<OfficerRow> readOfficerRows(SQLite::Database& db);
void replaceOfficerRows(SQLite::Database& db, const std::vector<OfficerRow>& rows);

// Throw NotFoundError when there is no such candidate / session.
void requireCandidate(SQLite::Database& db, const std::string& candidateId);
void requireSession(SQLite::Database& db, const std::string& id);
std::string sanitiseField(const std::string& field, const std::string& value, bool required);

}  // namespace kiosk::records
