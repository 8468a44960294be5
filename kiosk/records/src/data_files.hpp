// The store's files in the data folder: companion names, the folder lock, durable renames, hidden
// temporaries and the WAL check. Layer: kiosk/records (private header).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::records {

// attendance.db's companions. -wal and -shm are SQLite's; -head is the audit chain head (src/audit_head.cpp);
// -lock holds the folder lock. A store is moved aside together with its -wal, -shm and -head.
inline constexpr const char* kWalSuffix = "-wal";
inline constexpr const char* kShmSuffix = "-shm";
inline constexpr const char* kHeadSuffix = "-head";
inline constexpr const char* kLockSuffix = "-lock";
inline constexpr const char* kBackupsFolder = "backups";
inline constexpr const char* kSpoolFolder = "spool";
inline constexpr const char* kExportsFolder = "exports";

// Hidden temporaries, always "." + a name starting with one of these, so a kill leaves nothing that
// start-up and erasure cannot find: ".attendance.db.new-*" (a store being created), ".attendance.db.restore-*"
// (a restore being built) in the data folder; ".attendance-*" (backups being written or scrubbed) in backups/.
inline constexpr const char* kStoreTempPrefix = ".attendance.db.";
inline constexpr const char* kBackupTempPrefix = ".attendance-";

// fsync of a file or folder by path; false (errno set) when it could not be opened or synced.
bool fsyncPath(const std::filesystem::path& p, bool directory);

// rename(from, to), then fsync of to's folder. Throws std::filesystem::filesystem_error.
void durableRename(const std::filesystem::path& from, const std::filesystem::path& to);

// A unique hidden temporary path `dir/<prefix><random>` (not created).
std::filesystem::path tempPath(const std::filesystem::path& dir, const std::string& prefix);

// Removes `file` and its SQLite companions (-journal, -wal, -shm). Returns false with `problem` set when
// something exists and could not be removed.
bool removeDatabaseFiles(const std::filesystem::path& file, std::string& problem);

// The hidden temporaries in the data folder and its backups/ (paths), found by their prefixes.
// Throws StoreError naming the folder when a folder exists but cannot be listed.
std::vector<std::filesystem::path> hiddenTemporaries(const std::filesystem::path& dataDir);

// Directory entries of `dir` (regular files only, never following symlinks). A missing folder is empty;
// a folder that exists but cannot be listed throws StoreError naming it.
std::vector<std::filesystem::path> listFiles(const std::filesystem::path& dir);

// The data folder's lock file (attendance.db-lock) with open-file-description byte locks:
//   byte 0 "use": every open Store holds it shared; exclusive means no other Store has the folder open
//     (checked by start-up work that must not race a live writer, and by restore, which replaces the file);
//   byte 1 "maintenance": exclusive while a backup, scrub, restore or temporary clean-up runs, so an erasure
//     always sees every finished backup and never deletes a temporary still being written;
//   byte 2 "head": see tryHead.
// Released when the process dies, so a kill never leaves the folder locked. Not thread-safe per object.
class FolderLock {
public:
    // Opens (creating 0600 when `create`) the lock file; without it every lock call succeeds trivially
    // (a read-only store on read-only media).
    FolderLock(const std::filesystem::path& dataDir, bool create);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    bool tryExclusiveUse();         // non-blocking; true when no other Store holds the folder
    bool sharedUse(int timeoutMs);  // waits while someone holds exclusive use (a restore); false on timeout
    bool tryMaintenance(int timeoutMs);
    void endMaintenance();
    // byte 2 "head": exclusive while the audit chain head is read and rewritten (and while its dead
    // temporaries are removed), so writers in two processes never move it backwards.
    bool tryHead(int timeoutMs);
    void endHead();

    // Holds the maintenance lock for a scope; throws StoreError(Locked) naming the folder on timeout.
    class Maintenance {
    public:
        Maintenance(FolderLock& lock, int timeoutMs, const std::string& what);
        ~Maintenance();
        Maintenance(const Maintenance&) = delete;
        Maintenance& operator=(const Maintenance&) = delete;

    private:
        FolderLock& m_lock;
    };

private:
    bool lockByte(int byte, short type, int timeoutMs);
    int m_fd = -1;
    std::filesystem::path m_file;
};

// Why the WAL file `wal` holds committed transactions that SQLite would not replay (a damaged frame with
// intact commits after it, or a damaged header in front of frames), or nullopt when SQLite would replay
// every commit it holds (including an empty, absent or cleanly reset WAL). SQLite stops reading a WAL at
// the first frame whose checksum fails and, on the next checkpoint, deletes what follows: opening such a
// store read-write would silently lose those commits.
std::optional<std::string> walLostCommits(const std::filesystem::path& wal);

}  // namespace kiosk::records
