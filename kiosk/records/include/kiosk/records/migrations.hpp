// Numbered schema migrations tracked by PRAGMA user_version. Layer: kiosk/records.
#pragma once

#include <filesystem>

namespace kiosk::records {

inline constexpr int kSchemaVersion = 5;
inline constexpr int kKeyedAuditVersion = 5;  // the first version whose audit chain is keyed (HMAC)

// Migrates the SQLite file `file` up to `targetVersion` (tests use this to build older stores).
// Throws StoreError(TooNew) when the file is already newer than kSchemaVersion.
void migrateFile(const std::filesystem::path& file, int targetVersion);

}  // namespace kiosk::records
