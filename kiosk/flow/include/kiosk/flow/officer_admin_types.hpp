// Plain rows the officer's admin pages show (status facts, print jobs, printers, export targets, retention),
// filled by kiosk/app from the store, the printer and the drives. Layer: kiosk/flow (no ImGui, SDL, SQLite).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::flow {

// The status page: what the kiosk runs and whether it is healthy.
struct StatusFacts {
    std::string contentVersion;
    std::string lawAsAt;   // YYYY-MM-DD
    std::string reviewBy;  // YYYY-MM-DD
    bool reviewOverdue = false;
    std::string storeHealth;  // "ok" or what is wrong
    bool storeHealthy = true;
    std::string lastBackup;  // Europe/London display, or "none yet"
    bool backupMissing = true;
    std::uintmax_t freeBytes = 0;
    std::string freeSpace;  // "12.3 GB free in <data folder>"
    bool lowDisk = false;   // under kLowDiskBytes
    std::string printer;       // "Save to folder" or the queue name
    std::string printerState;  // "ready", "idle", "stopped: media-empty", "not reachable" ...
    bool printerProblem = false;
};

inline constexpr std::uintmax_t kLowDiskBytes = 200ull * 1024 * 1024;

// One job of the print queue as the officer sees it (a candidate's name only inside officer mode).
struct PrintJobRow {
    std::string jobId;
    std::string candidateId;
    std::string candidateName;  // empty when the candidate is gone
    std::string state;          // "queued", "sent", "done", "failed", "cancelled"
    int attempts = 0;
    std::string lastError;
    std::string updatedAt;  // Europe/London display
};

// A printer the officer can choose: "" queue = save to folder.
struct PrinterOption {
    std::string queue;
    std::string label;
    std::string state;  // "idle", "stopped", ... or "" for the folder
    bool current = false;
};

struct ExportTargetRow {
    std::string label;
    std::string folder;
    std::string freeSpace;
    bool writable = false;
    bool removable = false;
};

// A candidate in the retention preview.
struct RetentionRow {
    std::string candidateId;
    std::string name;
    std::string constituency;
    std::string lastSeen;  // Europe/London display
    std::string due;       // Europe/London display
};

// A candidate the officer may erase (from the roster of a session).
struct CandidateRow {
    std::string candidateId;
    std::string name;
    std::string constituency;
    std::string checkedIn;  // Europe/London display
};

// "12.3 GB", "512 MB", "900 KB".
std::string formatBytes(std::uintmax_t bytes);

}  // namespace kiosk::flow
