// Schema migrations 1..kSchemaVersion, applied in order inside one transaction each.
// Layer: kiosk/records.
#include "kiosk/records/migrations.hpp"

#include "store_impl.hpp"

#include <array>

namespace kiosk::records {
namespace {

// Version 1: sessions, candidates, check-ins and the audit log. Party is never recorded.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  officer TEXT NOT NULL DEFAULT '',
  force TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  walk_in INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE TABLE candidates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  constituency TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  language TEXT NOT NULL DEFAULT 'en-GB',
  consent_notice_version TEXT NOT NULL DEFAULT '',
  consent_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE checkins (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  kiosk_id TEXT NOT NULL,
  checked_in_at TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE
);
CREATE INDEX checkins_session ON checkins(session_id);
CREATE INDEX checkins_candidate ON checkins(candidate_id);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
)sql";

// Version 2: module progress, safety plans, the print queue, officer settings, the erasure ledger.
constexpr const char* kMigration2 = R"sql(
CREATE TABLE module_progress (
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  module_id TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  PRIMARY KEY (candidate_id, module_id)
);
CREATE TABLE module_answers (
  candidate_id TEXT NOT NULL,
  module_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  PRIMARY KEY (candidate_id, module_id, question),
  FOREIGN KEY (candidate_id, module_id) REFERENCES module_progress(candidate_id, module_id) ON DELETE CASCADE
);
CREATE TABLE safety_plans (
  candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
  keep INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE safety_plan_answers (
  candidate_id TEXT NOT NULL REFERENCES safety_plans(candidate_id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  PRIMARY KEY (candidate_id, question)
);
CREATE TABLE print_jobs (
  id TEXT PRIMARY KEY,
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'done', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX print_jobs_state ON print_jobs(state, created_at);
CREATE INDEX print_jobs_candidate ON print_jobs(candidate_id);
CREATE TABLE officer_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE erasures (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('erase', 'purge')),
  candidate_id TEXT NOT NULL DEFAULT '',
  cutoff TEXT NOT NULL DEFAULT ''
);
CREATE TABLE chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
)sql";

// 3: the pack options a print job was requested with (language, large print, paper, plan), so a retry
// after a crash or a printer fault prints the same pack.
constexpr const char* kMigration3 = R"sql(
ALTER TABLE print_jobs ADD COLUMN options TEXT NOT NULL DEFAULT '';
)sql";

// 4: named officer accounts. Only the Argon2id hash of a PIN is kept; the failure counter and lockout
// live beside it so they survive a restart.
constexpr const char* kMigration4 = R"sql(
CREATE TABLE officers (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('officer', 'print-operator')),
  pin_hash TEXT NOT NULL CHECK (substr(pin_hash, 1, 10) = '$argon2id$'),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failure_at TEXT NOT NULL DEFAULT '',
  locked_until TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql";

// 5 (issue 15): what an erasure or purge still has to scrub outside the store (a kill, a full disk or an
// unreadable backup must not leave a copy behind unnoticed), and the end of the in-store chain head: the
// audit chain is keyed from here on, its head kept outside the store (attendance.db-head, backup_meta).
// Store::open writes the "audit-keyed" seal row in this migration's transaction.
constexpr const char* kMigration5 = R"sql(
DROP TABLE IF EXISTS chain_head;
CREATE TABLE erasure_scrubs (
  entry_id TEXT NOT NULL,
  target TEXT NOT NULL,
  problem TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, target)
);
)sql";

constexpr std::array<const char*, kSchemaVersion> kMigrations{kMigration1, kMigration2, kMigration3, kMigration4,
                                                               kMigration5};

}  // namespace

int userVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void migrate(SQLite::Database& db, int targetVersion, const std::function<void()>& whenKeyed) {
    const int current = userVersion(db);
    if (current > kSchemaVersion) {
        throw StoreError(StoreFault::TooNew, "the attendance store " + db.getFilename() + " has schema version " +
                                                 std::to_string(current) + ", newer than this program's " +
                                                 std::to_string(kSchemaVersion) +
                                                 "; install the newer program (the store is left untouched)");
    }
    for (int v = current + 1; v <= targetVersion && v <= kSchemaVersion; ++v) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(kMigrations[static_cast<std::size_t>(v - 1)]);
        if (v == kKeyedAuditVersion && whenKeyed) whenKeyed();
        // PRAGMA takes no bound parameters; v is our own integer, not input.
        db.exec("PRAGMA user_version = " + std::to_string(v));
        tx.commit();
    }
}

void migrateFile(const std::filesystem::path& file, int targetVersion) {
    guarded("migration failed", [&] {
        SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, targetVersion);
    });
}

}  // namespace kiosk::records
