// Running the admin pages' effects (printing, queue, printer, export, retention, settings, status, exit)
// against the store, the print worker, the drives and the force profile. Layer: kiosk/app (no ImGui, SDL).
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/flow/officer.hpp"
#include "kiosk/officer/drives.hpp"
#include "kiosk/records/store.hpp"
#include "print/cups_queues.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"
#include "kiosk/records/clock.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::packs {
class PrintWorker;
}

namespace kiosk::app {

// Everything the admin effects may use, filled by kiosk/main (and tests). Pointers are borrowed and must
// outlive the calls; any may be null and any callback empty. Not thread-safe (the store is the main
// thread's).
struct AdminServices {
    records::Store* store = nullptr;
    const content::ForceProfile* force = nullptr;
    const content::Course* course = nullptr;
    packs::PrintWorker* printWorker = nullptr;  // woken after queueing; switched on a printer choice
    std::string printDestination = "spool";     // the configured printer (kiosk.toml): CUPS queue or "spool"
    std::filesystem::path exportDir;            // the configured export folder ("" = none)
    std::function<void()> quit;                 // exit the kiosk with code 0 (officer "Exit kiosk")
    std::function<records::TimePoint()> now;    // tests; empty: the system clock
    // The journey must re-read the officer settings (makeFlowConfig) after they were saved.
    std::function<void()> settingsChanged;
    std::filesystem::path dataDir;  // "" = the store's folder (spool/, free space)
    officer::DriveSources drives;   // tests give fake /proc/mounts and /sys trees
    std::string cupsServer;         // "" = the client's default
    std::string storeProblem;       // from opening the store, for the status page
    std::optional<print::PackAssets> assets;  // for the test page; empty: print::findPackAssets()
    // Tests, in place of a print worker: called after jobs were queued, on a printer choice, for the
    // current printer's description. Used instead of printWorker when set.
    std::function<void()> printQueued;
    std::function<void(const std::string& queue)> usePrinter;
    std::function<std::string()> printerDescription;
    // Tests: the CUPS queues (default print::listCupsQueues(cupsServer)) and the printer a test page goes to
    // (default: the spool folder, or the CUPS queue submitted without waiting for the printer).
    std::function<std::vector<print::CupsQueue>()> listQueues;
    std::function<std::unique_ptr<print::Printer>(const std::string& queue)> makePrinter;
};

// Carries out one admin effect; the result events go back into reduceOfficer, in order. Never throws:
// failures come back as AdminDone{reason, bad}.
std::vector<flow::OfficerEvent> runAdminEffect(const flow::AdminEffect& effect, AdminServices& services);

// The queue the kiosk prints to now: the officer's stored choice, else kiosk.toml's printer.
std::string currentPrinter(const AdminServices& services);

}  // namespace kiosk::app
