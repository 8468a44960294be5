// Opening the store: data folder and file modes, atomic creation, the read-only health check (WAL and
// integrity_check), damaged stores moved aside with their companions, migrations, the commit watch that
// notices a store deleted under us, and the translation of SQLite failures into StoreError/NotSavedError.
// Layer: kiosk/records.
#include "kiosk/config/data_dir.hpp"
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace kiosk::records {

namespace fs = std::filesystem;

void throwStoreError(const SQLite::Exception& e, const std::string& what) {
    const int code = e.getErrorCode() & 0xff;
    const std::string detail = std::string(" (SQLite: ") + e.what() + ")";
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_COMMITHOOK) {
        throw StoreError(StoreFault::Gone, what + ": not saved: the attendance store file was deleted, moved or "
                                                  "replaced while this program had it open; restart the program");
    }
    switch (code) {
        case SQLITE_FULL:
        case SQLITE_IOERR:
            throw NotSavedError(what + ": not saved, the disk is full or could not be written" + detail);
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw StoreError(StoreFault::Locked,
                             what + ": the attendance store is locked by another program" + detail);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw StoreError(StoreFault::Damaged, what + ": the attendance store is damaged" + detail);
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            throw StoreError(StoreFault::Other, what + ": the attendance store cannot be opened for writing" + detail);
        default:
            throw StoreError(StoreFault::Other, what + detail);
    }
}

void applyPragmas(SQLite::Database& db, Synchronous sync) {
    const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") throw StoreError(StoreFault::Other, "the attendance store could not switch to WAL mode");
    db.exec(sync == Synchronous::Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA secure_delete = ON");
    db.exec("PRAGMA trusted_schema = OFF");
    // VACUUM and big sorts would otherwise spill a copy of the data into an unlinked file in /var/tmp.
    db.exec("PRAGMA temp_store = MEMORY");
}

namespace {

constexpr int kNoFollow = SQLITE_OPEN_NOFOLLOW;

void applyReadOnlyPragmas(SQLite::Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA trusted_schema = OFF");
    db.exec("PRAGMA temp_store = MEMORY");
}

[[noreturn]] void throwErrno(StoreFault fault, const std::string& what) {
    throw StoreError(fault, what + ": " + std::strerror(errno));
}

// The store's own files must be what they say: a symbolic link planted in their place would make us write
// (or chmod) whatever it points at.
void refuseSymlink(const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        throw StoreError(StoreFault::Other, p.string() + (S_ISLNK(st.st_mode) ? " is a symbolic link" : " is not a file") +
                                                " (refusing to follow or replace it; move it away)");
    }
}

// The store opened read-only: the WAL is read, never checkpointed or deleted, the file never written.
// Returns an empty string when healthy, else why not. Throws StoreError for Locked/TooNew.
std::string readOnlyHealth(const fs::path& file, const OpenOptions& options) {
    try {
        SQLite::Database db(file, SQLite::OPEN_READONLY | kNoFollow, options.busyTimeoutMs);
        const std::string verdict = integrityVerdict(db);
        if (verdict != "ok") return "integrity_check failed: " + verdict;
        const int version = userVersion(db);
        if (version > kSchemaVersion) migrate(db, kSchemaVersion);  // throws TooNew, naming the file
        return {};
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return std::string("not a readable database: ") + e.what();
        throwStoreError(e, "the attendance store " + file.string() + " cannot be opened");
    }
}

std::unique_ptr<Store::Impl> makeImpl(const fs::path& dir, const OpenOptions& options, const fs::path& file, int flags) {
    try {
        return std::make_unique<Store::Impl>(dir, options, file, flags | kNoFollow);
    } catch (const SQLite::Exception& e) {
        throwStoreError(e, "the attendance store " + file.string() + " cannot be opened");
    }
}

// Builds a new store as a hidden temporary (schema, seal row, head) and links it into place, so a kill
// leaves either no store or a complete one, never a 0-byte file. Caller holds the maintenance lock.
void createStore(const fs::path& dataDir, const OpenOptions& options, const AuditKey& key, std::string note) {
    const fs::path file = dataDir / kStoreFileName;
    const fs::path head = file.string() + kHeadSuffix;
    const auto now = options.clock ? options.clock() : std::chrono::system_clock::now();
    // A head without its store: the store was deleted. Keep the old head beside it for an investigator.
    if (::access(head.c_str(), F_OK) == 0) {
        const fs::path kept = file.string() + ".missing-" + utcStamp(now) + kHeadSuffix;
        if (::rename(head.c_str(), kept.c_str()) == 0) {
            note += std::string(note.empty() ? "" : "; ") + "no store was found beside the chain head of an earlier one, "
                    "kept as " + kept.filename().string();
        }
    }
    const fs::path tmp = tempPath(dataDir, std::string(kStoreTempPrefix) + "new-");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throwErrno(StoreFault::Other, "cannot create the attendance store in " + dataDir.string());
    ::close(fd);
    std::string problem;
    try {
        std::optional<ChainHead> chainHead;
        {
            SQLite::Database db(tmp, SQLite::OPEN_READWRITE | kNoFollow, options.busyTimeoutMs);
            applyPragmas(db, options.synchronous);
            // Nobody sees the file until it is synced once and linked into place below: no need to sync
            // each migration (six syncs would make a first start slow enough to be killed half-way often).
            db.exec("PRAGMA synchronous = OFF");
            registerAuditMac(db, &key, nullptr);
            migrate(db, kSchemaVersion, [&] { appendAuditSeal(db, key, toUtcIso(now), note); });
            chainHead = chainHeadOf(db);
        }  // closed: checkpointed, its WAL removed; the file stays in WAL mode
        if (!fsyncPath(tmp, false)) throwErrno(StoreFault::NotSaved, "cannot save the new store " + tmp.string());
        if (chainHead) writeHeadFile(head, key, *chainHead);
        if (::link(tmp.c_str(), file.c_str()) != 0 && errno != EEXIST) {
            throwErrno(StoreFault::NotSaved, "cannot put the new store in place at " + file.string());
        }
        ::unlink(tmp.c_str());
        fsyncPath(dataDir, true);
    } catch (const SQLite::Exception& e) {
        removeDatabaseFiles(tmp, problem);
        throwStoreError(e, "the attendance store " + file.string() + " could not be created");
    } catch (...) {
        removeDatabaseFiles(tmp, problem);
        throw;
    }
}

// Renames the store with every companion SQLite or we keep beside it, the WAL first: a WAL left behind
// would be replayed into the fresh store, and one moved alone loses its commits.
fs::path moveAside(const fs::path& dataDir, const std::string& stamp, const std::string& problem) {
    const fs::path file = dataDir / kStoreFileName;
    const fs::path aside = dataDir / (std::string(kStoreFileName) + ".damaged-" + stamp);
    for (const char* suffix : {kWalSuffix, kShmSuffix, kHeadSuffix, ""}) {
        const fs::path from = file.string() + suffix;
        if (::access(from.c_str(), F_OK) != 0) continue;
        if (::rename(from.c_str(), (aside.string() + suffix).c_str()) != 0) {
            throw StoreError(StoreFault::Damaged, "the attendance store " + file.string() + " is damaged (" + problem +
                                                      ") and could not be moved aside: " + std::strerror(errno));
        }
    }
    fsyncPath(dataDir, true);
    return aside;
}

// Hidden temporaries a killed backup, scrub, restore or creation left (only called when no other program
// has the folder open, under the maintenance lock), and partial exports in our export folder.
int removeTemporaries(const fs::path& dataDir, const fs::path& exportDir) {
    int removed = 0;
    std::vector<fs::path> dead = hiddenTemporaries(dataDir);
    try {
        for (const auto& p : listFiles(exportDir)) {
            const std::string name = p.filename().string();
            if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos) dead.push_back(p);
        }
    } catch (const StoreError&) {
        // An export folder we cannot list holds nothing we wrote.
    }
    for (const auto& p : dead) {
        if (::unlink(p.c_str()) == 0) ++removed;
    }
    return removed;
}

// Folders we made must be 0700 even when an older version created them 0755.
void tightenFolders(const fs::path& dataDir) {
    for (const fs::path& dir : {dataDir, dataDir / kBackupsFolder, dataDir / kSpoolFolder, dataDir / kExportsFolder}) {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_uid == ::geteuid() && (st.st_mode & 077) != 0) ::fchmod(fd, 0700);
        ::close(fd);
    }
}

int commitHook(void* p) {
    // Non-zero turns the commit into a rollback: nothing is written to a store file nobody will read again.
    return static_cast<Store::Impl*>(p)->checkFile() ? 1 : 0;
}

int walHook(void* p, sqlite3* db, const char* name, int frames) {
    auto* impl = static_cast<Store::Impl*>(p);
    if (impl->checkFile()) {
        ++tlCommitWatch.lostCommits;  // deleted between the commit hook and the write: say it was not saved
    } else if (impl->auditAppended) {
        tlCommitWatch.headDue = impl;
    }
    // Setting a WAL hook replaces SQLite's automatic checkpoint (wal_autocheckpoint = 1000 pages): keep it.
    if (frames >= 1000) sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void reportGone(const Store::Impl& impl) {
    std::cerr << "briefing: the attendance store " << impl.file().string() << ": " << *impl.gone
              << "; nothing more is saved to it\n";
}

}  // namespace

Store::Impl::~Impl() {
    if (storeFd >= 0) ::close(storeFd);
    if (tlCommitWatch.headDue == this) tlCommitWatch.headDue = nullptr;
}

const std::optional<std::string>& Store::Impl::checkFile() {
    if (gone || storeFd < 0) return gone;
    struct stat opened {}, named {};
    if (::fstat(storeFd, &opened) == 0 && opened.st_nlink == 0) {
        gone = "it was deleted while open (the data folder was removed or emptied)";
    } else if (::stat(file().c_str(), &named) != 0) {
        gone = "it is no longer at " + file().string() + " (the data folder was deleted or moved)";
    } else if (static_cast<unsigned long long>(named.st_ino) != storeIno ||
               static_cast<unsigned long long>(named.st_dev) != storeDev) {
        gone = "another file was put in its place at " + file().string();
    }
    if (gone) reportGone(*this);
    return gone;
}

void Store::Impl::attach() {
    if (storeFd >= 0) ::close(storeFd);
    storeFd = ::open(file().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (storeFd < 0) throwErrno(StoreFault::Other, "cannot open the attendance store " + file().string());
    struct stat st {};
    if (::fstat(storeFd, &st) != 0) throwErrno(StoreFault::Other, "cannot read the attendance store " + file().string());
    storeDev = static_cast<unsigned long long>(st.st_dev);
    storeIno = static_cast<unsigned long long>(st.st_ino);
    gone.reset();
    if (readOnly) return;
    // fchmod on what we opened (never chmod by name, which follows a symbolic link planted there).
    if (::fchmod(storeFd, 0600) != 0 && errno != EPERM) {
        throwErrno(StoreFault::Other, "cannot set the mode of " + file().string());
    }
    for (const char* suffix : {kWalSuffix, kShmSuffix}) {
        const fs::path p = file().string() + suffix;
        refuseSymlink(p);
        const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0) {
            ::fchmod(fd, 0600);
            ::close(fd);
        }
    }
    sqlite3_commit_hook(db.getHandle(), commitHook, this);
    sqlite3_wal_hook(db.getHandle(), walHook, this);
    registerAuditMac(db, &key, &auditAppended);
}

void afterCommits(unsigned long long lostBefore, const std::string& what) {
    if (tlCommitWatch.lostCommits != lostBefore) {
        throw StoreError(StoreFault::Gone, what + ": not saved: the attendance store file was deleted, moved or "
                                                  "replaced while this program had it open; restart the program");
    }
    if (Store::Impl* impl = std::exchange(tlCommitWatch.headDue, nullptr)) updateAuditHead(*impl);
}

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

OpenResult Store::open(const fs::path& dataDir, const OpenOptions& options) {
    const bool readOnly = options.access == Access::ReadOnly;
    const bool create = options.createIfMissing && !readOnly;
    const fs::path file = dataDir / kStoreFileName;
    const auto missing = [&] {
        return StoreError(StoreFault::Missing, "no attendance store at " + file.string() +
                                                   " (open a session or check someone in first)");
    };
    if (create) {
        if (auto problem = kiosk::config::prepareDataDir(dataDir)) throw StoreError(StoreFault::Other, *problem);
    } else if (auto problem = kiosk::config::checkDataDir(dataDir)) {
        std::error_code ec;
        if (!fs::exists(dataDir, ec)) throw missing();
        throw StoreError(StoreFault::Other, *problem);
    }
    const AuditKey key = options.auditKey.value_or(developmentAuditKey());
    auto lock = std::make_unique<FolderLock>(dataDir, !readOnly);
    // Alone: no other program has this folder open, so its WAL is at rest and its temporaries are dead.
    const bool alone = lock->tryExclusiveUse();
    if (!alone && !lock->sharedUse(options.busyTimeoutMs)) {
        throw StoreError(StoreFault::Locked, "the attendance store " + file.string() +
                                                 " is being replaced by a restore; try again in a moment");
    }
    const std::string stamp = utcStamp(options.clock ? options.clock() : std::chrono::system_clock::now());

    OpenResult result;
    if (alone && !readOnly) {
        // Before anything else, so a store whose creation keeps being killed does not pile them up.
        try {
            FolderLock::Maintenance m(*lock, 0, "temporaries not removed");
            const fs::path exports = options.exportDir.empty() ? dataDir / kExportsFolder : options.exportDir;
            result.temporariesRemoved = removeTemporaries(dataDir, exports);
        } catch (const StoreError&) {
            // Someone started a backup meanwhile: the temporaries wait for the next start.
        }
    }
    struct stat st {};
    bool created = false;
    if (::lstat(file.c_str(), &st) != 0) {
        if (errno != ENOENT) throwErrno(StoreFault::Other, "cannot use the attendance store " + file.string());
        if (!create) throw missing();
        FolderLock::Maintenance m(*lock, options.busyTimeoutMs, "the attendance store was not created");
        if (::lstat(file.c_str(), &st) != 0) {
            createStore(dataDir, options, key, "");
            created = true;
        }
    } else {
        refuseSymlink(file);
    }
    for (const char* suffix : {kWalSuffix, kShmSuffix, kHeadSuffix}) refuseSymlink(file.string() + suffix);
    // A store that exists but has no bytes lost its content (a truncation, a failed copy): SQLite would
    // quietly treat it as new. Stores we create are never empty (see createStore).
    std::string problem;
    if (!created && st.st_size == 0) problem = "the file is empty (0 bytes)";
    if (problem.empty() && alone) problem = walLostCommits(file.string() + kWalSuffix).value_or("");
    if (problem.empty()) problem = readOnlyHealth(file, options);
    if (!problem.empty()) {
        if (options.onDamage == DamagePolicy::Fail || readOnly || !alone) {
            throw StoreError(StoreFault::Damaged, "the attendance store " + file.string() + " is damaged (" + problem +
                                                      "); it was left untouched: start the kiosk to move it aside, "
                                                      "or restore a backup" +
                                                      (alone ? "" : " (another program has it open: stop it first)"));
        }
        FolderLock::Maintenance m(*lock, options.busyTimeoutMs, "the damaged attendance store was not moved aside");
        result.movedAside = moveAside(dataDir, stamp, problem);
        result.problem = problem;
        createStore(dataDir, options, key,
                    "the previous store was damaged (" + problem.substr(0, 200) + ") and moved aside to " +
                        result.movedAside->filename().string() + " with its -wal, -shm and -head");
    }

    auto impl = makeImpl(dataDir, options, file, readOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE);
    impl->key = key;
    impl->readOnly = readOnly;
    impl->lock = std::move(lock);
    guarded("the attendance store " + file.string() + " cannot be opened", [&] {
        if (readOnly && userVersion(impl->db) < kSchemaVersion) {
            // An older schema: upgrade it once through a short read-write open (the store is healthy).
            SQLite::Database rw(file, SQLite::OPEN_READWRITE | kNoFollow, options.busyTimeoutMs);
            applyPragmas(rw, options.synchronous);
            registerAuditMac(rw, &impl->key, nullptr);
            migrate(rw, kSchemaVersion, [&] { appendAuditSeal(rw, impl->key, impl->nowIso(), ""); });
            if (auto head = chainHeadOf(rw)) writeHeadFile(impl->headFile(), impl->key, *head);
        }
        if (readOnly) {
            applyReadOnlyPragmas(impl->db);
        } else {
            applyPragmas(impl->db, options.synchronous);
            registerAuditMac(impl->db, &impl->key, &impl->auditAppended);
            migrate(impl->db, kSchemaVersion, [&] { appendAuditSeal(impl->db, impl->key, impl->nowIso(), ""); });
        }
    });
    impl->attach();
    if (impl->auditAppended) updateAuditHead(*impl);
    if (alone && !readOnly) tightenFolders(dataDir);
    if (alone) impl->lock->sharedUse(options.busyTimeoutMs);
    result.store.reset(new Store(std::move(impl)));
    return result;
}

const fs::path& Store::dataDir() const { return m_impl->dataDir; }
fs::path Store::file() const { return m_impl->file(); }
fs::path Store::backupDir() const { return m_impl->dataDir / kBackupsFolder; }
int Store::schemaVersion() const {
    return guarded("reading the schema version", [&] { return userVersion(m_impl->db); });
}
std::optional<std::string> Store::fileProblem() const { return m_impl->checkFile(); }
sqlite3* Store::nativeHandle() const { return m_impl->db.getHandle(); }

}  // namespace kiosk::records
