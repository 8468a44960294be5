// Internals shared by the store's source files: the Impl, SQLite error translation, helpers.
// Layer: kiosk/records (private header).
#pragma once

#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace kiosk::records {

struct Store::Impl {
    Impl(std::filesystem::path dir, OpenOptions opts, const std::filesystem::path& file, int flags)
        : dataDir(std::move(dir)), options(std::move(opts)), db(file, flags, options.busyTimeoutMs) {}
    std::filesystem::path dataDir;
    OpenOptions options;
    SQLite::Database db;

    TimePoint now() const { return options.clock ? options.clock() : std::chrono::system_clock::now(); }
    std::string nowIso() const { return toUtcIso(now()); }
};

// Maps a SQLite failure to our error types: FULL/IOERR -> NotSavedError, BUSY/LOCKED -> Locked,
// CORRUPT/NOTADB -> Damaged, others -> Other. `what` says what was being done ("check-in not saved").
[[noreturn]] void throwStoreError(const SQLite::Exception& e, const std::string& what);

template <class F>
auto guarded(const std::string& what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        throwStoreError(e, what);
    }
}

void applyPragmas(SQLite::Database& db, Synchronous sync);
// PRAGMA integrity_check's answer: "ok", or its first problems joined with "; " (about 300 characters).
std::string integrityVerdict(SQLite::Database& db);
int userVersion(SQLite::Database& db);
void migrate(SQLite::Database& db, int targetVersion);

// Appends one hash-chained audit row inside the caller's transaction.
void appendAudit(SQLite::Database& db, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& detail);

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
// Re-applies every entry of `ledger` missing from `db`'s own ledger to the SQLite file `file`, then
// VACUUMs it so no deleted bytes remain. Returns entries applied.
int scrubFile(const std::filesystem::path& file, const std::vector<LedgerEntry>& ledger);
// Runs checkpoint(TRUNCATE) and VACUUM so deleted data leaves neither the WAL nor free pages.
void compactAfterErasure(SQLite::Database& db);

// Backups in `dir` named attendance-<UTC>.db, oldest first.
std::vector<std::filesystem::path> backupFiles(const std::filesystem::path& dir);

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
