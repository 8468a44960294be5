// The status page's facts. Layer: kiosk/app.
#include "kiosk/app/officer_status.hpp"

#include "kiosk/packs/printer_choice.hpp"
#include "kiosk/records/clock.hpp"
#include "print/cups_queues.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk::app {
namespace fs = std::filesystem;

std::optional<std::uintmax_t> freeSpaceAt(const fs::path& path) {
    fs::path p = path;
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
    struct statvfs vfs {};
    if (p.empty() || ::statvfs(p.c_str(), &vfs) != 0) return std::nullopt;
    return static_cast<std::uintmax_t>(vfs.f_bavail) * static_cast<std::uintmax_t>(vfs.f_frsize);
}

namespace {

std::optional<std::string> cupsQueueState(const std::string& server, const std::string& queue) {
    for (const auto& q : print::listCupsQueues(server)) {
        if (q.name != queue) continue;
        return q.reasons.empty() ? q.state : q.state + ": " + q.reasons;
    }
    return std::nullopt;
}

}  // namespace

flow::StatusFacts gatherStatus(const StatusInputs& in) {
    flow::StatusFacts f;
    if (in.course) {
        const auto& m = in.course->manifest;
        f.contentVersion = m.version;
        f.lawAsAt = m.lawAsAt.iso();
        f.reviewBy = m.reviewBy.iso();
        f.reviewOverdue = m.reviewBy < in.today;
    } else {
        f.contentVersion = "no course loaded";
    }
    if (!in.store) {
        f.storeHealthy = false;
        f.storeHealth = in.storeProblem.empty() ? "no attendance store is open" : in.storeProblem;
        f.lastBackup = "unknown";
    } else {
        f.storeHealth = "ok";
        if (!in.storeProblem.empty()) {
            f.storeHealthy = false;
            f.storeHealth = in.storeProblem;
        }
        try {
            const std::string integrity = in.store->integrityCheck();
            if (integrity != "ok") {
                f.storeHealthy = false;
                f.storeHealth = (f.storeHealth == "ok" ? "" : f.storeHealth + "; ") + "integrity check: " + integrity;
            }
            const auto audit = in.store->verifyAudit();
            if (!audit.ok) {
                f.storeHealthy = false;
                f.storeHealth = (f.storeHealth == "ok" ? "" : f.storeHealth + "; ") + "audit log: " + audit.problem;
            }
            if (const int pending = in.store->pendingScrubs()) {
                f.storeHealthy = false;
                f.storeHealth = (f.storeHealth == "ok" ? "" : f.storeHealth + "; ") + "an erasure is unfinished: " +
                                std::to_string(pending) + " copies still to scrub (run `briefing erase` again or restart)";
            }
            if (const auto at = in.store->latestBackupAt()) {
                f.lastBackup = records::londonDisplayFromIso(*at);
                f.backupMissing = false;
            } else {
                f.lastBackup = "none yet";
            }
        } catch (const std::exception& e) {
            f.storeHealthy = false;
            f.storeHealth = e.what();
            f.lastBackup = "unknown";
        }
    }
    if (const auto free = freeSpaceAt(in.dataDir)) {
        f.freeBytes = *free;
        f.freeSpace = flow::formatBytes(*free) + " free in " + in.dataDir.string();
        f.lowDisk = *free < flow::kLowDiskBytes;
    } else {
        f.freeSpace = "unknown (" + in.dataDir.string() + " cannot be read)";
        f.lowDisk = true;
    }
    f.printer = packs::printerLabel(in.printerQueue);
    if (in.printerQueue.empty()) {
        const fs::path spool = in.dataDir / "spool";
        std::error_code ec;
        const fs::path probe = fs::exists(spool, ec) ? spool : in.dataDir;
        const bool ok = ::access(probe.c_str(), W_OK) == 0;
        f.printerState = ok ? "ready: packs are saved to " + spool.string() : "cannot write to " + spool.string();
        f.printerProblem = !ok;
    } else {
        const auto state = in.queueState ? in.queueState(in.printerQueue) : cupsQueueState(in.cupsServer, in.printerQueue);
        if (!state) {
            f.printerState = "not found: CUPS is not running or has no queue named " + in.printerQueue;
            f.printerProblem = true;
        } else {
            f.printerState = *state;
            f.printerProblem = state->rfind("stopped", 0) == 0 || state->rfind("unknown", 0) == 0;
        }
    }
    return f;
}

}  // namespace kiosk::app
