// Running the effects of officer mode's admin pages (printing, queue, printer, export, retention,
// settings, status, exit) against the store and the print worker. Layer: kiosk/app.
// Placeholder from the officer skeleton; helper B owns this file and replaces it.
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/flow/officer.hpp"
#include "kiosk/records/store.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kiosk::packs {
class PrintWorker;
}

namespace kiosk::app {

// Everything the admin effects may use, filled by kiosk/main (and tests). Any pointer may be null.
struct AdminServices {
    records::Store* store = nullptr;
    const content::ForceProfile* force = nullptr;
    const content::Course* course = nullptr;
    packs::PrintWorker* printWorker = nullptr;
    std::string printDestination = "spool";   // the configured printer: CUPS queue name or "spool"
    std::filesystem::path exportDir;          // the configured export folder
    std::function<void()> quit;               // exit the kiosk (officer "Exit kiosk")
    std::function<records::TimePoint()> now;  // tests; empty: the system clock
};

// Carries out one admin effect; the results are events for reduceOfficer, in order.
std::vector<flow::OfficerEvent> runAdminEffect(const flow::AdminEffect& effect, AdminServices& services);

}  // namespace kiosk::app
