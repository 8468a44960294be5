// The store's health on demand (the officer's status page) and the integrity verdict shared with opening.
// Layer: kiosk/records.
#include "store_impl.hpp"

namespace kiosk::records {

std::string integrityVerdict(SQLite::Database& db) {
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string verdict;
    while (check.executeStep()) {
        if (!verdict.empty()) verdict += "; ";
        verdict += check.getColumn(0).getString();
        if (verdict.size() > 300) break;
    }
    return verdict;
}

std::string Store::integrityCheck() const {
    return guarded("the integrity check did not run", [&] { return integrityVerdict(m_impl->db); });
}

}  // namespace kiosk::records
