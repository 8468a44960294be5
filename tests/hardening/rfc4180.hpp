// A strict RFC 4180 parser and the CSV export round-trip check shared by the hardening tests and the
// CSV-export fuzz target (tests/fuzz). Layer: tests/hardening (header-only, test code).
#pragma once

#include "kiosk/records/export.hpp"

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hardening {

using CsvRow = std::vector<std::string>;

struct CsvParse {
    std::vector<CsvRow> rows;
    std::string error;  // empty when the text is valid RFC 4180 (CRLF line ends, quotes doubled)
};

// Records end with CRLF (the last one too); a quoted field may hold anything; a quote inside an unquoted
// field, a bare CR or LF outside quotes, or text after a closing quote is an error.
inline CsvParse parseCsv(std::string_view text) {
    CsvParse out;
    CsvRow row;
    std::string cell;
    std::size_t i = 0;
    auto fail = [&](const std::string& why) {
        out.error = why + " at byte " + std::to_string(i);
        return out;
    };
    while (i < text.size()) {
        cell.clear();
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) return fail("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') return fail("quote inside an unquoted field");
                cell += text[i++];
            }
        }
        row.push_back(cell);
        if (i >= text.size()) return fail("record not ended by CRLF");
        if (text[i] == ',') {
            ++i;
            if (i >= text.size()) return fail("record not ended by CRLF");
            continue;
        }
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            i += 2;
            out.rows.push_back(std::move(row));
            row.clear();
            continue;
        }
        return fail("unexpected character after a field");
    }
    return out;
}

// What a cell must decode to: the value, with a leading ' when it starts with a formula character.
inline bool startsWithFormulaChar(std::string_view v) {
    return !v.empty() && std::strchr("=+-@\t\r", v.front()) != nullptr && v.front() != '\0';
}
inline std::string neutralised(std::string_view v) {
    return (startsWithFormulaChar(v) ? "'" : "") + std::string(v);
}

// True when `cell` is the neutralised form of `value`.
inline bool decodesTo(std::string_view cell, std::string_view value) {
    return cell == neutralised(value);
}

// Renders the roster through kiosk::records::rosterCsv, parses it back and checks every cell we know the
// value of decodes to its neutralised form, no cell starts with a formula character, and the shape is
// right. Returns the first problem, or nullopt.
inline std::optional<std::string> checkRosterRoundTrip(const kiosk::records::Session& session,
                                                       const std::vector<kiosk::records::RosterEntry>& entries) {
    const std::string csv = kiosk::records::rosterCsv(session, entries);
    const CsvParse parsed = parseCsv(csv);
    if (!parsed.error.empty()) return "invalid CSV: " + parsed.error;
    if (parsed.rows.size() != entries.size() + 1) {
        return "expected " + std::to_string(entries.size() + 1) + " records, parsed " +
               std::to_string(parsed.rows.size());
    }
    for (std::size_t r = 0; r < parsed.rows.size(); ++r) {
        const CsvRow& row = parsed.rows[r];
        if (row.size() != 14) return "record " + std::to_string(r) + " has " + std::to_string(row.size()) + " cells";
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (startsWithFormulaChar(row[c])) {
                return "record " + std::to_string(r) + " cell " + std::to_string(c) + " starts with a formula character";
            }
        }
        if (r == 0) continue;
        const auto& e = entries[r - 1];
        const std::string joined = [&] {
            std::string j;
            for (const auto& m : e.modulesCompleted) j += (j.empty() ? "" : "; ") + m;
            return j;
        }();
        // Column 9 (London time) is derived from column 10, so only columns we fed are compared.
        const std::pair<std::size_t, std::string> expected[] = {
            {0, session.id},      {1, session.date},           {2, session.venue},
            {3, e.candidateId},   {4, e.name},                 {5, e.constituency},
            {6, e.email.value_or("")}, {7, e.phone.value_or("")}, {8, e.language},
            {10, e.checkedInAt},  {11, e.kioskId},             {12, joined},
            {13, e.packStatus}};
        for (const auto& [col, value] : expected) {
            if (!decodesTo(row[col], value)) {
                return "record " + std::to_string(r) + " cell " + std::to_string(col) + " does not decode to its value";
            }
        }
    }
    return std::nullopt;
}

}  // namespace hardening
