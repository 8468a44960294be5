// The attendance store: one SQLite file (attendance.db, WAL, synchronous=FULL) in the data folder.
// Layer: kiosk/records (SQLite through SQLiteCpp; no ImGui, SDL or libharu; SQLite stays out of this header).
#pragma once

#include "kiosk/records/clock.hpp"
#include "kiosk/records/errors.hpp"
#include "kiosk/records/types.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::records {

// What Store::beginPinAttempt needs from the PIN policy (kiosk/officer), asked inside its write transaction.
struct PinAttemptRules {
    std::function<std::optional<TimePoint>(const Officer&)> lockedUntil;  // the lockout in force, or nullopt
    std::function<std::optional<TimePoint>(int failures)> lockoutFor;     // the lockout `failures` earn, or nullopt
};

// A PIN attempt as recorded before the PIN is checked.
struct PinAttempt {
    enum class Outcome { Counted, LockedOut, UnknownOfficer, NoOfficers };
    Outcome outcome = Outcome::NoOfficers;
    Officer officer;                       // Counted: as updated (the attempt counted as a failure); LockedOut: as stored
    std::string pinHash;                   // Counted only: the stored hash to check the PIN against
    std::optional<TimePoint> lockedUntil;  // LockedOut: the lockout in force; Counted: the one this attempt set
};
enum class PinAttemptResult { Right, Wrong, Refused };

inline constexpr const char* kStoreFileName = "attendance.db";
inline constexpr std::size_t kMaxFieldCodePoints = 200;

enum class Synchronous { Full, Normal };
enum class DamagePolicy {
    MoveAside,  // kiosk start-up: rename a damaged store attendance.db.damaged-<UTC>, start a fresh one
    Fail,       // `briefing`: throw StoreError(Damaged) and touch nothing
};

struct OpenOptions {
    bool createIfMissing = true;  // false: StoreError(Missing) when there is no attendance.db
    DamagePolicy onDamage = DamagePolicy::MoveAside;
    Synchronous synchronous = Synchronous::Full;
    int busyTimeoutMs = 5000;
    std::string kioskId = "cli";  // recorded on each check-in
    std::string forceId;          // recorded on new sessions
    std::function<std::chrono::system_clock::time_point()> clock;  // tests; empty: system clock
};

class Store;

struct OpenResult {
    std::unique_ptr<Store> store;
    // Set when a damaged store was moved aside and a fresh one created: the kiosk shows an officer notice.
    std::optional<std::filesystem::path> movedAside;
    std::string problem;  // why it was moved aside
};

// Not thread-safe: one Store per thread. Every write is one IMMEDIATE transaction committed before the
// call returns (rolled back on any exception). Throws StoreError (NotSavedError for disk full), InputError
// or NotFoundError as documented; never leaves a half-done write.
class Store {
public:
    // Prepares the data folder (0700), opens or creates attendance.db (0600), runs integrity_check and the
    // migrations. Throws StoreError: Locked, TooNew, Damaged (with DamagePolicy::Fail), Missing, Other.
    static OpenResult open(const std::filesystem::path& dataDir, const OpenOptions& options = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& dataDir() const;
    std::filesystem::path file() const;
    std::filesystem::path backupDir() const;
    int schemaVersion() const;

    // Sessions. openSession returns the new UUID; date must be YYYY-MM-DD when given.
    std::string openSession(const SessionInput& input, const std::string& actor);
    void closeSession(const std::string& sessionId, const std::string& actor);  // NotFoundError
    std::vector<Session> listSessions() const;
    Session session(const std::string& sessionId) const;  // NotFoundError
    // Moves every check-in of `fromId` into `intoId` and deletes `fromId`; audited. Returns check-ins moved.
    int mergeSession(const std::string& fromId, const std::string& intoId, const std::string& actor);

    // Check-in (candidate + check-in row) committed before return. A repeated token returns the first
    // result with created=false. InputError for invalid UTF-8, empty or over-long fields, bad language or
    // token; NotFoundError for an unknown or closed session.
    CheckInResult checkIn(const CheckInInput& input);
    std::vector<RosterEntry> roster(const std::string& sessionId) const;  // NotFoundError
    // Officer roster edits (src/roster_edit.cpp). A manual check-in is checkIn with `officer` set.
    // Every answer each candidate of the session gave, by candidate id (knowledge-check summaries).
    std::map<std::string, std::vector<ModuleProgress>> sessionProgress(const std::string& sessionId) const;
    // Candidates of the session an officer added by hand (from the "checkin-manual" audit rows).
    std::vector<std::string> manualCheckIns(const std::string& sessionId) const;
    // Replaces a misspelt name (sanitised like check-in, 1..200 code points); audit "roster-correct" by
    // `actor`, naming the candidate id but neither name. InputError, NotFoundError.
    void correctCandidateName(const std::string& candidateId, const std::string& name, const std::string& actor);
    // Removes a duplicate entry from session `sessionId`: its check-in there, and the person entirely (an
    // erasure in the ledger, so no restore brings them back) when they have no other check-in.
    // Audit "roster-remove". NotFoundError when the candidate did not check in to that session.
    void removeDuplicateCheckIn(const std::string& candidateId, const std::string& sessionId, const std::string& actor);
    // Presenter-mode attendance: each candidate (checked in to `sessionId`) is credited with each module
    // shown to the room unless already completed. Audit "attendance". Returns module completions added.
    // NotFoundError for an unknown session or a candidate not in it; nothing is saved then.
    int recordAttendance(const std::string& sessionId, const std::vector<std::string>& candidateIds,
                         const std::vector<std::string>& moduleIds, const std::string& actor);

    // Progress the candidate confirmed on screen; committed before return. NotFoundError: unknown candidate.
    void recordModuleCompleted(const std::string& candidateId, const std::string& moduleId,
                               const std::vector<Answer>& answers);
    // keep=false ("print only, don't keep my plan"): the plan is deleted when its pack's job is marked done.
    void saveSafetyPlan(const std::string& candidateId, const std::vector<Answer>& answers, bool keep);
    std::optional<SafetyPlan> safetyPlan(const std::string& candidateId) const;

    // Print queue, at-most-once: claimNextPrint atomically moves the oldest queued job to "sent" (attempts+1)
    // and returns it; a job left "sent" by a crash stays so (never reprinted automatically) until retried.
    // `options` records how the pack is to be rendered (opaque here; kiosk/app defines the format).
    std::string enqueuePrint(const std::string& candidateId, const std::string& destination,
                             const std::string& options = "");
    std::optional<PrintJob> claimNextPrint();
    void markPrintSent(const std::string& jobId, const std::string& reference);
    void markPrintDone(const std::string& jobId);  // also deletes a keep=false safety plan
    void markPrintFailed(const std::string& jobId, const std::string& error);
    void retryPrint(const std::string& jobId);   // sent|failed|cancelled -> queued
    void cancelPrint(const std::string& jobId);  // queued|sent|failed -> cancelled
    std::vector<PrintJob> listPrintJobs() const;
    PrintJob printJob(const std::string& jobId) const;  // NotFoundError

    // Officer audit log (table audit_log): one row per action, hash-chained (SHA-256) over the previous row.
    // Actions: "unlock", "view-roster", "export", "print", "purge", "erase", "settings-change", "failed-pin",
    // "session-open", "session-close", "session-merge", "backup", "restore", "checkin-manual",
    // "set-pin", "lockout", "officer-unlock", "officer-remove", "roster-correct", "roster-remove", "attendance",
    // "pin-attempt".
    void audit(const std::string& action, const std::string& actor, const std::string& detail);
    AuditVerdict verifyAudit() const;
    std::vector<AuditRow> auditRows() const;

    // Officer settings that override the force profile's defaults; setSetting writes an audit row.
    std::optional<std::string> setting(const std::string& key) const;
    void setSetting(const std::string& key, const std::string& value, const std::string& actor);

    // Officer accounts (table officers; src/officers.cpp). Names are sanitised like other fields (1..200
    // code points). Only a peppered Argon2id hash is accepted (it must start "$argon2id$" and carry the
    // "$pepper=" mark of kiosk/officer/pin.hpp: InputError otherwise);
    // the hash is never part of a listing, an export or the audit log.
    // setOfficerPin creates or replaces an account, clears its failure count and lockout, and writes the
    // audit row "set-pin" (name and role, never the hash) by `actor` in the same commit.
    void setOfficerPin(const std::string& name, OfficerRole role, const std::string& pinHash,
                       const std::string& actor);
    std::vector<Officer> listOfficers() const;  // ordered by name
    std::optional<Officer> officer(const std::string& name) const;
    std::optional<std::string> officerPinHash(const std::string& name) const;  // for verification only
    // An officer PIN attempt, recorded BEFORE the PIN is checked, so no guess is ever checked uncounted
    // (issue 15). In one commit: an empty officer table or an unknown name writes a "failed-pin" audit row
    // (outcome NoOfficers / UnknownOfficer); an account `rules.lockedUntil` says is locked writes "failed-pin
    // ... PIN not checked" (LockedOut); otherwise the attempt is counted as if wrong (failed_attempts+1,
    // last_failure_at = `at`, locked_until = rules.lockoutFor(count) when that gives one) with the audit
    // row "pin-attempt", and the PIN hash is returned for checking (Counted). Throws StoreError (locked,
    // disk full, ...) with the same message whatever the PIN: nothing was counted and nothing may be checked.
    PinAttempt beginPinAttempt(const std::string& name, TimePoint at, const PinAttemptRules& rules);
    // The second commit of a Counted attempt, one write whatever the result: Right clears the count and
    // lockout and writes "unlock" (`detail`); Wrong writes "failed-pin" (and "lockout" when the attempt set
    // one); Refused (the hash could not be checked) writes "failed-pin" with `detail`. Throws StoreError with
    // the same message for every result; the attempt then stays counted.
    void finishPinAttempt(const PinAttempt& attempt, PinAttemptResult result, const std::string& detail);
    // Clears the failure count and lockout of `name`; audit row "officer-unlock" by `actor`. NotFoundError.
    void clearOfficerLockout(const std::string& name, const std::string& actor);
    // Deletes the account; audit row "officer-remove" by `actor`. NotFoundError.
    void removeOfficer(const std::string& name, const std::string& actor);

    // Retention. purge deletes every candidate whose latest check-in (or creation) is older than
    // `olderThanDays`, sessions left empty and older, and backups older than the cutoff; erase deletes
    // one person. Both: secure_delete, WAL checkpoint(TRUNCATE), VACUUM, scrub remaining backups,
    // record the act in the `erasures` ledger and the audit log (without the erased data).
    PurgeReport purge(int olderThanDays, const std::string& actor);
    // Retention preview (src/retention_preview.cpp), read-only: who purge(retentionDays) would delete now,
    // and when each other candidate falls due (latest check-in, or creation, + retentionDays), soonest first.
    struct RetentionCandidate {
        std::string candidateId;
        std::string name;
        std::string constituency;
        std::string lastSeenAt;  // UTC ISO: latest check-in, or creation when none
        std::string dueAt;       // UTC ISO: lastSeenAt + retention days
    };
    struct RetentionPreview {
        int retentionDays = 0;
        std::string cutoff;                           // UTC ISO: now - retentionDays
        std::vector<RetentionCandidate> dueNow;       // purged by purge(retentionDays) now, oldest first
        std::vector<RetentionCandidate> upcoming;     // not yet due, soonest first
        int emptySessionsDueNow = 0;                  // sessions purge would delete with them
    };
    RetentionPreview retentionPreview(int retentionDays) const;  // InputError for retentionDays < 0
    // UTC ISO time of the newest backup in backupDir(), or nullopt when there is none.
    std::optional<std::string> latestBackupAt() const;
    // PRAGMA integrity_check now (src/health.cpp): "ok" or what is wrong; StoreError when it cannot run.
    std::string integrityCheck() const;
    void eraseCandidate(const std::string& candidateId, const std::string& actor, int retentionDays);

    // Backups: backups/attendance-<UTC>.db through the SQLite backup API (temp file + rename, 0600),
    // keeping the newest `keep`. restore replaces the store's content with `file` (after a safety backup),
    // re-applies every erasure/purge in the current ledger, carries newer audit rows over. InputError when
    // `file` is not a readable attendance store or is newer than this program.
    std::filesystem::path backup(int keep = 24, const std::string& actor = "kiosk");
    // True when the newest backup is older than `interval` (or there is none): the kiosk calls this on
    // its tick and backup() when due.
    bool backupDue(std::chrono::minutes interval) const;
    RestoreReport restore(const std::filesystem::path& file, const std::string& actor);

    SubjectRecord subjectAccess(const std::string& candidateId) const;  // NotFoundError

    // For tests and tools that need raw SQLite (e.g. PRAGMA max_page_count). Owned by the store.
    sqlite3* nativeHandle() const;

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::records
