// Rendering roster and subject-access exports: RFC 4180 CSV (formula-injection neutralised) and JSON.
// Layer: kiosk/records. Pure text functions plus an atomic file writer (temp + rename).
#pragma once

#include "kiosk/records/types.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::records {

// A cell starting with = + - @ TAB or CR gets a leading ' (OWASP), then RFC 4180 quoting when it holds
// a quote, comma, CR or LF.
std::string csvCell(std::string_view value);
std::string jsonString(std::string_view value);  // quoted and escaped

std::string rosterCsv(const Session& session, const std::vector<RosterEntry>& rows);
std::string rosterJson(const Session& session, const std::vector<RosterEntry>& rows);
std::string subjectJson(const SubjectRecord& record);

// Writes `bytes` to `file` through a temporary file in the same folder, fsync and rename, mode 0600.
// Throws std::runtime_error naming the file.
void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace kiosk::records
