// The CUPS queues an officer can choose among, with their state. Layer: print (no SQLite, no UI).
#pragma once

#include <string>
#include <vector>

namespace print {

struct CupsQueue {
    std::string name;         // the queue (destination) name, as CupsSettings::queue takes it
    std::string description;  // printer-info, or empty
    std::string location;     // printer-location, or empty
    bool isDefault = false;
    std::string state;        // "idle", "printing", "stopped" or "unknown"
    std::string reasons;      // printer-state-reasons other than "none", or empty
};

// Queues known to the scheduler at `server` (empty: the client's default), by name. No scheduler, none
// configured, or no answer within `timeoutMs`: an empty list (never throws, never waits longer).
std::vector<CupsQueue> listCupsQueues(const std::string& server = {}, int timeoutMs = 3000);

}  // namespace print
