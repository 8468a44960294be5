// The attendance store: one SQLite file (attendance.db, WAL, synchronous=FULL) in the data folder.
// Layer: kiosk/records (SQLite through SQLiteCpp; no ImGui, SDL or libharu; SQLite stays out of this header).
#pragma once

#include "kiosk/records/clock.hpp"
#include "kiosk/records/errors.hpp"
#include "kiosk/records/types.hpp"

#include <array>
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
    MoveAside,  // kiosk start-up: rename a damaged store (with its -wal, -shm and -head)
                // attendance.db.damaged-<UTC>, start a fresh one
    Fail,       // `briefing`: throw StoreError(Damaged) and touch nothing (the check runs read-only)
};
enum class Access {
    ReadWrite,
    // Read-only commands: never creates a folder or a store, never checkpoints or deletes a WAL; every
    // write throws StoreError. (An older schema is still migrated first, through a short read-write open.)
    ReadOnly,
};

// The audit chain's HMAC-SHA256 key: 32 bytes derived from the kiosk's secret, never kept in the data folder.
using AuditKey = std::array<unsigned char, 32>;

struct OpenOptions {
    bool createIfMissing = true;  // false: StoreError(Missing) when there is no attendance.db
    DamagePolicy onDamage = DamagePolicy::MoveAside;
    Access access = Access::ReadWrite;
    Synchronous synchronous = Synchronous::Full;
    int busyTimeoutMs = 5000;
    std::string kioskId = "cli";  // recorded on each check-in
    std::string forceId;          // recorded on new sessions
    std::function<std::chrono::system_clock::time_point()> clock;  // tests; empty: system clock
    // The audit chain's key. nullopt: a public development key, for tests and tools that do not care;
    // a chain sealed with it fails verification under a real key, and verifyAudit says which it was.
    std::optional<AuditKey> auditKey;
    // Our export folder, scrubbed by erasure and purge (exports naming an erased person are removed).
    // Empty: <data>/exports.
    std::filesystem::path exportDir;
};

class Store;

struct OpenResult {
    std::unique_ptr<Store> store;
    // Set when a damaged store was moved aside and a fresh one created: the kiosk shows an officer notice.
    std::optional<std::filesystem::path> movedAside;
    std::string problem;  // why it was moved aside
    int temporariesRemoved = 0;  // hidden temporaries of killed backups, restores, scrubs, creations, exports
};

// Not thread-safe: one Store per thread. Every write is one IMMEDIATE transaction committed before the
// call returns (rolled back on any exception). Throws StoreError (NotSavedError for disk full), InputError
// or NotFoundError as documented; never leaves a half-done write.
class Store {
public:
    // Prepares the data folder (0700 at every level created; nothing is created for ReadOnly or
    // createIfMissing=false), opens attendance.db (0600, through O_NOFOLLOW and fchmod: a symbolic link is
    // refused) or creates it atomically (built as a hidden temporary, then linked into place), checks it
    // read-only (its WAL for commits SQLite would drop, then integrity_check) and runs the migrations.
    // When no other program has the folder open it also removes hidden temporaries left by killed backups,
    // restores, scrubs and creations. Throws StoreError: Locked, TooNew, Damaged (with DamagePolicy::Fail),
    // Missing, Other; InputError for a bad auditKey.
    static OpenResult open(const std::filesystem::path& dataDir, const OpenOptions& options = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& dataDir() const;
    std::filesystem::path file() const;
    std::filesystem::path backupDir() const;
    int schemaVersion() const;
    // Why the store file this Store writes to is no longer attendance.db (deleted, renamed or replaced
    // while open), or nullopt. Two stat calls. Once set, every write throws StoreError(Gone) and nothing
    // more is saved: the kiosk shows an officer notice. Every commit runs this check before and after.
    std::optional<std::string> fileProblem() const;

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

    // Print queue: a durable per-job state machine that lets kiosk/packs print each pack at most once, kills
    // at any moment included. Each transition is one transaction and checks the state it starts from
    // (InputError naming both states otherwise, so two processes never both win a job).
    //   queued -> submitting (claimNextPrint, before the hand-over) -> sent (the destination has it) -> done
    //   submitting|sent -> waiting (deferPrint: an automatic retry at a given time) -> submitting ...
    //   any unfinished -> failed (needs an officer) | cancelled;  failed|cancelled|waiting -> queued (retryPrint)
    // `options` records how the pack is to be rendered (opaque here; kiosk/packs defines the format).
    std::string enqueuePrint(const std::string& candidateId, const std::string& destination,
                             const std::string& options = "");
    // The oldest job that is queued, or waiting with nextAttemptAt <= now and nothing left in CUPS, moved to
    // "submitting" for `destination` ("spool" or a CUPS queue) by `owner`: attempts+1, autoAttempts+1,
    // reference cleared, inCups set unless the destination is "spool". nullopt when none is due.
    std::optional<PrintJob> claimNextPrint(const std::string& destination, const std::string& owner);
    // CUPS returned its job id while the document is still on its way (state stays "submitting").
    void recordPrintReference(const std::string& jobId, const std::string& reference);
    void markPrintSent(const std::string& jobId, const std::string& reference);  // submitting|sent -> sent
    // submitting|sent|waiting|queued -> done; also deletes a keep=false safety plan in the same commit.
    void markPrintDone(const std::string& jobId);
    // submitting|sent -> waiting until `nextAttemptAt`. `inCups`: CUPS may still hold it (it is not claimed
    // again until markPrintPurged). `refund`: the attempt does not count against the retry limit (it was
    // interrupted before CUPS had it, e.g. by a kill).
    void deferPrint(const std::string& jobId, const std::string& error, TimePoint nextAttemptAt, bool inCups,
                    bool refund = false);
    // submitting|sent -> queued: the attempt was interrupted before CUPS had the job (refunded, due at once).
    void requeuePrint(const std::string& jobId, const std::string& why);
    // Any unfinished state -> failed (needs an officer). `inCups` as for deferPrint.
    void markPrintFailed(const std::string& jobId, const std::string& error, bool inCups = false);
    // News while the job is in flight ("the printer is stopped; the pack waits in CUPS"): no state change.
    void notePrint(const std::string& jobId, const std::string& message);
    // CUPS no longer holds the job: inCups cleared (any state; the reference is kept for the record).
    void markPrintPurged(const std::string& jobId);
    void retryPrint(const std::string& jobId);   // failed|cancelled|waiting -> queued, retry limit reset
    void cancelPrint(const std::string& jobId);  // queued|submitting|sent|waiting|failed -> cancelled
    // Jobs claimNextPrint would hand out now, oldest first (at most `limit`).
    std::vector<PrintJob> duePrintJobs(int limit) const;
    // When the next job falls due: now for a queued job, else the earliest waiting job's nextAttemptAt
    // (waiting jobs still in CUPS excluded); nullopt when none is queued or waiting.
    std::optional<TimePoint> nextPrintDue() const;
    // The printer is back: every waiting job with nothing left in CUPS becomes due now. Returns how many.
    int hastenWaitingPrints();
    // Jobs the print worker must look at in CUPS: submitting or sent, or anything with inCups set.
    std::vector<PrintJob> printJobsInCups() const;
    // Deleted jobs CUPS may still hold, and forgetting one once it is withdrawn there.
    std::vector<PrintWithdrawal> printWithdrawals() const;
    void forgetPrintWithdrawal(const std::string& jobId);
    std::vector<PrintJob> listPrintJobs() const;
    PrintJob printJob(const std::string& jobId) const;  // NotFoundError

    // Officer audit log (table audit_log): one row per action, each MAC (HMAC-SHA256 under the audit key)
    // chained over the previous row's; rows written before the chain was keyed (schema < 5) stay SHA-256
    // and are anchored by the "audit-keyed" seal row. The chain head (rows + last MAC, sealed) is kept
    // outside the store in attendance.db-head and in each backup, so truncation, deleting every row,
    // rewriting, forged rows and an older store file copied back are all detected by verifyAudit.
    // Actions: "unlock", "view-roster", "export", "print", "purge", "erase", "settings-change", "failed-pin",
    // "session-open", "session-close", "session-merge", "backup", "restore", "checkin-manual",
    // "set-pin", "lockout", "officer-unlock", "officer-remove", "roster-correct", "roster-remove", "attendance",
    // "audit-keyed" (the seal), "store-moved-aside", "pin-attempt".
    void audit(const std::string& action, const std::string& actor, const std::string& detail);
    // Checks every row's MAC and link, the seal, the head file and every backup's recorded head. A
    // missing audit_log table, a missing head file, a log shorter than a recorded head and rows sealed
    // under another key are all a damaged log (ok=false, problem says which). StoreError when unreadable.
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
    // one person. Both record the act in the `erasures` ledger, the audit log (without the erased data) and
    // erasure_scrubs (what remains to be scrubbed: the store's free pages and WAL, every backup and hidden
    // temporary, the person's spool files, exports naming them in our export folder) in one commit; then
    // scrub each copy (secure_delete, VACUUM, WAL checkpoint(TRUNCATE); backups rebuilt beside themselves
    // and renamed into place), striking each done. Purge also removes spool files and exports older than
    // the cutoff. Copies left throw ErasureIncompleteError naming them (exit 3); finishErasures, or the
    // same erase again, completes the work.
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
    // An already erased candidate (in the ledger, gone from the store) is not unknown: the call finishes
    // whatever copies remain and returns alreadyErased. NotFoundError only for a person never held.
    ErasureReport eraseCandidate(const std::string& candidateId, const std::string& actor, int retentionDays);
    // Scrubs every copy an earlier erase or purge left (a kill, a full disk, an unreadable backup).
    // The kiosk calls it at start-up. Throws ErasureIncompleteError naming what still could not be done.
    ErasureReport finishErasures();
    int pendingScrubs() const;  // copies still to scrub (0 when every erasure is complete)
    // The print path's hook: a pack that has been printed (or a spool file no longer wanted) is deleted
    // from spool/ with any partial temporaries of the same job. Returns files removed.
    int removeSpoolCopies(const std::string& jobId);

    // Backups: backups/attendance-<UTC>.db through the SQLite backup API (a hidden temporary, scrubbed with
    // the ledger, its chain head recorded in its backup_meta table, then renamed into place, 0600), keeping
    // the newest `keep`. Backups and erasures never overlap (the folder's maintenance lock), so an erasure
    // reaches every finished backup.
    // restore builds the restored store beside the live one (a hidden temporary): the backup's content,
    // every erasure and purge of the current ledger and the backups' re-applied, the current officer
    // accounts, the current audit log kept (never rewound) plus a "restore" row, pending scrubs carried;
    // it is checked (integrity_check, audit chain) and only then renamed over attendance.db. A kill at any
    // point leaves either the old store or the complete new one. Needs the folder to itself
    // (StoreError(Locked) while the kiosk runs). InputError when `file` is not a readable attendance store,
    // is newer than this program, or its audit log does not match its recorded chain head.
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
