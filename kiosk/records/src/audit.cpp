// The officer audit log: rows in audit_log, each holding SHA-256 over its content and the previous row's
// hash; chain_head remembers the last row so a deleted tail is detected too. Layer: kiosk/records.
#include "store_impl.hpp"

#include <sodium.h>

#include <array>

namespace kiosk::records {
namespace {

const std::string kGenesis(64, '0');

void addField(std::string& buf, const std::string& field) {
    buf += std::to_string(field.size());
    buf += ':';
    buf += field;
}

// Length-prefixed fields, so no choice of text can make two different rows hash alike.
std::string rowHash(const std::string& prev, long long seq, const std::string& at, const std::string& actor,
                    const std::string& action, const std::string& detail) {
    std::string buf;
    for (const std::string* f : {&prev, &at, &actor, &action, &detail}) addField(buf, *f);
    addField(buf, std::to_string(seq));
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

}  // namespace

void appendAudit(SQLite::Database& db, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& detail) {
    if (sodium_init() < 0) throw StoreError(StoreFault::Other, "libsodium could not be initialised");
    long long seq = 1;
    std::string prev = kGenesis;
    SQLite::Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.executeStep()) {
        seq = last.getColumn(0).getInt64() + 1;
        prev = last.getColumn(1).getString();
    }
    const std::string hash = rowHash(prev, seq, at, actor, action, detail);
    SQLite::Statement ins(db, "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(seq));
    ins.bind(2, at);
    ins.bind(3, actor);
    ins.bind(4, action);
    ins.bind(5, detail);
    ins.bind(6, prev);
    ins.bind(7, hash);
    ins.exec();
    SQLite::Statement head(db, "INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?) "
                               "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
    head.bind(1, static_cast<int64_t>(seq));
    head.bind(2, hash);
    head.exec();
}

void Store::audit(const std::string& action, const std::string& actor, const std::string& detail) {
    const std::string a = sanitiseField("audit action", action, true);
    const std::string who = sanitiseField("audit actor", actor, false);
    const std::string what = sanitiseField("audit detail", detail, false);
    guarded("audit entry not saved", [&] {
        SQLite::Transaction tx(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        appendAudit(m_impl->db, m_impl->nowIso(), who, a, what);
        tx.commit();
    });
}

std::vector<AuditRow> Store::auditRows() const {
    return guarded("audit log not read", [&] {
        SQLite::Statement q(m_impl->db,
                            "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq");
        std::vector<AuditRow> out;
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                           q.getColumn(6).getString()});
        }
        return out;
    });
}

AuditVerdict Store::verifyAudit() const {
    const std::vector<AuditRow> rows = auditRows();
    AuditVerdict v;
    v.rows = static_cast<long long>(rows.size());
    auto fail = [&v](long long seq, std::string problem) {
        v.ok = false;
        v.firstBadSeq = seq;
        v.problem = std::move(problem);
        return v;
    };
    std::string prev = kGenesis;
    long long prevSeq = 0;
    for (const auto& r : rows) {
        const std::string row = "audit row " + std::to_string(r.seq);
        if (r.seq != prevSeq + 1) {
            return fail(r.seq, row + ": row " + std::to_string(prevSeq + 1) + " is missing (deleted)");
        }
        if (r.prevHash != prev) {
            return fail(r.seq, row + ": does not follow the row before it (a row was deleted, inserted or edited)");
        }
        if (rowHash(r.prevHash, r.seq, r.at, r.actor, r.action, r.detail) != r.hash) {
            return fail(r.seq, row + ": its content does not match its hash (edited)");
        }
        prev = r.hash;
        prevSeq = r.seq;
    }
    return guarded("audit log not read", [&] {
        SQLite::Statement head(m_impl->db, "SELECT seq, hash FROM chain_head WHERE id = 1");
        const bool hasHead = head.executeStep();
        const long long headSeq = hasHead ? head.getColumn(0).getInt64() : 0;
        const std::string headHash = hasHead ? head.getColumn(1).getString() : kGenesis;
        if (headSeq != prevSeq || headHash != prev) {
            return fail(prevSeq + 1, "audit row " + std::to_string(prevSeq + 1) + ": missing; the log ends at row " +
                                         std::to_string(prevSeq) + " but row " + std::to_string(headSeq) +
                                         " was written (rows deleted from the end)");
        }
        return v;
    });
}

}  // namespace kiosk::records
