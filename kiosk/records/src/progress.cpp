// Module progress, safety plans and officer settings: each confirmed step committed before return.
// Layer: kiosk/records.
#include "content/text.hpp"
#include "store_impl.hpp"

namespace kiosk::records {
namespace {

std::string cleanText(const std::string& field, const std::string& value) {
    if (auto bad = content::text::firstInvalidUtf8(value)) {
        throw InputError(field + ": not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    }
    return content::text::toNfc(value);
}

}  // namespace

void Store::recordModuleCompleted(const std::string& candidateId, const std::string& moduleId,
                                  const std::vector<Answer>& answers) {
    const std::string module = sanitiseField("module", moduleId, true);
    std::vector<Answer> clean;
    for (const auto& a : answers) clean.push_back({cleanText("question", a.question), cleanText("answer", a.answer)});
    guarded("progress not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireCandidate(db, candidateId);
        SQLite::Statement up(db,
                             "INSERT INTO module_progress (candidate_id, module_id, completed_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (candidate_id, module_id) DO UPDATE SET completed_at = excluded.completed_at");
        up.bind(1, candidateId);
        up.bind(2, module);
        up.bind(3, m_impl->nowIso());
        up.exec();
        SQLite::Statement del(db, "DELETE FROM module_answers WHERE candidate_id = ? AND module_id = ?");
        del.bind(1, candidateId);
        del.bind(2, module);
        del.exec();
        SQLite::Statement ins(db, "INSERT OR REPLACE INTO module_answers VALUES (?, ?, ?, ?)");
        for (const auto& a : clean) {
            ins.reset();
            ins.bind(1, candidateId);
            ins.bind(2, module);
            ins.bind(3, a.question);
            ins.bind(4, a.answer);
            ins.exec();
        }
        tx.commit();
    });
}

void Store::saveSafetyPlan(const std::string& candidateId, const std::vector<Answer>& answers, bool keep) {
    std::vector<Answer> clean;
    for (const auto& a : answers) clean.push_back({cleanText("question", a.question), cleanText("answer", a.answer)});
    guarded("safety plan not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        requireCandidate(db, candidateId);
        SQLite::Statement del(db, "DELETE FROM safety_plans WHERE candidate_id = ?");
        del.bind(1, candidateId);
        del.exec();
        SQLite::Statement plan(db, "INSERT INTO safety_plans (candidate_id, keep, updated_at) VALUES (?, ?, ?)");
        plan.bind(1, candidateId);
        plan.bind(2, keep ? 1 : 0);
        plan.bind(3, m_impl->nowIso());
        plan.exec();
        SQLite::Statement ins(db, "INSERT OR REPLACE INTO safety_plan_answers VALUES (?, ?, ?)");
        for (const auto& a : clean) {
            ins.reset();
            ins.bind(1, candidateId);
            ins.bind(2, a.question);
            ins.bind(3, a.answer);
            ins.exec();
        }
        tx.commit();
    });
}

std::optional<SafetyPlan> Store::safetyPlan(const std::string& candidateId) const {
    return guarded("safety plan not read", [&]() -> std::optional<SafetyPlan> {
        auto& db = m_impl->db;
        SQLite::Statement q(db, "SELECT keep, updated_at FROM safety_plans WHERE candidate_id = ?");
        q.bind(1, candidateId);
        if (!q.executeStep()) return std::nullopt;
        SafetyPlan plan;
        plan.keep = q.getColumn(0).getInt() != 0;
        plan.updatedAt = q.getColumn(1).getString();
        SQLite::Statement a(db, "SELECT question, answer FROM safety_plan_answers WHERE candidate_id = ? ORDER BY rowid");
        a.bind(1, candidateId);
        while (a.executeStep()) plan.answers.push_back({a.getColumn(0).getString(), a.getColumn(1).getString()});
        return plan;
    });
}

std::optional<std::string> Store::setting(const std::string& key) const {
    return guarded("setting not read", [&]() -> std::optional<std::string> {
        SQLite::Statement q(m_impl->db, "SELECT value FROM officer_settings WHERE key = ?");
        q.bind(1, key);
        if (!q.executeStep()) return std::nullopt;
        return q.getColumn(0).getString();
    });
}

void Store::setSetting(const std::string& key, const std::string& value, const std::string& actor) {
    const std::string k = sanitiseField("setting key", key, true);
    const std::string v = sanitiseField("setting value", value, false);
    guarded("setting not saved", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = m_impl->nowIso();
        SQLite::Statement up(m_impl->db,
                             "INSERT INTO officer_settings (key, value, updated_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
        up.bind(1, k);
        up.bind(2, v);
        up.bind(3, now);
        up.exec();
        appendAudit(m_impl->db, now, actor, "settings-change", k + " = " + v);
        tx.commit();
    });
}

}  // namespace kiosk::records
