// Turns fuzzer bytes into a roster for the CSV export: fields separated by 0x1F, 3 session fields, then
// groups of 10 per attendee (an empty email/phone field is "absent", modules split on 0x1E).
// Shared by tests/fuzz/fuzz_csv_export.cpp and the corpus replay test. Layer: tests/hardening.
#pragma once

#include "rfc4180.hpp"

#include <string_view>

namespace hardening {

struct FuzzRoster {
    kiosk::records::Session session;
    std::vector<kiosk::records::RosterEntry> entries;
};

inline std::vector<std::string> splitOn(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = s.find(sep, start);
        out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

inline FuzzRoster rosterFromBytes(std::string_view bytes) {
    const std::vector<std::string> f = splitOn(bytes, '\x1f');
    auto field = [&](std::size_t i) { return i < f.size() ? f[i] : std::string(); };
    FuzzRoster r;
    r.session.id = field(0);
    r.session.date = field(1);
    r.session.venue = field(2);
    for (std::size_t base = 3; base < f.size() && r.entries.size() < 64; base += 10) {
        kiosk::records::RosterEntry e;
        e.candidateId = field(base);
        e.name = field(base + 1);
        e.constituency = field(base + 2);
        if (!field(base + 3).empty()) e.email = field(base + 3);
        if (!field(base + 4).empty()) e.phone = field(base + 4);
        e.language = field(base + 5);
        e.checkedInAt = field(base + 6);
        e.kioskId = field(base + 7);
        if (!field(base + 8).empty()) e.modulesCompleted = splitOn(field(base + 8), '\x1e');
        e.packStatus = field(base + 9);
        r.entries.push_back(std::move(e));
    }
    return r;
}

// The whole check for one input: the roster round-trips and csvCell of the raw bytes decodes back.
inline std::optional<std::string> checkCsvExport(std::string_view bytes) {
    const FuzzRoster r = rosterFromBytes(bytes);
    if (auto problem = checkRosterRoundTrip(r.session, r.entries)) return problem;
    const CsvParse one = parseCsv(kiosk::records::csvCell(bytes) + "\r\n");
    if (!one.error.empty()) return "csvCell: invalid CSV: " + one.error;
    if (one.rows.size() != 1 || one.rows[0].size() != 1 || !decodesTo(one.rows[0][0], bytes)) {
        return "csvCell: does not decode to the neutralised value";
    }
    return std::nullopt;
}

}  // namespace hardening
