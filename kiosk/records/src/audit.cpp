// The officer audit log: rows in audit_log, each holding a MAC over its content and the previous row's
// MAC. Since schema 5 the MAC is HMAC-SHA256 under a key kept outside the data folder; rows from before
// (SHA-256, unkeyed) are anchored by the "audit-keyed" seal row. The chain head outside the store
// (src/audit_head.cpp) catches what a row-by-row check cannot: a cut tail, an emptied table, an older file.
// Layer: kiosk/records.
#include "store_impl.hpp"

#include <sqlite3.h>
#include <sodium.h>

#include <array>

namespace kiosk::records {
namespace {

const std::string kGenesis(64, '0');
constexpr const char* kSealAction = "audit-keyed";

void addField(std::string& buf, const std::string& field) {
    buf += std::to_string(field.size());
    buf += ':';
    buf += field;
}

// Length-prefixed fields, so no choice of text can make two different rows hash alike.
std::string rowMessage(const std::string& prev, long long seq, const std::string& at, const std::string& actor,
                       const std::string& action, const std::string& detail) {
    std::string buf;
    for (const std::string* f : {&prev, &at, &actor, &action, &detail}) addField(buf, *f);
    addField(buf, std::to_string(seq));
    return buf;
}

template <std::size_t N>
std::string hex(const std::array<unsigned char, N>& bytes) {
    std::array<char, N * 2 + 1> out{};
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    return out.data();
}

// Rows written before schema 5: plain SHA-256, which anyone who can write the file could recompute.
std::string legacyHash(const std::string& message) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size());
    return hex(digest);
}

std::string hmac(const AuditKey& key, const std::string& domain, const std::string& message) {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    const std::string m = domain + message;
    crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(m.data()), m.size(), key.data());
    return hex(mac);
}

std::string rowMac(const AuditKey& key, const std::string& message) { return hmac(key, "bk-audit-row-v2\n", message); }

void initSodium() {
    if (sodium_init() < 0) throw StoreError(StoreFault::Other, "libsodium could not be initialised");
}

struct MacContext {
    const AuditKey* key;
    bool* appended;
};

void macFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    const auto* c = static_cast<const MacContext*>(sqlite3_user_data(ctx));
    if (argc != 6) {
        sqlite3_result_error(ctx, "bk_audit_mac takes 6 arguments", -1);
        return;
    }
    auto text = [&](int i) {
        const auto* t = sqlite3_value_text(argv[i]);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_value_bytes(argv[i])))
                 : std::string();
    };
    const std::string mac = rowMac(*c->key, rowMessage(text(0), sqlite3_value_int64(argv[1]), text(2), text(3),
                                                       text(4), text(5)));
    if (c->appended) *c->appended = true;
    sqlite3_result_text(ctx, mac.c_str(), static_cast<int>(mac.size()), SQLITE_TRANSIENT);
}

// The seal row's detail: "... key <16 hex>; chain <32 hex>; ..." (our own format, covered by its MAC).
std::string field(const std::string& detail, const std::string& name) {
    const std::string tag = name + " ";
    const auto at = detail.find(tag);
    if (at == std::string::npos) return {};
    const auto start = at + tag.size();
    const auto end = detail.find_first_of(";, )", start);
    return detail.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

AuditKey developmentAuditKey() {
    initSodium();
    AuditKey key{};
    const std::string label = "briefing-kiosk public development audit key: not a secret";
    crypto_hash_sha256(key.data(), reinterpret_cast<const unsigned char*>(label.data()), label.size());
    return key;
}

std::string auditKeyId(const AuditKey& key) { return hmac(key, "bk-audit-key-id", "").substr(0, 16); }

std::string sealHead(const AuditKey& key, const ChainHead& head) {
    return hmac(key, "bk-audit-head-v1\n", head.chain + "\n" + std::to_string(head.rows) + "\n" + head.mac);
}

void registerAuditMac(SQLite::Database& db, const AuditKey* key, bool* appended) {
    initSodium();
    // One context per connection, owned by SQLite (freed with the function or the connection).
    auto* ctx = new MacContext{key, appended};
    const int rc = sqlite3_create_function_v2(db.getHandle(), "bk_audit_mac", 6, SQLITE_UTF8 | SQLITE_DIRECTONLY, ctx,
                                              macFunction, nullptr, nullptr,
                                              [](void* p) { delete static_cast<MacContext*>(p); });
    if (rc != SQLITE_OK) throw StoreError(StoreFault::Other, "the audit MAC function could not be registered");
}

void appendAudit(SQLite::Database& db, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& detail) {
    long long seq = 1;
    std::string prev = kGenesis;
    SQLite::Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.executeStep()) {
        seq = last.getColumn(0).getInt64() + 1;
        prev = last.getColumn(1).getString();
    }
    SQLite::Statement ins(db, "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, bk_audit_mac(?6, ?1, ?2, ?3, ?4, ?5))");
    ins.bind(1, static_cast<int64_t>(seq));
    ins.bind(2, at);
    ins.bind(3, actor);
    ins.bind(4, action);
    ins.bind(5, detail);
    ins.bind(6, prev);
    ins.exec();
}

void appendAuditSeal(SQLite::Database& db, const AuditKey& key, const std::string& at, const std::string& note) {
    initSodium();
    std::array<unsigned char, 16> id{};
    randombytes_buf(id.data(), id.size());
    const long long earlier = db.execAndGet("SELECT count(*) FROM audit_log").getInt64();
    std::string detail = "audit rows from here on are sealed with HMAC-SHA256 under key " + auditKeyId(key) +
                         "; chain " + hex(id) + "; " + std::to_string(earlier) +
                         " earlier rows, hash-chained without a key, are anchored by this row";
    if (!note.empty()) detail += "; " + note;
    appendAudit(db, at, "system", kSealAction, detail);
}

std::optional<ChainHead> chainHeadOf(SQLite::Database& db) {
    if (!db.tableExists("audit_log")) return std::nullopt;
    SQLite::Statement seal(db, "SELECT detail FROM audit_log WHERE action = ? ORDER BY seq LIMIT 1");
    seal.bind(1, kSealAction);
    if (!seal.executeStep()) return std::nullopt;
    ChainHead head;
    head.chain = field(seal.getColumn(0).getString(), "chain");
    SQLite::Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last.executeStep()) return std::nullopt;
    head.rows = last.getColumn(0).getInt64();
    head.mac = last.getColumn(1).getString();
    return head;
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
    AuditVerdict v;
    v.keyId = auditKeyId(m_impl->key);
    v.developmentKey = m_impl->key == developmentAuditKey();
    auto fail = [&v](long long seq, std::string problem) {
        v.ok = false;
        v.firstBadSeq = seq;
        v.problem = std::move(problem);
        return v;
    };
    const bool hasTable = guarded("audit log not read", [&] { return m_impl->db.tableExists("audit_log"); });
    if (!hasTable) return fail(0, "the audit_log table is missing (the audit log was deleted)");
    const std::vector<AuditRow> rows = auditRows();
    v.rows = static_cast<long long>(rows.size());
    if (rows.empty()) {
        return fail(1, "audit row 1: missing; the audit log is empty, but every store starts with its sealed "
                       "first row (every row was deleted)");
    }
    std::string prev = kGenesis;
    long long prevSeq = 0;
    bool keyed = false;
    std::string chain;
    for (const auto& r : rows) {
        const std::string row = "audit row " + std::to_string(r.seq);
        if (r.seq != prevSeq + 1) {
            return fail(r.seq, row + ": row " + std::to_string(prevSeq + 1) + " is missing (deleted)");
        }
        if (r.prevHash != prev) {
            return fail(r.seq, row + ": does not follow the row before it (a row was deleted, inserted or edited)");
        }
        const std::string message = rowMessage(r.prevHash, r.seq, r.at, r.actor, r.action, r.detail);
        if (!keyed && r.action == kSealAction) {
            keyed = true;
            chain = field(r.detail, "chain");
            const std::string sealKey = field(r.detail, "key");
            if (sealKey != v.keyId) {
                return fail(r.seq, row + ": the chain is sealed under key " + sealKey + ", not this program's key " +
                                       v.keyId + " (another kiosk's store, or the secret was replaced)");
            }
            v.unkeyedRows = r.seq - 1;
        }
        if ((keyed ? rowMac(m_impl->key, message) : legacyHash(message)) != r.hash) {
            return fail(r.seq, row + ": its content does not match its MAC (edited, or forged without the key)");
        }
        prev = r.hash;
        prevSeq = r.seq;
    }
    if (!keyed) {
        return fail(prevSeq + 1, "audit row " + std::to_string(prevSeq + 1) +
                                     ": missing; the log has no keyed seal row (its keyed rows were removed)");
    }
    // The head outside the store: the log may have grown past it (a stop between a commit and the head's
    // update), never shrunk below it or changed under it.
    std::string problem;
    const auto head = readHeadFile(m_impl->headFile(), m_impl->key, problem);
    if (!head) return fail(0, problem);
    if (head->chain != chain) {
        return fail(0, "the chain head " + m_impl->headFile().string() + " belongs to another audit chain (" +
                           head->chain + ", the store's is " + chain + "): the store file was replaced");
    }
    if (head->rows > prevSeq) {
        return fail(prevSeq + 1, "audit row " + std::to_string(prevSeq + 1) + ": missing; the log ends at row " +
                                     std::to_string(prevSeq) + " but row " + std::to_string(head->rows) +
                                     " was written (rows deleted from the end, or an older store file copied back)");
    }
    if (rows[static_cast<std::size_t>(head->rows - 1)].hash != head->mac) {
        return fail(head->rows, "audit row " + std::to_string(head->rows) +
                                    ": differs from the chain head kept outside the store (the log was rewritten)");
    }
    v.rowsAfterHead = prevSeq - head->rows;
    // Each backup of this chain recorded its head when it was taken: the log must still hold that row.
    for (const auto& b : backupFiles(backupDir())) {
        std::optional<ChainHead> recorded;
        try {
            SQLite::Database other(b, SQLite::OPEN_READONLY);
            recorded = readBackupMeta(other, m_impl->key);
        } catch (const SQLite::Exception&) {
            continue;  // an unreadable backup records nothing we could check against
        }
        if (!recorded || recorded->chain != chain) continue;
        if (recorded->rows > prevSeq) {
            return fail(prevSeq + 1, "audit row " + std::to_string(prevSeq + 1) + ": missing; backup " +
                                         b.filename().string() + " recorded " + std::to_string(recorded->rows) +
                                         " rows (the store was rolled back to an older file)");
        }
        if (rows[static_cast<std::size_t>(recorded->rows - 1)].hash != recorded->mac) {
            return fail(recorded->rows, "audit row " + std::to_string(recorded->rows) + ": differs from what backup " +
                                            b.filename().string() + " recorded (the log was rewritten)");
        }
    }
    return v;
}

}  // namespace kiosk::records
