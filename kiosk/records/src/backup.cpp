// Online backups through the SQLite backup API (hidden temporary + rename, chain head recorded,
// rotation) and the subject access record. Restore is in src/restore.cpp. Layer: kiosk/records.
#include "content/text.hpp"
#include "kiosk/config/data_dir.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

fs::path takeBackup(Store::Impl& impl, const fs::path& dir) {
    if (auto problem = kiosk::config::makePrivateDirectories(dir)) throw NotSavedError("backup not saved: " + *problem);
    const std::string name = "attendance-" + utcStamp(impl.now()) + ".db";
    const fs::path final = dir / name;
    const fs::path tmp = tempPath(dir, std::string(kBackupTempPrefix) + utcStamp(impl.now()) + ".db.tmp-");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw NotSavedError("backup not saved: cannot create " + tmp.string() + ": " + std::strerror(errno));
    ::close(fd);
    std::string problem;
    try {
        {
            SQLite::Database dest(tmp, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
            SQLite::Backup copy(dest, impl.db);
            copy.executeStep(-1);
            // A backup is one self-contained file: no WAL beside it.
            dest.exec("PRAGMA journal_mode = DELETE");
            // Its chain head, sealed: verification later checks the live log still holds that row.
            if (auto head = chainHeadOf(dest)) writeBackupMeta(dest, impl.key, *head, impl.nowIso());
        }
        if (!fsyncPath(tmp, false)) throw NotSavedError("backup not saved: cannot write " + tmp.string());
        durableRename(tmp, final);
    } catch (const SQLite::Exception& e) {
        removeDatabaseFiles(tmp, problem);
        throwStoreError(e, "backup not saved");
    } catch (const fs::filesystem_error& e) {
        removeDatabaseFiles(tmp, problem);
        throw NotSavedError(std::string("backup not saved: ") + e.what());
    } catch (...) {
        removeDatabaseFiles(tmp, problem);
        throw;
    }
    return final;
}

bool Store::backupDue(std::chrono::minutes interval) const {
    const auto newestIso = latestBackupAt();
    TimePoint newest;
    if (!newestIso || !parseUtcIso(*newestIso, newest)) return true;
    return m_impl->now() - newest >= interval;
}

fs::path Store::backup(int keep, const std::string& actor) {
    if (keep < 1) throw InputError("keep: at least one backup must be kept");
    fs::path made;
    {
        // Never beside an erasure's scrub pass: it must see this backup finished, or not at all.
        FolderLock::Maintenance m(*m_impl->lock, m_impl->options.busyTimeoutMs, "backup not saved");
        made = takeBackup(*m_impl, backupDir());
        auto all = backupFiles(backupDir());
        for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < all.size(); ++i) ::unlink(all[i].c_str());
    }
    guarded("backup recorded but not audited", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        appendAudit(m_impl->db, m_impl->nowIso(), actor, "backup", made.filename().string());
        tx.commit();
    });
    return made;
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
