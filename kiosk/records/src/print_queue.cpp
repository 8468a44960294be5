// The print queue's storage: at-most-once hand-over of pack print jobs to the print layer.
// Layer: kiosk/records.
#include "content/text.hpp"
#include "store_impl.hpp"

#include <functional>
#include <optional>

namespace kiosk::records {
namespace {

constexpr const char* kJobColumns =
    "SELECT id, candidate_id, state, attempts, last_error, destination, reference, created_at, updated_at, options, "
    "auto_attempts, next_attempt_at, in_cups, owner FROM print_jobs ";

PrintState stateFromKey(const std::string& k) {
    if (k == "queued") return PrintState::Queued;
    if (k == "submitting") return PrintState::Submitting;
    if (k == "sent") return PrintState::Sent;
    if (k == "waiting") return PrintState::Waiting;
    if (k == "done") return PrintState::Done;
    if (k == "failed") return PrintState::Failed;
    return PrintState::Cancelled;
}

PrintJob readJob(SQLite::Statement& q) {
    PrintJob j;
    j.id = q.getColumn(0).getString();
    j.candidateId = q.getColumn(1).getString();
    j.state = stateFromKey(q.getColumn(2).getString());
    j.attempts = q.getColumn(3).getInt();
    j.lastError = q.getColumn(4).getString();
    j.destination = q.getColumn(5).getString();
    j.reference = q.getColumn(6).getString();
    j.createdAt = q.getColumn(7).getString();
    j.updatedAt = q.getColumn(8).getString();
    j.options = q.getColumn(9).getString();
    j.autoAttempts = q.getColumn(10).getInt();
    j.nextAttemptAt = q.getColumn(11).getString();
    j.inCups = q.getColumn(12).getInt() != 0;
    j.owner = q.getColumn(13).getString();
    return j;
}

std::string jobState(SQLite::Database& db, const std::string& jobId) {
    SQLite::Statement q(db, "SELECT state FROM print_jobs WHERE id = ?");
    q.bind(1, jobId);
    if (!q.executeStep()) throw NotFoundError("unknown print job " + content::text::repairUtf8(jobId));
    return q.getColumn(0).getString();
}

// What a transition changes besides the state; unset fields are left alone.
struct Change {
    std::optional<std::string> error = std::nullopt;
    std::optional<std::string> reference = std::nullopt;
    std::optional<std::string> nextAttemptAt = std::nullopt;
    std::optional<bool> inCups = std::nullopt;
    int autoAttemptsDelta = 0;
    bool resetAutoAttempts = false;
};

// Moves a job to `to` when its state is one of `from`; InputError otherwise (another process got there
// first, or an officer cancelled it).
void transition(Store::Impl& impl, const std::string& jobId, std::initializer_list<const char*> from, const char* to,
                const Change& c) {
    const std::string state = jobState(impl.db, jobId);
    bool allowed = false;
    for (const char* f : from) allowed = allowed || state == f;
    if (!allowed) throw InputError("print job " + jobId + " is " + state + ", cannot become " + to);
    SQLite::Statement up(impl.db,
                         "UPDATE print_jobs SET state = ?1, updated_at = ?2, "
                         "last_error = CASE WHEN ?3 IS NULL THEN last_error ELSE ?3 END, "
                         "reference = CASE WHEN ?4 IS NULL THEN reference ELSE ?4 END, "
                         "next_attempt_at = CASE WHEN ?5 IS NULL THEN next_attempt_at ELSE ?5 END, "
                         "in_cups = CASE WHEN ?6 IS NULL THEN in_cups ELSE ?6 END, "
                         "auto_attempts = CASE WHEN ?8 THEN 0 ELSE max(0, auto_attempts + ?7) END WHERE id = ?9");
    up.bind(1, to);
    up.bind(2, impl.nowIso());
    const auto bindOpt = [&](int i, const std::optional<std::string>& v) {
        if (v) up.bind(i, *v);
        else up.bind(i);
    };
    bindOpt(3, c.error);
    bindOpt(4, c.reference);
    bindOpt(5, c.nextAttemptAt);
    if (c.inCups) up.bind(6, *c.inCups ? 1 : 0);
    else up.bind(6);
    up.bind(7, c.autoAttemptsDelta);
    up.bind(8, c.resetAutoAttempts ? 1 : 0);
    up.bind(9, jobId);
    up.exec();
}

void inTransaction(Store::Impl& impl, const std::function<void()>& f) {
    guarded("print job not updated", [&] {
        SQLite::Transaction tx(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
        f();
        tx.commit();
    });
}

}  // namespace

const char* printStateKey(PrintState s) {
    switch (s) {
        case PrintState::Queued: return "queued";
        case PrintState::Submitting: return "submitting";
        case PrintState::Sent: return "sent";
        case PrintState::Waiting: return "waiting";
        case PrintState::Done: return "done";
        case PrintState::Failed: return "failed";
        case PrintState::Cancelled: return "cancelled";
    }
    return "cancelled";
}

std::string Store::enqueuePrint(const std::string& candidateId, const std::string& destination,
                                const std::string& options) {
    const std::string dest = sanitiseField("destination", destination, false);
    const std::string opts = sanitiseField("options", options, false);
    return guarded("print job not saved", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        requireCandidate(m_impl->db, candidateId);
        const std::string id = uuidV4();
        const std::string now = m_impl->nowIso();
        SQLite::Statement ins(m_impl->db,
                              "INSERT INTO print_jobs (id, candidate_id, state, destination, created_at, updated_at, options) "
                              "VALUES (?, ?, 'queued', ?, ?, ?, ?)");
        ins.bind(1, id);
        ins.bind(2, candidateId);
        ins.bind(3, dest);
        ins.bind(4, now);
        ins.bind(5, now);
        ins.bind(6, opts);
        ins.exec();
        tx.commit();
        return id;
    });
}

std::optional<PrintJob> Store::claimNextPrint(const std::string& destination, const std::string& owner) {
    return guarded("print job not claimed", [&]() -> std::optional<PrintJob> {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) +
                                            "WHERE state = 'queued' OR (state = 'waiting' AND in_cups = 0 AND "
                                            "next_attempt_at <= ?) ORDER BY created_at, rowid LIMIT 1");
        q.bind(1, m_impl->nowIso());
        if (!q.executeStep()) return std::nullopt;
        PrintJob job = readJob(q);
        q.reset();
        const bool inCups = destination != "spool";
        SQLite::Statement up(m_impl->db,
                             "UPDATE print_jobs SET state = 'submitting', attempts = attempts + 1, "
                             "auto_attempts = auto_attempts + 1, destination = ?, owner = ?, reference = '', "
                             "next_attempt_at = '', in_cups = ?, updated_at = ? WHERE id = ?");
        up.bind(1, destination);
        up.bind(2, owner);
        up.bind(3, inCups ? 1 : 0);
        up.bind(4, m_impl->nowIso());
        up.bind(5, job.id);
        up.exec();
        tx.commit();
        job.state = PrintState::Submitting;
        job.attempts += 1;
        job.autoAttempts += 1;
        job.destination = destination;
        job.owner = owner;
        job.reference.clear();
        job.nextAttemptAt.clear();
        job.inCups = inCups;
        return job;
    });
}

void Store::recordPrintReference(const std::string& jobId, const std::string& reference) {
    inTransaction(*m_impl, [&] { transition(*m_impl, jobId, {"submitting"}, "submitting", {.reference = reference}); });
}

void Store::markPrintSent(const std::string& jobId, const std::string& reference) {
    inTransaction(*m_impl, [&] { transition(*m_impl, jobId, {"submitting", "sent"}, "sent", {.reference = reference}); });
}

void Store::markPrintDone(const std::string& jobId) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"submitting", "sent", "waiting", "queued"}, "done", {.error = ""});
        // "Print only, don't keep my plan": the plan goes in the same commit that records the print.
        SQLite::Statement del(m_impl->db,
                              "DELETE FROM safety_plans WHERE keep = 0 AND candidate_id = "
                              "(SELECT candidate_id FROM print_jobs WHERE id = ?)");
        del.bind(1, jobId);
        del.exec();
    });
}

void Store::deferPrint(const std::string& jobId, const std::string& error, TimePoint nextAttemptAt, bool inCups,
                       bool refund) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"submitting", "sent"}, "waiting",
                   {.error = error, .nextAttemptAt = toUtcIso(nextAttemptAt), .inCups = inCups,
                    .autoAttemptsDelta = refund ? -1 : 0});
    });
}

void Store::requeuePrint(const std::string& jobId, const std::string& why) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"submitting", "sent"}, "queued",
                   {.error = why, .reference = "", .inCups = false, .autoAttemptsDelta = -1});
    });
}

void Store::markPrintFailed(const std::string& jobId, const std::string& error, bool inCups) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"queued", "submitting", "sent", "waiting"}, "failed",
                   {.error = error.empty() ? "failed" : error, .inCups = inCups});
    });
}

void Store::notePrint(const std::string& jobId, const std::string& message) {
    inTransaction(*m_impl, [&] {
        SQLite::Statement up(m_impl->db, "UPDATE print_jobs SET last_error = ?, updated_at = ? WHERE id = ?");
        up.bind(1, message);
        up.bind(2, m_impl->nowIso());
        up.bind(3, jobId);
        up.exec();
    });
}

void Store::markPrintPurged(const std::string& jobId) {
    inTransaction(*m_impl, [&] {
        SQLite::Statement up(m_impl->db, "UPDATE print_jobs SET in_cups = 0 WHERE id = ?");
        up.bind(1, jobId);
        up.exec();
    });
}

void Store::retryPrint(const std::string& jobId) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"failed", "cancelled", "waiting"}, "queued",
                   {.nextAttemptAt = "", .resetAutoAttempts = true});
    });
}

void Store::cancelPrint(const std::string& jobId) {
    inTransaction(*m_impl, [&] {
        transition(*m_impl, jobId, {"queued", "submitting", "sent", "waiting", "failed"}, "cancelled", {});
    });
}

std::vector<PrintJob> Store::duePrintJobs(int limit) const {
    return guarded("print queue not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) +
                                            "WHERE state = 'queued' OR (state = 'waiting' AND in_cups = 0 AND "
                                            "next_attempt_at <= ?) ORDER BY created_at, rowid LIMIT ?");
        q.bind(1, m_impl->nowIso());
        q.bind(2, limit);
        std::vector<PrintJob> out;
        while (q.executeStep()) out.push_back(readJob(q));
        return out;
    });
}

std::optional<TimePoint> Store::nextPrintDue() const {
    return guarded("print queue not read", [&]() -> std::optional<TimePoint> {
        SQLite::Statement q(m_impl->db,
                            "SELECT min(CASE WHEN state = 'queued' THEN '' ELSE next_attempt_at END) FROM print_jobs "
                            "WHERE state = 'queued' OR (state = 'waiting' AND in_cups = 0)");
        if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
        const std::string at = q.getColumn(0).getString();
        TimePoint t{};
        if (at.empty() || !parseUtcIso(at, t)) return m_impl->now();
        return t;
    });
}

int Store::hastenWaitingPrints() {
    return guarded("print queue not updated", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement up(m_impl->db,
                             "UPDATE print_jobs SET next_attempt_at = '' WHERE state = 'waiting' AND in_cups = 0 "
                             "AND next_attempt_at <> ''");
        const int n = up.exec();
        tx.commit();
        return n;
    });
}

std::vector<PrintJob> Store::printJobsInCups() const {
    return guarded("print queue not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) +
                                            "WHERE state IN ('submitting', 'sent') OR in_cups = 1 ORDER BY created_at, rowid");
        std::vector<PrintJob> out;
        while (q.executeStep()) out.push_back(readJob(q));
        return out;
    });
}

std::vector<PrintWithdrawal> Store::printWithdrawals() const {
    return guarded("print queue not read", [&] {
        SQLite::Statement q(m_impl->db, "SELECT job_id, destination, reference FROM print_withdrawals ORDER BY queued_at");
        std::vector<PrintWithdrawal> out;
        while (q.executeStep())
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
        return out;
    });
}

void Store::forgetPrintWithdrawal(const std::string& jobId) {
    inTransaction(*m_impl, [&] {
        SQLite::Statement del(m_impl->db, "DELETE FROM print_withdrawals WHERE job_id = ?");
        del.bind(1, jobId);
        del.exec();
    });
}

std::vector<PrintJob> Store::listPrintJobs() const {
    return guarded("print queue not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) + "ORDER BY created_at, rowid");
        std::vector<PrintJob> out;
        while (q.executeStep()) out.push_back(readJob(q));
        return out;
    });
}

PrintJob Store::printJob(const std::string& jobId) const {
    return guarded("print job not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) + "WHERE id = ?");
        q.bind(1, jobId);
        if (!q.executeStep()) throw NotFoundError("unknown print job " + content::text::repairUtf8(jobId));
        return readJob(q);
    });
}

}  // namespace kiosk::records
