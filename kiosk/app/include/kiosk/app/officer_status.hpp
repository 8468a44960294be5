// Gathering the facts the officer's status page shows: content version and dates, store health and last
// backup, free disk space, printer state. Layer: kiosk/app (records + print + content; no ImGui, SDL).
#pragma once

#include "content/course.hpp"
#include "kiosk/flow/officer_admin_types.hpp"
#include "kiosk/records/store.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kiosk::app {

struct StatusInputs {
    const records::Store* store = nullptr;  // null: no store (the kiosk runs on the officer notice)
    std::string storeProblem;               // from opening: a damaged store moved aside, or why none is open
    const content::Course* course = nullptr;
    std::filesystem::path dataDir;
    std::string printerQueue;  // "" = save to folder (<dataDir>/spool)
    std::string cupsServer;    // "" = the client's default
    content::Date today = content::Date::today();
    // Looks up a CUPS queue's state; empty: print::listCupsQueues. Tests give a fake.
    std::function<std::optional<std::string>(const std::string& queue)> queueState;
};

// Never throws: a fact that cannot be read says so in its text.
flow::StatusFacts gatherStatus(const StatusInputs& in);

// Free bytes for us (statvfs f_bavail) at `path` or its nearest existing parent; nullopt when unreadable.
std::optional<std::uintmax_t> freeSpaceAt(const std::filesystem::path& path);

}  // namespace kiosk::app
