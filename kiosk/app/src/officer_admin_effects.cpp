// The admin pages' effects carried out against the store, print worker, drives and force profile.
// Layer: kiosk/app.
#include "kiosk/app/officer_admin_effects.hpp"

#include "kiosk/app/officer_status.hpp"
#include "kiosk/officer/export_target.hpp"
#include "kiosk/officer/settings.hpp"
#include "kiosk/packs/print_worker.hpp"
#include "kiosk/packs/printer_choice.hpp"
#include "kiosk/records/clock.hpp"
#include "print/test_page.hpp"

#include <algorithm>
#include <map>

namespace kiosk::app {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

using Events = std::vector<flow::OfficerEvent>;

Events done(std::string message, bool bad = false) { return {flow::AdminEvent{flow::AdminDone{std::move(message), bad}}}; }
Events one(flow::AdminEvent e) { return {flow::OfficerEvent{std::move(e)}}; }

// The session the printing and export pages work on: today's open session, else today's latest (the
// walk-in one), else the latest open, else the latest. nullopt when there is none.
records::TimePoint now(const AdminServices& c) { return c.now ? c.now() : std::chrono::system_clock::now(); }

std::optional<records::Session> currentSession(const AdminServices& c) {
    auto sessions = c.store->listSessions();
    if (sessions.empty()) return std::nullopt;
    const std::string today = records::londonDate(now(c));
    std::sort(sessions.begin(), sessions.end(),
              [](const records::Session& a, const records::Session& b) { return a.createdAt > b.createdAt; });
    const auto pick = [&](auto pred) -> std::optional<records::Session> {
        for (const auto& s : sessions)
            if (pred(s)) return s;
        return std::nullopt;
    };
    if (auto s = pick([&](const records::Session& s) { return s.date == today && s.status == "open"; })) return s;
    if (auto s = pick([&](const records::Session& s) { return s.date == today; })) return s;
    if (auto s = pick([](const records::Session& s) { return s.status == "open"; })) return s;
    return sessions.front();
}

std::string sessionLabel(const records::Session& s) {
    return s.date + ", " + (s.venue.empty() ? std::string("walk-in") : s.venue) + " (" + s.status + ", " +
           std::to_string(s.attendees) + (s.attendees == 1 ? " candidate)" : " candidates)");
}

packs::PackOptions packOptions(const AdminServices& c) {
    packs::PackOptions o;
    if (c.store && c.force) {
        const auto s = officer::loadSettings(*c.store, *c.force).settings;
        o.paper = s.paperSize == officer::PaperSize::Letter ? print::Paper::Letter : print::Paper::A4;
        o.largePrint = s.largePrintDefault;
    }
    return o;
}

flow::PrintJobRow jobRow(const records::PrintJob& j, const std::string& name) {
    return {j.id, j.candidateId, name, records::printStateKey(j.state), j.attempts, j.lastError,
            records::londonDisplayFromIso(j.updatedAt)};
}

// Candidate names for the jobs' rows (only ever shown inside officer mode).
std::map<std::string, std::string> candidateNames(const records::Store& store) {
    std::map<std::string, std::string> names;
    for (const auto& s : store.listSessions())
        for (const auto& r : store.roster(s.id)) names.emplace(r.candidateId, r.name);
    return names;
}

flow::SettingsValues toValues(const officer::OfficerSettings& s) {
    return {s.idleTimeoutSeconds, s.idleCountdownSeconds, s.firstLanguage, s.allowSkippingModules,
            s.paperSize == officer::PaperSize::Letter, s.largePrintDefault};
}

officer::OfficerSettings fromValues(const flow::SettingsValues& v) {
    officer::OfficerSettings s;
    s.idleTimeoutSeconds = v.idleTimeoutSeconds;
    s.idleCountdownSeconds = v.idleCountdownSeconds;
    s.firstLanguage = v.firstLanguage;
    s.allowSkippingModules = v.allowSkippingModules;
    s.paperSize = v.letterPaper ? officer::PaperSize::Letter : officer::PaperSize::A4;
    s.largePrintDefault = v.largePrintDefault;
    return s;
}

std::vector<flow::RetentionRow> retentionRows(const std::vector<records::Store::RetentionCandidate>& in) {
    std::vector<flow::RetentionRow> out;
    for (const auto& r : in)
        out.push_back({r.candidateId, r.name, r.constituency, records::londonDisplayFromIso(r.lastSeenAt),
                       records::londonDisplayFromIso(r.dueAt)});
    return out;
}

int retentionDays(const AdminServices& c) { return c.force ? c.force->defaults.retentionDays : 90; }

void wake(const AdminServices& c) {
    if (c.printQueued) c.printQueued();
    else if (c.printWorker) c.printWorker->wake();
}

std::string configuredQueue(const AdminServices& c) {
    return c.printDestination == "spool" ? std::string() : c.printDestination;
}

std::filesystem::path dataDir(const AdminServices& c) {
    if (!c.dataDir.empty() || !c.store) return c.dataDir;
    return c.store->dataDir();
}

}  // namespace

std::string currentPrinter(const AdminServices& c) { return packs::effectivePrinter(c.store, configuredQueue(c)); }

std::vector<flow::OfficerEvent> runAdminEffect(const flow::AdminEffect& effect, AdminServices& c) {
    if (!c.store && !std::holds_alternative<flow::LoadStatus>(effect) && !std::holds_alternative<flow::QuitKiosk>(effect))
        return done("No attendance store is open.", true);
    try {
        return std::visit(
            Overloaded{
                [&](const flow::LoadPrinting&) -> Events {
                    flow::PrintingLoaded out;
                    if (const auto s = currentSession(c)) {
                        out.sessionId = s->id;
                        out.sessionLabel = sessionLabel(*s);
                        for (const auto& r : c.store->roster(s->id))
                            out.candidates.push_back({r.candidateId, r.name, r.constituency,
                                                      records::londonDisplayFromIso(r.checkedInAt)});
                    }
                    return one(std::move(out));
                },
                [&](const flow::LoadBatch& e) -> Events {
                    const auto p = packs::batchProgress(*c.store, e.jobIds);
                    const auto names = candidateNames(*c.store);
                    flow::BatchLoaded out;
                    out.done = p.done;
                    out.failed = p.failed;
                    out.pending = p.pending;
                    for (const auto& j : p.jobs) {
                        const auto it = names.find(j.candidateId);
                        out.rows.push_back(jobRow(c.store->printJob(j.jobId), it == names.end() ? "" : it->second));
                    }
                    return one(std::move(out));
                },
                [&](const flow::SaveReprint& e) -> Events {
                    const std::string dest = packs::printerDestination(currentPrinter(c));
                    c.store->enqueuePrint(e.candidateId, dest, packOptions(c).encode());
                    c.store->audit("print", e.actor, "reprint of one pack to " + dest);
                    wake(c);
                    return done("Pack queued for printing.");
                },
                [&](const flow::SaveBatchPrint& e) -> Events {
                    if (e.sessionId.empty()) return done("There is no session to print.", true);
                    const auto ids = packs::enqueueSessionPacks(*c.store, e.sessionId,
                                                                packs::printerDestination(currentPrinter(c)),
                                                                packOptions(c), e.actor);
                    wake(c);
                    return one(flow::BatchStarted{ids});
                },
                [&](const flow::SaveRetryJobs& e) -> Events {
                    for (const auto& id : e.jobIds) {
                        c.store->retryPrint(id);
                        c.store->audit("print", e.actor, "retry of print job " + id);
                    }
                    wake(c);
                    return done(e.jobIds.size() == 1 ? "Job queued again."
                                                     : std::to_string(e.jobIds.size()) + " jobs queued again.");
                },
                [&](const flow::LoadQueue&) -> Events {
                    auto jobs = c.store->listPrintJobs();
                    std::sort(jobs.begin(), jobs.end(),
                              [](const auto& a, const auto& b) { return a.createdAt > b.createdAt; });
                    const auto names = candidateNames(*c.store);
                    flow::QueueLoaded out;
                    for (const auto& j : jobs) {
                        const auto it = names.find(j.candidateId);
                        out.jobs.push_back(jobRow(j, it == names.end() ? "" : it->second));
                    }
                    return one(std::move(out));
                },
                [&](const flow::SaveCancelJob& e) -> Events {
                    c.store->cancelPrint(e.jobId);
                    c.store->audit("print", e.actor, "cancelled print job " + e.jobId);
                    return done("Job cancelled.");
                },
                [&](const flow::LoadPrinters&) -> Events {
                    flow::PrintersLoaded out;
                    out.current = currentPrinter(c);
                    out.currentDescription = c.printerDescription ? c.printerDescription()
                                            : c.printWorker             ? c.printWorker->printerDescription()
                                                                        : std::string();
                    out.printers.push_back({"", packs::printerLabel(""), "", out.current.empty()});
                    bool currentListed = out.current.empty();
                    const auto queues = c.listQueues ? c.listQueues() : print::listCupsQueues(c.cupsServer);
                    for (const auto& q : queues) {
                        const std::string state = q.reasons.empty() ? q.state : q.state + ": " + q.reasons;
                        out.printers.push_back({q.name, q.description.empty() ? q.name : q.name + " (" + q.description + ")",
                                                state, q.name == out.current});
                        currentListed = currentListed || q.name == out.current;
                    }
                    if (!currentListed) out.printers.push_back({out.current, out.current, "not found", true});
                    return one(std::move(out));
                },
                [&](const flow::SavePrinterChoice& e) -> Events {
                    packs::choosePrinter(*c.store, e.queue, e.actor);
                    if (c.usePrinter) c.usePrinter(e.queue);
                    else if (c.printWorker) c.printWorker->usePrinter(e.queue);
                    wake(c);
                    return done("Packs now print to: " + packs::printerLabel(e.queue) + ".");
                },
                [&](const flow::SendTestPage& e) -> Events {
                    const std::string queue = currentPrinter(c);
                    print::TestPageRequest req;
                    req.forceName = c.force ? c.force->name.en : std::string();
                    req.destination = packs::printerLabel(queue);
                    req.printedAt = records::toLondonDisplay(now(c));
                    req.paper = packOptions(c).paper;
                    const auto pdf = print::renderTestPage(req, c.assets ? *c.assets : print::findPackAssets());
                    std::unique_ptr<print::Printer> printer;
                    if (c.makePrinter) {
                        printer = c.makePrinter(queue);
                    } else {
                        printer = print::makePrinter(queue, dataDir(c) / "spool");
                    }
                    const print::PrintJob job{print::testPageJobId(), pdf};
                    // A CUPS queue gets the page without waiting for the printer (the screen stays live).
                    auto* cups = dynamic_cast<print::CupsPrinter*>(printer.get());
                    const auto out = cups ? cups->submit(job) : printer->print(job);
                    c.store->audit("print", e.actor, "printer test page to " + req.destination);
                    if (out.state == print::JobState::Failed)
                        return done("The test page did not print: " + out.message, true);
                    return done("Test page sent to " + req.destination +
                                (out.where.empty() ? std::string(".") : " (" + out.where + ")."));
                },
                [&](const flow::LoadExport&) -> Events {
                    flow::ExportLoaded out;
                    for (const auto& t : officer::exportTargets(c.exportDir, c.drives))
                        out.targets.push_back({t.label, t.folder.string(), flow::formatBytes(t.freeBytes) + " free",
                                               t.writable, t.removable});
                    if (const auto s = currentSession(c)) {
                        out.sessionId = s->id;
                        out.sessionLabel = sessionLabel(*s);
                        out.rows = s->attendees;
                    }
                    return one(std::move(out));
                },
                [&](const flow::SaveExport& e) -> Events {
                    try {
                        const auto file = officer::exportRoster(*c.store, e.sessionId,
                                                                e.json ? officer::ExportFormat::Json : officer::ExportFormat::Csv,
                                                                e.folder, e.actor);
                        return one(flow::ExportWritten{file.string()});
                    } catch (const officer::ExportError& ex) {
                        return done(std::string("Not exported: ") + ex.what(), true);
                    }
                },
                [&](const flow::LoadRetention&) -> Events {
                    const auto p = c.store->retentionPreview(retentionDays(c));
                    return one(flow::RetentionLoaded{p.retentionDays, records::londonDisplayFromIso(p.cutoff),
                                                     retentionRows(p.dueNow), retentionRows(p.upcoming),
                                                     p.emptySessionsDueNow});
                },
                [&](const flow::SavePurge& e) -> Events {
                    records::PurgeReport r;
                    try {
                        r = c.store->purge(retentionDays(c), e.actor);
                    } catch (const records::ErasureIncompleteError& ex) {
                        return done(std::string("Purged from the store, but not yet from every copy: ") + ex.what(), true);
                    }
                    return done("Purged " + std::to_string(r.candidates) +
                                (r.candidates == 1 ? " candidate, " : " candidates, ") + std::to_string(r.sessions) +
                                (r.sessions == 1 ? " session and " : " sessions and ") +
                                std::to_string(r.backupsDeleted) + (r.backupsDeleted == 1 ? " backup." : " backups."));
                },
                [&](const flow::SaveErase& e) -> Events {
                    try {
                        c.store->eraseCandidate(e.candidateId, e.actor, retentionDays(c));
                    } catch (const records::ErasureIncompleteError& ex) {
                        // Saved in the store; the copies left are retried at the next start and on the status page.
                        return done(std::string("Erased from the store, but not yet from every copy: ") + ex.what(), true);
                    }
                    return done("The candidate's data is erased, backups included.");
                },
                [&](const flow::LoadSettings&) -> Events {
                    if (!c.force) return done("No force profile is loaded.", true);
                    const auto loaded = officer::loadSettings(*c.store, *c.force);
                    return one(flow::SettingsLoaded{toValues(loaded.settings), loaded.problems});
                },
                [&](const flow::SaveSettings& e) -> Events {
                    if (!c.force) return done("No force profile is loaded.", true);
                    try {
                        const int n = officer::saveSettings(*c.store, *c.force, fromValues(e.values), e.actor);
                        if (c.settingsChanged) c.settingsChanged();
                        return done(n == 0 ? "Nothing changed." : "Settings saved (" + std::to_string(n) + " changed).");
                    } catch (const officer::SettingsInvalid& ex) {
                        return done(std::string("Not saved: ") + ex.what(), true);
                    }
                },
                [&](const flow::LoadStatus&) -> Events {
                    StatusInputs in;
                    in.store = c.store;
                    in.storeProblem = c.storeProblem;
                    in.course = c.course;
                    in.dataDir = dataDir(c);
                    in.printerQueue = c.store ? currentPrinter(c) : configuredQueue(c);
                    in.cupsServer = c.cupsServer;
                    if (c.listQueues) {
                        in.queueState = [&c](const std::string& queue) -> std::optional<std::string> {
                            for (const auto& q : c.listQueues())
                                if (q.name == queue) return q.reasons.empty() ? q.state : q.state + ": " + q.reasons;
                            return std::nullopt;
                        };
                    }
                    return one(flow::StatusLoaded{gatherStatus(in)});
                },
                [&](const flow::QuitKiosk& e) -> Events {
                    if (c.store) {
                        try {
                            c.store->audit("exit", e.actor, "quit the kiosk from officer mode");
                        } catch (const std::exception&) {
                            // Quitting must not depend on the store: the officer may be leaving because it failed.
                        }
                    }
                    if (c.quit) c.quit();
                    return {};
                },
            },
            effect);
    } catch (const std::exception& ex) {
        return done(std::string("Not done: ") + ex.what(), true);
    }
}

}  // namespace kiosk::app
