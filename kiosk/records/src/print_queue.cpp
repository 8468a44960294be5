// The print queue's storage: at-most-once hand-over of pack print jobs to the print layer.
// Layer: kiosk/records.
#include "content/text.hpp"
#include "store_impl.hpp"

namespace kiosk::records {
namespace {

constexpr const char* kJobColumns =
    "SELECT id, candidate_id, state, attempts, last_error, destination, reference, created_at, updated_at, options "
    "FROM print_jobs ";

PrintState stateFromKey(const std::string& k) {
    if (k == "queued") return PrintState::Queued;
    if (k == "sent") return PrintState::Sent;
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
    return j;
}

std::string jobState(SQLite::Database& db, const std::string& jobId) {
    SQLite::Statement q(db, "SELECT state FROM print_jobs WHERE id = ?");
    q.bind(1, jobId);
    if (!q.executeStep()) throw NotFoundError("unknown print job " + content::text::repairUtf8(jobId));
    return q.getColumn(0).getString();
}

// Moves a job to `to` when its state is one of `from` (comma-free keys); InputError otherwise.
void transition(Store::Impl& impl, const std::string& jobId, std::initializer_list<const char*> from, const char* to,
                const std::string& error, const std::string& reference) {
    const std::string state = jobState(impl.db, jobId);
    bool allowed = false;
    for (const char* f : from) allowed = allowed || state == f;
    if (!allowed) throw InputError("print job " + jobId + " is " + state + ", cannot become " + to);
    SQLite::Statement up(impl.db,
                         "UPDATE print_jobs SET state = ?, updated_at = ?, "
                         "last_error = CASE WHEN ? = '' THEN last_error ELSE ? END, "
                         "reference = CASE WHEN ? = '' THEN reference ELSE ? END WHERE id = ?");
    up.bind(1, to);
    up.bind(2, impl.nowIso());
    up.bind(3, error);
    up.bind(4, error);
    up.bind(5, reference);
    up.bind(6, reference);
    up.bind(7, jobId);
    up.exec();
}

}  // namespace

const char* printStateKey(PrintState s) {
    switch (s) {
        case PrintState::Queued: return "queued";
        case PrintState::Sent: return "sent";
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

std::optional<PrintJob> Store::claimNextPrint() {
    return guarded("print job not claimed", [&]() -> std::optional<PrintJob> {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement q(m_impl->db, std::string(kJobColumns) +
                                            "WHERE state = 'queued' ORDER BY created_at, rowid LIMIT 1");
        if (!q.executeStep()) return std::nullopt;
        PrintJob job = readJob(q);
        q.reset();
        SQLite::Statement up(m_impl->db,
                             "UPDATE print_jobs SET state = 'sent', attempts = attempts + 1, updated_at = ? WHERE id = ?");
        up.bind(1, m_impl->nowIso());
        up.bind(2, job.id);
        up.exec();
        tx.commit();
        job.state = PrintState::Sent;
        job.attempts += 1;
        return job;
    });
}

void Store::markPrintSent(const std::string& jobId, const std::string& reference) {
    guarded("print job not updated", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        transition(*m_impl, jobId, {"sent"}, "sent", "", reference);
        tx.commit();
    });
}

void Store::markPrintDone(const std::string& jobId) {
    guarded("print job not updated", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        transition(*m_impl, jobId, {"sent", "queued"}, "done", "", "");
        // "Print only, don't keep my plan": the plan goes in the same commit that records the print.
        SQLite::Statement del(db,
                              "DELETE FROM safety_plans WHERE keep = 0 AND candidate_id = "
                              "(SELECT candidate_id FROM print_jobs WHERE id = ?)");
        del.bind(1, jobId);
        del.exec();
        tx.commit();
    });
}

void Store::markPrintFailed(const std::string& jobId, const std::string& error) {
    guarded("print job not updated", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        transition(*m_impl, jobId, {"sent", "queued"}, "failed", error.empty() ? "failed" : error, "");
        tx.commit();
    });
}

void Store::retryPrint(const std::string& jobId) {
    guarded("print job not updated", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        transition(*m_impl, jobId, {"sent", "failed", "cancelled"}, "queued", "", "");
        tx.commit();
    });
}

void Store::cancelPrint(const std::string& jobId) {
    guarded("print job not updated", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        transition(*m_impl, jobId, {"queued", "sent", "failed"}, "cancelled", "", "");
        tx.commit();
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
