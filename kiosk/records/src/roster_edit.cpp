// Officer roster edits: correct a misspelt name, remove a duplicate, presenter-mode attendance, and the
// per-session progress and manual check-ins the live roster shows. Layer: kiosk/records.
#include "store_impl.hpp"

#include "content/text.hpp"

#include <set>

namespace kiosk::records {
namespace {

bool checkedInTo(SQLite::Database& db, const std::string& candidateId, const std::string& sessionId) {
    SQLite::Statement q(db, "SELECT 1 FROM checkins WHERE candidate_id = ? AND session_id = ?");
    q.bind(1, candidateId);
    q.bind(2, sessionId);
    return q.executeStep();
}

}  // namespace

std::map<std::string, std::vector<ModuleProgress>> Store::sessionProgress(const std::string& sessionId) const {
    return guarded("progress not read", [&] {
        auto& db = m_impl->db;
        requireSession(db, sessionId);
        SQLite::Statement q(db,
                            "SELECT p.candidate_id, p.module_id, p.completed_at, a.question, a.answer "
                            "FROM checkins k JOIN module_progress p ON p.candidate_id = k.candidate_id "
                            "LEFT JOIN module_answers a ON a.candidate_id = p.candidate_id AND a.module_id = p.module_id "
                            "WHERE k.session_id = ? ORDER BY p.candidate_id, p.completed_at, p.module_id, a.question");
        q.bind(1, sessionId);
        std::map<std::string, std::vector<ModuleProgress>> out;
        while (q.executeStep()) {
            auto& mods = out[q.getColumn(0).getString()];
            const std::string moduleId = q.getColumn(1).getString();
            if (mods.empty() || mods.back().moduleId != moduleId)
                mods.push_back({moduleId, q.getColumn(2).getString(), {}});
            if (!q.getColumn(3).isNull())
                mods.back().answers.push_back({q.getColumn(3).getString(), q.getColumn(4).getString()});
        }
        return out;
    });
}

std::vector<std::string> Store::manualCheckIns(const std::string& sessionId) const {
    return guarded("audit log not read", [&] {
        auto& db = m_impl->db;
        SQLite::Statement q(db, "SELECT detail FROM audit_log WHERE action = 'checkin-manual' AND detail LIKE ? ORDER BY seq");
        q.bind(1, "% into session " + sessionId);
        std::vector<std::string> out;
        const std::string prefix = "candidate ";
        while (q.executeStep()) {
            const std::string detail = q.getColumn(0).getString();
            if (detail.rfind(prefix, 0) != 0) continue;
            const auto end = detail.find(' ', prefix.size());
            if (end != std::string::npos) out.push_back(detail.substr(prefix.size(), end - prefix.size()));
        }
        return out;
    });
}

void Store::correctCandidateName(const std::string& candidateId, const std::string& name, const std::string& actor) {
    const std::string clean = sanitiseField("name", name, true);
    guarded("name not corrected", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireCandidate(db, candidateId);
        SQLite::Statement up(db, "UPDATE candidates SET name = ? WHERE id = ?");
        up.bind(1, clean);
        up.bind(2, candidateId);
        up.exec();
        appendAudit(db, m_impl->nowIso(), actor, "roster-correct", "corrected the name of candidate " + candidateId);
        tx.commit();
    });
}

void Store::removeDuplicateCheckIn(const std::string& candidateId, const std::string& sessionId,
                                   const std::string& actor) {
    bool erased = false;
    guarded("duplicate not removed", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireSession(db, sessionId);
        if (!checkedInTo(db, candidateId, sessionId))
            throw NotFoundError("candidate " + content::text::repairUtf8(candidateId) + " is not in session " + sessionId);
        SQLite::Statement del(db, "DELETE FROM checkins WHERE candidate_id = ? AND session_id = ?");
        del.bind(1, candidateId);
        del.bind(2, sessionId);
        del.exec();
        SQLite::Statement rest(db, "SELECT 1 FROM checkins WHERE candidate_id = ?");
        rest.bind(1, candidateId);
        const std::string now = m_impl->nowIso();
        std::string detail = "removed a duplicate check-in from session " + sessionId;
        if (!rest.executeStep()) {  // nothing else refers to this person: erase them for good
            const LedgerEntry entry{uuidV4(), now, "erase", candidateId, ""};
            applyLedgerEntry(db, entry);
            insertLedgerEntry(db, entry);
            detail += " and the person's record (ledger entry " + entry.id + ")";
            erased = true;
        }
        appendAudit(db, now, actor, "roster-remove", detail);
        tx.commit();
    });
    if (erased) guarded("the removal is saved, but the store could not be compacted", [&] { compactAfterErasure(m_impl->db); });
}

int Store::recordAttendance(const std::string& sessionId, const std::vector<std::string>& candidateIds,
                            const std::vector<std::string>& moduleIds, const std::string& actor) {
    std::vector<std::string> modules;
    for (const auto& m : moduleIds) modules.push_back(sanitiseField("module", m, true));
    const std::set<std::string> people(candidateIds.begin(), candidateIds.end());
    return guarded("attendance not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireSession(db, sessionId);
        for (const auto& id : people)
            if (!checkedInTo(db, id, sessionId))
                throw NotFoundError("candidate " + content::text::repairUtf8(id) + " is not in session " + sessionId);
        const std::string now = m_impl->nowIso();
        SQLite::Statement ins(db,
                              "INSERT INTO module_progress (candidate_id, module_id, completed_at) VALUES (?, ?, ?) "
                              "ON CONFLICT (candidate_id, module_id) DO NOTHING");
        int added = 0;
        for (const auto& id : people) {
            for (const auto& m : modules) {
                ins.reset();
                ins.bind(1, id);
                ins.bind(2, m);
                ins.bind(3, now);
                added += ins.exec();
            }
        }
        appendAudit(db, now, actor, "attendance",
                    std::to_string(people.size()) + " present in session " + sessionId + ", " +
                        std::to_string(modules.size()) + " modules shown, " + std::to_string(added) + " completions added");
        tx.commit();
        return added;
    });
}

}  // namespace kiosk::records
