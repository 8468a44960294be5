// Opening the store: data folder and file modes, pragmas, integrity_check, migrations, damaged stores
// moved aside, and the translation of SQLite failures into StoreError/NotSavedError.
// Layer: kiosk/records.
#include "kiosk/config/data_dir.hpp"
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

void throwStoreError(const SQLite::Exception& e, const std::string& what) {
    const int code = e.getErrorCode() & 0xff;
    const std::string detail = std::string(" (SQLite: ") + e.what() + ")";
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
}

namespace {

// An empty file created 0600 before SQLite sees it: SQLite gives -wal and -shm the main file's mode.
void createPrivateFile(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        throw StoreError(StoreFault::Other,
                         "cannot create the attendance store " + file.string() + ": " + std::strerror(errno));
    }
    if (fd >= 0) ::close(fd);
}

// Returns an empty string when healthy, else why not. Throws StoreError for Locked/TooNew.
std::string checkHealth(Store::Impl& impl) {
    try {
        applyPragmas(impl.db, impl.options.synchronous);
        // integrity_check, not quick_check: quick_check misses index entries out of step with their rows
        // (about half of the flipped-byte stores in tests/hardening), and a store that opens "healthy"
        // would then be written to. It costs ~10 ms at 10k rows, once per start.
        const std::string verdict = integrityVerdict(impl.db);
        if (verdict != "ok") return "integrity_check failed: " + verdict;
        migrate(impl.db, kSchemaVersion);
        return {};
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return std::string("not a readable database: ") + e.what();
        throwStoreError(e, "the attendance store " + impl.db.getFilename() + " cannot be opened");
    }
}

std::unique_ptr<Store::Impl> makeImpl(const fs::path& dir, const OpenOptions& options, const fs::path& file) {
    try {
        return std::make_unique<Store::Impl>(dir, options, file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    } catch (const SQLite::Exception& e) {
        throwStoreError(e, "the attendance store " + file.string() + " cannot be opened");
    }
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

OpenResult Store::open(const fs::path& dataDir, const OpenOptions& options) {
    if (auto problem = kiosk::config::prepareDataDir(dataDir)) throw StoreError(StoreFault::Other, *problem);
    const fs::path file = dataDir / kStoreFileName;
    std::error_code ec;
    // A store that exists but has no bytes lost its content (a truncation, a failed copy): SQLite would
    // quietly treat it as new. Only a file we create ourselves below may start empty.
    const bool existedEmpty = fs::exists(file, ec) && fs::file_size(file, ec) == 0 && !ec;
    if (!fs::exists(file, ec)) {
        if (!options.createIfMissing) {
            throw StoreError(StoreFault::Missing, "no attendance store at " + file.string() +
                                                      " (open a session or check someone in first)");
        }
        createPrivateFile(file);
    }
    ::chmod(file.c_str(), 0600);

    OpenResult result;
    auto impl = makeImpl(dataDir, options, file);
    const std::string problem = existedEmpty ? std::string("the file is empty (0 bytes)") : checkHealth(*impl);
    if (problem.empty()) {
        result.store.reset(new Store(std::move(impl)));
        return result;
    }
    if (options.onDamage == DamagePolicy::Fail) {
        throw StoreError(StoreFault::Damaged, "the attendance store " + file.string() + " is damaged (" + problem +
                                                  "); start the kiosk to move it aside, or restore a backup");
    }
    impl.reset();  // close before renaming
    const std::string stamp = utcStamp(options.clock ? options.clock() : std::chrono::system_clock::now());
    const fs::path aside = dataDir / (std::string(kStoreFileName) + ".damaged-" + stamp);
    // The WAL must move with the file: left behind, SQLite would replay it into the fresh store.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path from = file.string() + suffix;
        if (!fs::exists(from, ec)) continue;
        fs::rename(from, aside.string() + suffix, ec);
        if (ec) {
            throw StoreError(StoreFault::Damaged, "the attendance store " + file.string() + " is damaged (" + problem +
                                                      ") and could not be moved aside: " + ec.message());
        }
    }
    createPrivateFile(file);
    auto fresh = makeImpl(dataDir, options, file);
    const std::string again = checkHealth(*fresh);
    if (!again.empty()) throw StoreError(StoreFault::Damaged, "a fresh attendance store could not be created: " + again);
    result.store.reset(new Store(std::move(fresh)));
    result.movedAside = aside;
    result.problem = problem;
    return result;
}

const fs::path& Store::dataDir() const { return m_impl->dataDir; }
fs::path Store::file() const { return m_impl->dataDir / kStoreFileName; }
fs::path Store::backupDir() const { return m_impl->dataDir / "backups"; }
int Store::schemaVersion() const {
    return guarded("reading the schema version", [&] { return userVersion(m_impl->db); });
}
sqlite3* Store::nativeHandle() const { return m_impl->db.getHandle(); }

}  // namespace kiosk::records
