// Time and identifiers for the attendance store: UTC ISO 8601 storage, Europe/London display, UUID v4.
// Layer: kiosk/records. Pure apart from uuidV4 (libsodium randombytes).
#pragma once

#include <chrono>
#include <string>

namespace kiosk::records {

using TimePoint = std::chrono::system_clock::time_point;

std::string toUtcIso(TimePoint t);          // "2026-11-27T06:10:18.123Z"
std::string utcStamp(TimePoint t);          // "20261127T061018Z" for file names
std::string toLondonDisplay(TimePoint t);   // "27/11/2026 06:10 GMT" / "... BST"
std::string londonDisplayFromIso(const std::string& iso);  // as above; returns iso unchanged if unparsable
std::string londonDate(TimePoint t);        // "2026-11-27": calendar day in Europe/London
bool parseUtcIso(const std::string& iso, TimePoint& out);
bool isDate(const std::string& s);          // YYYY-MM-DD and a real calendar day
std::string uuidV4();
bool isUuid(const std::string& s);

}  // namespace kiosk::records
