// Sessions, check-ins (idempotent by token, automatic walk-in session) and the roster.
// Layer: kiosk/records.
#include "content/text.hpp"
#include "store_impl.hpp"

namespace kiosk::records {
namespace {

Session readSession(SQLite::Statement& q) {
    Session s;
    s.id = q.getColumn(0).getString();
    s.date = q.getColumn(1).getString();
    s.venue = q.getColumn(2).getString();
    s.officer = q.getColumn(3).getString();
    s.force = q.getColumn(4).getString();
    s.status = q.getColumn(5).getString();
    s.walkIn = q.getColumn(6).getInt() != 0;
    s.createdAt = q.getColumn(7).getString();
    s.attendees = q.getColumn(8).getInt();
    return s;
}

constexpr const char* kSessionColumns =
    "SELECT s.id, s.date, s.venue, s.officer, s.force, s.status, s.walk_in, s.created_at, "
    "(SELECT count(*) FROM checkins k WHERE k.session_id = s.id) FROM sessions s ";

std::optional<std::string> optionalField(const std::string& field, const std::optional<std::string>& value) {
    if (!value) return std::nullopt;
    std::string clean = sanitiseField(field, *value, false);
    if (clean.empty()) return std::nullopt;
    return clean;
}

std::string insertSession(SQLite::Database& db, const std::string& date, const std::string& venue,
                          const std::string& officer, const std::string& force, bool walkIn, const std::string& now) {
    const std::string id = uuidV4();
    SQLite::Statement ins(db,
                          "INSERT INTO sessions (id, date, venue, officer, force, status, walk_in, created_at) "
                          "VALUES (?, ?, ?, ?, ?, 'open', ?, ?)");
    ins.bind(1, id);
    ins.bind(2, date);
    ins.bind(3, venue);
    ins.bind(4, officer);
    ins.bind(5, force);
    ins.bind(6, walkIn ? 1 : 0);
    ins.bind(7, now);
    ins.exec();
    return id;
}

// The session a check-in without one joins: the newest open real session (today's first), else today's
// walk-in session, created on demand.
std::string defaultSession(Store::Impl& impl) {
    const std::string today = londonDate(impl.now());
    SQLite::Statement open(impl.db,
                           "SELECT id FROM sessions WHERE status = 'open' AND walk_in = 0 "
                           "ORDER BY (date = ?) DESC, created_at DESC LIMIT 1");
    open.bind(1, today);
    if (open.executeStep()) return open.getColumn(0).getString();
    SQLite::Statement walkIn(impl.db,
                             "SELECT id FROM sessions WHERE status = 'open' AND walk_in = 1 AND date = ? LIMIT 1");
    walkIn.bind(1, today);
    if (walkIn.executeStep()) return walkIn.getColumn(0).getString();
    return insertSession(impl.db, today, "", "", impl.options.forceId, true, impl.nowIso());
}

}  // namespace

void requireSession(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT 1 FROM sessions WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw NotFoundError("unknown session " + content::text::repairUtf8(id));
}

std::string sanitiseField(const std::string& field, const std::string& value, bool required) {
    if (auto bad = content::text::firstInvalidUtf8(value)) {
        throw InputError(field + ": not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    }
    const auto sanitised = content::text::sanitiseLine(value);
    // Only invisible characters (a name of Hangul fillers, marks alone ...) is no value at all.
    std::string clean = sanitised.visible ? sanitised.value : std::string();
    if (required && clean.empty()) {
        const bool blank = value.find_first_not_of(" \t\r\n") == std::string::npos;
        throw InputError(field + ": must not be empty" +
                         (blank ? "" : " (it holds no visible character: a letter, digit or sign)"));
    }
    if (content::text::codePointCount(clean) > kMaxFieldCodePoints) {
        throw InputError(field + ": longer than " + std::to_string(kMaxFieldCodePoints) + " characters");
    }
    return clean;
}

void requireCandidate(SQLite::Database& db, const std::string& candidateId) {
    SQLite::Statement q(db, "SELECT 1 FROM candidates WHERE id = ?");
    q.bind(1, candidateId);
    if (!q.executeStep()) throw NotFoundError("unknown candidate " + content::text::repairUtf8(candidateId));
}

std::string Store::openSession(const SessionInput& input, const std::string& actor) {
    const std::string date = input.date.empty() ? londonDate(m_impl->now()) : input.date;
    if (!isDate(date)) throw InputError("date: expected YYYY-MM-DD, got \"" + content::text::repairUtf8(date) + "\"");
    const std::string venue = sanitiseField("venue", input.venue, false);
    const std::string officer = sanitiseField("officer", input.officer, false);
    return guarded("session not saved", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = m_impl->nowIso();
        const std::string id = insertSession(m_impl->db, date, venue, officer, m_impl->options.forceId, false, now);
        appendAudit(m_impl->db, now, actor, "session-open", "session " + id + " on " + date);
        tx.commit();
        return id;
    });
}

void Store::closeSession(const std::string& sessionId, const std::string& actor) {
    guarded("session not closed", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        requireSession(m_impl->db, sessionId);
        const std::string now = m_impl->nowIso();
        SQLite::Statement up(m_impl->db, "UPDATE sessions SET status = 'closed', closed_at = ? WHERE id = ?");
        up.bind(1, now);
        up.bind(2, sessionId);
        up.exec();
        appendAudit(m_impl->db, now, actor, "session-close", "session " + sessionId);
        tx.commit();
    });
}

std::vector<Session> Store::listSessions() const {
    return guarded("sessions not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kSessionColumns) + "ORDER BY s.date, s.created_at");
        std::vector<Session> out;
        while (q.executeStep()) out.push_back(readSession(q));
        return out;
    });
}

Session Store::session(const std::string& sessionId) const {
    return guarded("session not read", [&] {
        SQLite::Statement q(m_impl->db, std::string(kSessionColumns) + "WHERE s.id = ?");
        q.bind(1, sessionId);
        if (!q.executeStep()) throw NotFoundError("unknown session " + content::text::repairUtf8(sessionId));
        return readSession(q);
    });
}

int Store::mergeSession(const std::string& fromId, const std::string& intoId, const std::string& actor) {
    if (fromId == intoId) throw InputError("session merge: FROM and INTO are the same session");
    return guarded("sessions not merged", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        requireSession(m_impl->db, fromId);
        requireSession(m_impl->db, intoId);
        SQLite::Statement move(m_impl->db, "UPDATE checkins SET session_id = ? WHERE session_id = ?");
        move.bind(1, intoId);
        move.bind(2, fromId);
        const int moved = move.exec();
        SQLite::Statement del(m_impl->db, "DELETE FROM sessions WHERE id = ?");
        del.bind(1, fromId);
        del.exec();
        appendAudit(m_impl->db, m_impl->nowIso(), actor, "session-merge",
                    "session " + fromId + " merged into " + intoId + " (" + std::to_string(moved) + " check-ins)");
        tx.commit();
        return moved;
    });
}

CheckInResult Store::checkIn(const CheckInInput& input) {
    std::string token = input.token;
    if (token.empty()) {
        token = uuidV4();
    } else if (!isUuid(token)) {
        throw InputError("token: expected a UUID, got \"" + content::text::repairUtf8(token) + "\"");
    }
    if (input.language != "en-GB" && input.language != "cy") {
        throw InputError("lang: expected en-GB or cy, got \"" + content::text::repairUtf8(input.language) + "\"");
    }
    const std::string name = sanitiseField("name", input.name, true);
    const std::string constituency = sanitiseField("constituency", input.constituency, true);
    const auto email = optionalField("email", input.email);
    const auto phone = optionalField("phone", input.phone);
    std::string noticeVersion, consentAt;
    if (input.consent) {
        noticeVersion = sanitiseField("consent notice version", input.consent->noticeVersion, true);
        consentAt = input.consent->at;
        TimePoint ignored;
        if (!consentAt.empty() && !parseUtcIso(consentAt, ignored)) throw InputError("consent time: not UTC ISO 8601");
    }

    return guarded("check-in not saved", [&] {
        auto& db = m_impl->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement seen(db, "SELECT candidate_id, session_id FROM checkins WHERE token = ?");
        seen.bind(1, token);
        if (seen.executeStep()) return CheckInResult{seen.getColumn(0).getString(), seen.getColumn(1).getString(), false};

        std::string sessionId = input.sessionId;
        if (sessionId.empty()) {
            sessionId = defaultSession(*m_impl);
        } else {
            SQLite::Statement st(db, "SELECT status FROM sessions WHERE id = ?");
            st.bind(1, sessionId);
            if (!st.executeStep()) throw NotFoundError("unknown session " + content::text::repairUtf8(sessionId));
            if (st.getColumn(0).getString() != "open") throw InputError("session " + sessionId + " is closed");
        }
        const std::string now = m_impl->nowIso();
        const std::string candidateId = uuidV4();
        SQLite::Statement cand(db,
                               "INSERT INTO candidates (id, name, constituency, email, phone, language, "
                               "consent_notice_version, consent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        cand.bind(1, candidateId);
        cand.bind(2, name);
        cand.bind(3, constituency);
        if (email) cand.bind(4, *email); else cand.bind(4);
        if (phone) cand.bind(5, *phone); else cand.bind(5);
        cand.bind(6, input.language);
        cand.bind(7, noticeVersion);
        cand.bind(8, input.consent ? (consentAt.empty() ? now : consentAt) : std::string());
        cand.bind(9, now);
        cand.exec();
        SQLite::Statement chk(db,
                              "INSERT INTO checkins (id, session_id, candidate_id, kiosk_id, checked_in_at, token) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
        chk.bind(1, uuidV4());
        chk.bind(2, sessionId);
        chk.bind(3, candidateId);
        chk.bind(4, m_impl->options.kioskId);
        chk.bind(5, now);
        chk.bind(6, token);
        chk.exec();
        if (!input.officer.empty()) {
            appendAudit(db, now, input.officer, "checkin-manual", "candidate " + candidateId + " into session " + sessionId);
        }
        tx.commit();
        return CheckInResult{candidateId, sessionId, true};
    });
}

std::vector<RosterEntry> Store::roster(const std::string& sessionId) const {
    return guarded("roster not read", [&] {
        auto& db = m_impl->db;
        requireSession(db, sessionId);
        SQLite::Statement q(db,
                            "SELECT c.id, c.name, c.constituency, c.email, c.phone, c.language, k.checked_in_at, "
                            "k.kiosk_id, (SELECT state FROM print_jobs p WHERE p.candidate_id = c.id "
                            "ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1) "
                            "FROM checkins k JOIN candidates c ON c.id = k.candidate_id "
                            "WHERE k.session_id = ? ORDER BY k.checked_in_at, c.name");
        q.bind(1, sessionId);
        SQLite::Statement mods(db, "SELECT module_id FROM module_progress WHERE candidate_id = ? ORDER BY completed_at");
        std::vector<RosterEntry> out;
        while (q.executeStep()) {
            RosterEntry r;
            r.candidateId = q.getColumn(0).getString();
            r.name = q.getColumn(1).getString();
            r.constituency = q.getColumn(2).getString();
            if (!q.getColumn(3).isNull()) r.email = q.getColumn(3).getString();
            if (!q.getColumn(4).isNull()) r.phone = q.getColumn(4).getString();
            r.language = q.getColumn(5).getString();
            r.checkedInAt = q.getColumn(6).getString();
            r.kioskId = q.getColumn(7).getString();
            r.packStatus = q.getColumn(8).isNull() ? "none" : q.getColumn(8).getString();
            mods.reset();
            mods.bind(1, r.candidateId);
            while (mods.executeStep()) r.modulesCompleted.push_back(mods.getColumn(0).getString());
            out.push_back(std::move(r));
        }
        return out;
    });
}

}  // namespace kiosk::records
