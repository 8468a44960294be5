// Erasure beyond the store: what an erase or purge must still reach (erasure_scrubs), and the scrub pass
// that reaches it: the store's free pages and WAL, every backup (rebuilt beside itself and renamed into
// place), hidden temporaries, the person's spool files and exports in our export folder.
// Layer: kiosk/records.
#include "kiosk/records/migrations.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStoreTarget = "store";
constexpr const char* kBackupsTarget = "backups";
constexpr const char* kFileTarget = "file:";
constexpr const char* kSpoolJobTarget = "spool-job:";
constexpr const char* kKeptTarget = "kept:";  // a damaged store moved aside: never changed automatically
constexpr int kMaintenanceWaitMs = 30000;

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool containsAny(const fs::path& p, const std::vector<std::string>& needles) {
    if (needles.empty()) return false;
    const std::string bytes = fileBytes(p);
    for (const auto& n : needles) {
        if (bytes.find(n) != std::string::npos) return true;
    }
    return false;
}

bool validJobId(const std::string& id) {
    return !id.empty() && id.find_first_not_of("0123456789abcdefABCDEF-") == std::string::npos;
}

// Files are recorded relative to the data folder (it may be given relative to the working directory,
// which the next start need not share), or absolute when outside it (an export folder elsewhere).
std::string recorded(const Store::Impl& impl, const fs::path& p) {
    const fs::path rel = p.lexically_relative(impl.dataDir);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return fs::absolute(p).lexically_normal().string();
}

fs::path resolved(const Store::Impl& impl, const std::string& p) {
    const fs::path path(p);
    return path.is_absolute() ? path : impl.dataDir / path;
}

std::string describe(const Store::Impl& impl, const std::string& target) {
    if (target == kStoreTarget) return impl.file().string();
    if (target == kBackupsTarget) return (impl.dataDir / kBackupsFolder).string();
    if (startsWith(target, kSpoolJobTarget)) {
        return (impl.dataDir / kSpoolFolder / (target.substr(std::strlen(kSpoolJobTarget)) + ".pdf")).string();
    }
    const auto colon = target.find(':');
    return colon == std::string::npos ? target : resolved(impl, target.substr(colon + 1)).string();
}

int unlinkIfPresent(const fs::path& p, std::string& problem) {
    if (::unlink(p.c_str()) == 0) return 1;
    if (errno != ENOENT) problem = p.string() + ": " + std::strerror(errno);
    return 0;
}

// The ledger entries `file` lacks, applied to a copy of it that then replaces it. Returns entries applied.
int scrubBackup(const fs::path& file, const std::vector<LedgerEntry>& ledger) {
    std::set<std::string> have;
    {
        SQLite::Database src(file, SQLite::OPEN_READONLY | SQLITE_OPEN_NOFOLLOW);
        for (const auto& e : readLedger(src)) have.insert(e.id);
    }
    std::vector<LedgerEntry> missing;
    for (const auto& e : ledger) {
        if (!have.count(e.id)) missing.push_back(e);
    }
    if (missing.empty()) return 0;
    const fs::path tmp = tempPath(file.parent_path(), std::string(kBackupTempPrefix) + "scrub-");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw StoreError(StoreFault::Other, "cannot create " + tmp.string() + ": " + std::strerror(errno));
    ::close(fd);
    std::string problem;
    try {
        {
            SQLite::Database src(file, SQLite::OPEN_READONLY | SQLITE_OPEN_NOFOLLOW);
            SQLite::Database dest(tmp, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
            SQLite::Backup(dest, src).executeStep(-1);
        }
        SQLite::Database db(tmp, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
        // The copy is disposable until renamed: its journal stays in memory, never beside it on disk.
        db.exec("PRAGMA journal_mode = MEMORY");
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA secure_delete = ON");
        db.exec("PRAGMA temp_store = MEMORY");
        if (userVersion(db) < 2) migrate(db, 2);  // the ledger table, nothing more: restore migrates the rest
        {
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            for (const auto& e : missing) {
                applyLedgerEntry(db, e);
                insertLedgerEntry(db, e);
            }
            tx.commit();
        }
        db.exec("VACUUM");
    } catch (...) {
        removeDatabaseFiles(tmp, problem);
        throw;
    }
    if (!fsyncPath(tmp, false)) {
        removeDatabaseFiles(tmp, problem);
        throw StoreError(StoreFault::NotSaved, "cannot save the scrubbed copy of " + file.string());
    }
    try {
        durableRename(tmp, file);
    } catch (const fs::filesystem_error& e) {
        removeDatabaseFiles(tmp, problem);
        throw StoreError(StoreFault::Other, std::string("cannot replace it: ") + e.what());
    }
    return static_cast<int>(missing.size());
}

struct Pass {
    ScrubOutcome out;
    std::map<std::string, std::string> problems;  // target -> why it is not done ("" = done)
};

void scrubStore(Store::Impl& impl, Pass& pass) {
    try {
        compactAfterErasure(impl.db);
        pass.problems[kStoreTarget] = "";
    } catch (const SQLite::Exception& e) {
        pass.problems[kStoreTarget] = std::string("its free pages and write-ahead log could not be cleaned (") +
                                      e.what() + ")";
    } catch (const StoreError& e) {
        pass.problems[kStoreTarget] = e.what();
    }
}

void scrubBackups(Store::Impl& impl, const std::vector<LedgerEntry>& ledger,
                  const std::optional<TimePoint>& deleteBefore, Pass& pass) {
    std::string problems;
    const auto note = [&](const std::string& what) { problems += (problems.empty() ? "" : "; ") + what; };
    try {
        // Under the maintenance lock no temporary is being written: each is a dead, partial copy. The chain
        // head's (no personal data) are written under the head lock instead: removed only while holding it.
        struct HeadLock {
            FolderLock& lock;
            bool held;
            ~HeadLock() {
                if (held) lock.endHead();
            }
        } head{*impl.lock, impl.lock->tryHead(2000)};
        const bool headHeld = head.held;
        for (const auto& t : hiddenTemporaries(impl.dataDir)) {
            if (!headHeld && startsWith(t.filename().string(), (std::string(kStoreTempPrefix) + "head-").c_str())) continue;
            std::string why;
            if (unlinkIfPresent(t, why)) {
                ++pass.out.copiesScrubbed;
                pass.out.removedFiles.push_back(t.string());
            }
            if (!why.empty()) note(why);
        }
        for (const auto& [file, when] : listBackupsWithTimes(impl.dataDir / kBackupsFolder)) {
            if (deleteBefore && when < *deleteBefore) {
                std::string why;
                if (unlinkIfPresent(file, why)) ++pass.out.backupsDeleted;
                if (!why.empty()) note(why);
                continue;
            }
            try {
                if (scrubBackup(file, ledger) > 0) ++pass.out.copiesScrubbed;
            } catch (const std::exception& e) {
                note(file.string() + ": cannot be read or scrubbed (" + e.what() + ")");
            }
        }
    } catch (const StoreError& e) {
        note(e.what());  // a folder that cannot be listed may hide backups: never "done"
    }
    pass.problems[kBackupsTarget] = problems;
}

void scrubFileTarget(Store::Impl& impl, const std::string& target, Pass& pass) {
    std::string why;
    if (startsWith(target, kSpoolJobTarget)) {
        const std::string job = target.substr(std::strlen(kSpoolJobTarget));
        const int n = removeSpoolFiles(impl.dataDir / kSpoolFolder, job, why);
        pass.out.copiesScrubbed += n;
        if (n > 0) pass.out.removedFiles.push_back(describe(impl, target));
    } else if (startsWith(target, kFileTarget) && target.back() == '/') {
        // A folder that could not be listed when the erasure was saved: done once it can be.
        try {
            listFiles(resolved(impl, target.substr(std::strlen(kFileTarget))));
        } catch (const StoreError& e) {
            why = e.what();
        }
    } else if (startsWith(target, kFileTarget)) {
        const fs::path p = resolved(impl, target.substr(std::strlen(kFileTarget)));
        if (unlinkIfPresent(p, why)) {
            ++pass.out.copiesScrubbed;
            pass.out.removedFiles.push_back(p.string());
        }
    } else if (startsWith(target, kKeptTarget)) {
        const fs::path p = resolved(impl, target.substr(std::strlen(kKeptTarget)));
        if (::access(p.c_str(), F_OK) == 0) {
            why = p.string() + ": a damaged store moved aside, which may still hold the person; it is never changed "
                               "automatically: examine it, then delete it";
        }
    }
    pass.problems[target] = why;
}

}  // namespace

int removeSpoolFiles(const fs::path& spool, const std::string& jobId, std::string& problem) {
    if (!validJobId(jobId)) return 0;
    int removed = unlinkIfPresent(spool / (jobId + ".pdf"), problem);
    // Partial packs a killed spool write left: ".<job>.pdf.XXXXXX" (print/ SpoolFolderPrinter).
    try {
        const std::string prefix = "." + jobId + ".pdf.";
        for (const auto& p : listFiles(spool)) {
            if (p.filename().string().rfind(prefix, 0) == 0) removed += unlinkIfPresent(p, problem);
        }
    } catch (const StoreError& e) {
        problem = e.what();
    }
    return removed;
}

std::vector<std::string> erasureTargets(const Store::Impl& impl, const std::vector<std::string>& candidateIds,
                                        const std::vector<std::string>& jobIds,
                                        const std::optional<TimePoint>& olderThan) {
    std::vector<std::string> targets{kStoreTarget, kBackupsTarget};
    for (const auto& job : jobIds) {
        if (validJobId(job)) targets.push_back(kSpoolJobTarget + job);
    }
    const auto old = [&](const fs::path& p) {
        if (!olderThan) return false;
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) return false;
        return std::chrono::system_clock::from_time_t(st.st_mtime) < *olderThan;
    };
    // Retention reaches every pack file older than the cutoff, whoever it was for (a test page, a job
    // whose row an earlier erasure removed).
    try {
        for (const auto& p : listFiles(impl.dataDir / kSpoolFolder)) {
            if (old(p)) targets.push_back(kFileTarget + recorded(impl, p));
        }
    } catch (const StoreError&) {
        targets.push_back(kFileTarget + std::string(kSpoolFolder) + "/");  // a folder: reported when scrubbed
    }
    // Exports in our folders (the configured export folder, and exports/ in the data folder when that is
    // configured elsewhere): every one naming an erased person (all our exports carry candidate ids), and
    // for retention every one older than the cutoff.
    std::set<fs::path> exportDirs{impl.exportDir(), impl.dataDir / kExportsFolder};
    for (const auto& dir : exportDirs) {
        try {
            for (const auto& p : listFiles(dir)) {
                if (old(p) || containsAny(p, candidateIds)) targets.push_back(kFileTarget + recorded(impl, p));
            }
        } catch (const StoreError&) {
            // An export folder we cannot list holds nothing we could have written.
        }
    }
    // Damaged stores moved aside keep their bytes as found: named when they hold the person.
    try {
        for (const auto& p : listFiles(impl.dataDir)) {
            const std::string name = p.filename().string();
            if (name.rfind(std::string(kStoreFileName) + ".damaged-", 0) != 0) continue;
            if (name.size() > 5 && name.compare(name.size() - 5, 5, kHeadSuffix) == 0) continue;
            if (old(p) || containsAny(p, candidateIds)) targets.push_back(kKeptTarget + recorded(impl, p));
        }
    } catch (const StoreError&) {
    }
    return targets;
}

void insertScrubTargets(SQLite::Database& db, const std::string& entryId, const std::vector<std::string>& targets) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO erasure_scrubs (entry_id, target) VALUES (?, ?)");
    for (const auto& t : targets) {
        ins.reset();
        ins.bind(1, entryId);
        ins.bind(2, t);
        ins.exec();
    }
}

ScrubOutcome runScrubs(Store::Impl& impl, const std::optional<TimePoint>& deleteBackupsBefore) {
    FolderLock::Maintenance m(*impl.lock, kMaintenanceWaitMs, "the erasure is saved, but its copies were not scrubbed");
    auto& db = impl.db;
    const auto ledger = readLedger(db);
    std::set<std::string> targets{kStoreTarget, kBackupsTarget};  // every pass checks the store and backups
    {
        SQLite::Statement q(db, "SELECT DISTINCT target FROM erasure_scrubs");
        while (q.executeStep()) targets.insert(q.getColumn(0).getString());
    }
    Pass pass;
    scrubStore(impl, pass);
    scrubBackups(impl, ledger, deleteBackupsBefore, pass);
    for (const auto& t : targets) {
        if (t != kStoreTarget && t != kBackupsTarget) scrubFileTarget(impl, t, pass);
    }
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement done(db, "DELETE FROM erasure_scrubs WHERE target = ?");
    SQLite::Statement failed(db, "UPDATE erasure_scrubs SET problem = ? WHERE target = ?");
    // A problem no pending row names (the store or backups checked by every pass) is recorded too, so the
    // next start retries it.
    SQLite::Statement noted(db, "INSERT OR REPLACE INTO erasure_scrubs (entry_id, target, problem) VALUES ('', ?, ?)");
    for (const auto& [target, why] : pass.problems) {
        if (why.empty()) {
            done.reset();
            done.bind(1, target);
            done.exec();
            continue;
        }
        failed.reset();
        failed.bind(1, why);
        failed.bind(2, target);
        if (failed.exec() == 0) {
            noted.reset();
            noted.bind(1, target);
            noted.bind(2, why);
            noted.exec();
        }
        // Every problem but the store's names its file already.
        pass.out.remaining.push_back(target == kStoreTarget ? describe(impl, target) + ": " + why : why);
    }
    tx.commit();
    return pass.out;
}

}  // namespace kiosk::records
