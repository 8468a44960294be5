// Where officer mode can export a roster: the configured export folder and each mounted removable drive,
// picked in the app (no operating-system file dialog), and the audited export into one of them.
// Layer: kiosk/officer.
#pragma once

#include "kiosk/officer/drives.hpp"
#include "kiosk/records/store.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::officer {

struct ExportTarget {
    std::string label;  // drive label, or "Export folder"
    std::filesystem::path folder;
    std::uintmax_t freeBytes = 0;
    bool writable = false;
    bool removable = false;
};

// The export folder first (when not empty; it need not exist yet: writable says whether it or its
// parent can be written), then each removable drive from listRemovableDrives(sources).
std::vector<ExportTarget> exportTargets(const std::filesystem::path& exportDir, const DriveSources& sources = {});

enum class ExportFormat { Csv, Json };

// The target is not writable, lacks space, or the file could not be written. what() names the folder.
class ExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes session `sessionId`'s roster into `folder` as roster-<date>-<first 8 of the id>.csv|json
// (temp file + rename, 0600), then the audit row "export" by `actor`; when that row cannot be saved the
// file is removed again. Returns the file written. Throws ExportError, records::NotFoundError/StoreError.
std::filesystem::path exportRoster(records::Store& store, const std::string& sessionId, ExportFormat format,
                                   const std::filesystem::path& folder, const std::string& actor);

}  // namespace kiosk::officer
