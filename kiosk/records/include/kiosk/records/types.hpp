// Plain data exchanged with the attendance store: sessions, check-ins, progress, print jobs, audit rows.
// Layer: kiosk/records. Times are UTC ISO 8601 strings ("2026-11-27T06:10:18.123Z"); ids are UUID v4.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk::records {

struct Session {
    std::string id;
    std::string date;  // YYYY-MM-DD (Europe/London calendar day)
    std::string venue;
    std::string officer;
    std::string force;
    std::string status;  // "open" | "closed"
    bool walkIn = false;
    std::string createdAt;
    int attendees = 0;
};

struct SessionInput {
    std::string date;  // empty: today in Europe/London
    std::string venue;
    std::string officer;
};

struct Consent {
    std::string noticeVersion;  // privacy-notice version the candidate accepted
    std::string at;             // empty: now
};

// One check-in. Text fields are sanitised (content::text::sanitiseLine) and length-checked by the store.
struct CheckInInput {
    std::string sessionId;  // empty: today's open session, else today's automatic walk-in session
    std::string name;
    std::string constituency;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string language = "en-GB";  // "en-GB" | "cy"
    std::optional<Consent> consent;
    std::string token;  // idempotency token (UUID); empty: a fresh one
    std::string officer;  // set for a manual check-in by an officer: audited ("checkin-manual") in the same commit
};

struct CheckInResult {
    std::string candidateId;
    std::string sessionId;
    bool created = false;  // false: the token had been seen, nothing new was stored
};

struct Answer {
    std::string question;
    std::string answer;
};

struct ModuleProgress {
    std::string moduleId;
    std::string completedAt;
    std::vector<Answer> answers;
};

struct RosterEntry {
    std::string candidateId;
    std::string name;
    std::string constituency;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string language;
    std::string checkedInAt;
    std::string kioskId;
    std::vector<std::string> modulesCompleted;
    std::string packStatus;  // latest print job state, or "none"
};

enum class PrintState { Queued, Sent, Done, Failed, Cancelled };
const char* printStateKey(PrintState s);  // "queued", "sent", "done", "failed", "cancelled"

struct PrintJob {
    std::string id;
    std::string candidateId;
    PrintState state = PrintState::Queued;
    int attempts = 0;
    std::string lastError;
    std::string destination;
    std::string reference;  // e.g. the CUPS job id, set by markPrintSent
    std::string options;    // how to render the pack, as given to enqueuePrint (opaque to the store)
    std::string createdAt;
    std::string updatedAt;
};

struct AuditRow {
    long long seq = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string detail;
    std::string prevHash;
    std::string hash;
};

struct AuditVerdict {
    bool ok = true;
    long long rows = 0;
    long long firstBadSeq = 0;  // 0 when ok (also 0 when the log as a whole is missing)
    std::string problem;        // names the first bad row, or what is missing
    std::string keyId;          // the key the chain is sealed with (16 hex digits)
    bool developmentKey = false;  // sealed with the public development key (tests, tools): not tamper-proof
    long long unkeyedRows = 0;    // rows from before the chain was keyed, anchored by its seal row
    long long rowsAfterHead = 0;  // rows written after the head outside the store was last updated (a stop)
};

struct SafetyPlan {
    std::vector<Answer> answers;
    bool keep = true;
    std::string updatedAt;
};

// Everything held about one person (subject access request).
struct SubjectRecord {
    std::string candidateId;
    std::string name;
    std::string constituency;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string language;
    std::string consentNoticeVersion;
    std::string consentAt;
    std::string createdAt;
    struct Visit {
        Session session;
        std::string checkedInAt;
        std::string kioskId;
    };
    std::vector<Visit> visits;
    std::vector<ModuleProgress> modules;
    std::optional<SafetyPlan> safetyPlan;
    std::vector<PrintJob> printJobs;
};

struct PurgeReport {
    int candidates = 0;
    int sessions = 0;
    int backupsDeleted = 0;
    int copiesScrubbed = 0;  // backups scrubbed, spool files, exports and temporaries removed
    std::string cutoff;
};

// How far an erasure reached beyond the store. An incomplete one throws ErasureIncompleteError instead.
struct ErasureReport {
    bool alreadyErased = false;  // a retry: the person was already gone from the store; copies were finished
    int copiesScrubbed = 0;      // backups scrubbed, spool files, exports and temporaries removed
    int backupsDeleted = 0;      // backups older than the retention period, deleted
    std::vector<std::string> removedFiles;  // exports naming the person, spool files, dead temporaries
};

// Officer accounts (issue 7). Role keys as stored: "officer", "print-operator".
enum class OfficerRole { Officer, PrintOperator };
const char* officerRoleKey(OfficerRole r);
std::optional<OfficerRole> parseOfficerRole(const std::string& key);  // nullopt for anything else

// One officer account as listed. Never carries the PIN hash (see Store::officerPinHash).
struct Officer {
    std::string name;
    OfficerRole role = OfficerRole::Officer;
    int failedAttempts = 0;     // consecutive wrong PINs since the last unlock or reset
    std::string lastFailureAt;  // UTC ISO; empty when none
    std::string lockedUntil;    // UTC ISO; empty when no lockout was set (compare with now to know)
    std::string createdAt;
    std::string updatedAt;
};

struct RestoreReport {
    int erasuresReapplied = 0;
    int auditRowsCarried = 0;  // the store's own audit rows, kept (the log is never rewound by a restore)
    std::string safetyBackup;  // the backup taken of the store before it was replaced
    std::string auditProblem;  // non-empty: the kept audit log fails verification (it did before, too)
};

}  // namespace kiosk::records
