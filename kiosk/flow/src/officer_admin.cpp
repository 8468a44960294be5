// Reducer of officer mode's admin pages: printing, print queue, printer, export, retention, settings,
// status and exit. Layer: kiosk/flow (pure; no clocks, no I/O).
#include "kiosk/flow/officer_admin.hpp"

#include "kiosk/flow/officer.hpp"

#include <algorithm>

namespace kiosk::flow {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

OfficerStep stay(OfficerState s) { return {std::move(s), {}}; }

std::string actor(const OfficerState& s) { return s.officer ? s.officer->name : std::string(); }

// An action of `page` counts only while a signed-in officer has that page on screen.
bool on(const OfficerState& s, OfficerPage page) {
    return s.active && s.officer && s.page == page && pageAllowed(s.officer->role, page);
}

void notice(OfficerState& s, std::string text, bool bad) {
    s.notice = std::move(text);
    s.noticeBad = bad;
}

OfficerStep withEffect(OfficerState s, AdminEffect e) {
    OfficerStep step{std::move(s), {}};
    step.effects.emplace_back(std::move(e));
    return step;
}

// Asks for the current page's data again, keeping what the officer is in the middle of (a batch).
OfficerStep reload(OfficerState s) {
    OfficerStep step{std::move(s), {}};
    auto& a = step.state.admin;
    auto add = [&](AdminEffect e) { step.effects.emplace_back(std::move(e)); };
    switch (step.state.page) {
        case OfficerPage::Printing:
            add(LoadPrinting{});
            if (!a.printing.batchJobs.empty()) add(LoadBatch{a.printing.batchJobs});
            break;
        case OfficerPage::PrintQueue: add(LoadQueue{}); break;
        case OfficerPage::Printer: add(LoadPrinters{}); break;
        case OfficerPage::Export: add(LoadExport{}); break;
        case OfficerPage::Retention: add(LoadRetention{}); break;
        case OfficerPage::Settings: add(LoadSettings{}); break;
        case OfficerPage::Status: add(LoadStatus{}); break;
        default: break;
    }
    return step;
}

void applySetting(SettingsValues& v, const StepSetting& e) {
    switch (e.field) {
        case SettingField::IdleTimeout: v.idleTimeoutSeconds = clampSetting(e.field, v.idleTimeoutSeconds + e.delta); break;
        case SettingField::IdleCountdown:
            v.idleCountdownSeconds = clampSetting(e.field, v.idleCountdownSeconds + e.delta);
            break;
        case SettingField::FirstLanguage: v.firstLanguage = v.firstLanguage == "cy" ? "en-GB" : "cy"; break;
        case SettingField::AllowSkipping: v.allowSkippingModules = !v.allowSkippingModules; break;
        case SettingField::Paper: v.letterPaper = !v.letterPaper; break;
        case SettingField::LargePrint: v.largePrintDefault = !v.largePrintDefault; break;
    }
}

}  // namespace

int clampSetting(SettingField field, int value) {
    switch (field) {
        case SettingField::IdleTimeout: return std::clamp(value, kIdleTimeoutMin, kIdleTimeoutMax);
        case SettingField::IdleCountdown: return std::clamp(value, kIdleCountdownMin, kIdleCountdownMax);
        default: return value;
    }
}

const PrintJobRow* queueJob(const AdminState& admin, const std::string& jobId) {
    for (const auto& j : admin.queue.jobs)
        if (j.jobId == jobId) return &j;
    return nullptr;
}

const RetentionRow* retentionRow(const AdminState& admin, const std::string& candidateId) {
    for (const auto* list : {&admin.retention.dueNow, &admin.retention.upcoming})
        for (const auto& r : *list)
            if (r.candidateId == candidateId) return &r;
    return nullptr;
}

OfficerStep enterAdminPage(OfficerState s) {
    auto& a = s.admin;
    switch (s.page) {
        case OfficerPage::Printing: {
            auto batch = std::move(a.printing.batchJobs);  // a batch in flight stays on show
            a.printing = {};
            a.printing.batchJobs = std::move(batch);
            break;
        }
        case OfficerPage::PrintQueue: a.queue = {}; break;
        case OfficerPage::Printer: a.printer = {}; break;
        case OfficerPage::Export: a.exporting = {}; break;
        case OfficerPage::Retention: a.retention = {}; break;
        case OfficerPage::Settings: a.settings = {}; break;
        case OfficerPage::Status: a.status = {}; break;
        default: break;
    }
    return reload(std::move(s));
}

OfficerStep reduceAdmin(OfficerState s, const AdminEvent& event) {
    // Nothing of the admin pages happens while locked: late results of a load carry personal data.
    if (!s.active || !s.officer) return stay(std::move(s));
    auto& a = s.admin;
    return std::visit(
        Overloaded{
            [&](const AdminRefresh&) { return reload(std::move(s)); },
            [&](const PrintJobsChanged&) -> OfficerStep {
                if (s.page == OfficerPage::Printing && !a.printing.batchJobs.empty())
                    return withEffect(std::move(s), LoadBatch{a.printing.batchJobs});
                if (s.page == OfficerPage::PrintQueue) return withEffect(std::move(s), LoadQueue{});
                return stay(std::move(s));
            },
            [&](const AdminCancel&) -> OfficerStep {
                a.printing.mode = PrintingMode::List;
                a.queue.confirmCancel.reset();
                if (a.exporting.step == ExportStep::Warn) a.exporting.step = ExportStep::Pick;
                a.retention.mode = RetentionMode::View;
                a.retention.target.clear();
                if (s.page == OfficerPage::ConfirmExit) return reduceOfficer(std::move(s), ShowPage{OfficerPage::Home});
                return stay(std::move(s));
            },
            // ---- Printing ----
            [&](const PrintingLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Printing) return stay(std::move(s));
                a.printing.loaded = true;
                a.printing.sessionId = e.sessionId;
                a.printing.sessionLabel = e.sessionLabel;
                a.printing.candidates = e.candidates;
                return stay(std::move(s));
            },
            [&](const ReprintPack& e) -> OfficerStep {
                if (!on(s, OfficerPage::Printing)) return stay(std::move(s));
                const bool known = std::any_of(a.printing.candidates.begin(), a.printing.candidates.end(),
                                               [&](const CandidateRow& c) { return c.candidateId == e.candidateId; });
                if (!known) return stay(std::move(s));
                return withEffect(std::move(s), SaveReprint{e.candidateId, actor(s)});
            },
            [&](const AskBatchPrint&) -> OfficerStep {
                if (on(s, OfficerPage::Printing) && !a.printing.candidates.empty())
                    a.printing.mode = PrintingMode::ConfirmBatch;
                return stay(std::move(s));
            },
            [&](const ConfirmBatchPrint&) -> OfficerStep {
                if (!on(s, OfficerPage::Printing) || a.printing.mode != PrintingMode::ConfirmBatch)
                    return stay(std::move(s));
                a.printing.mode = PrintingMode::List;
                return withEffect(std::move(s), SaveBatchPrint{a.printing.sessionId, actor(s)});
            },
            [&](const BatchStarted& e) -> OfficerStep {
                if (s.page != OfficerPage::Printing) return stay(std::move(s));
                a.printing.batchJobs = e.jobIds;
                a.printing.batchRows.clear();
                a.printing.batchDone = a.printing.batchFailed = 0;
                a.printing.batchPending = static_cast<int>(e.jobIds.size());
                notice(s, "Printing " + std::to_string(e.jobIds.size()) + " packs.", false);
                return withEffect(std::move(s), LoadBatch{a.printing.batchJobs});
            },
            [&](const BatchLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Printing) return stay(std::move(s));
                a.printing.batchRows = e.rows;
                a.printing.batchDone = e.done;
                a.printing.batchFailed = e.failed;
                a.printing.batchPending = e.pending;
                return stay(std::move(s));
            },
            [&](const RetryBatchFailed&) -> OfficerStep {
                if (!on(s, OfficerPage::Printing)) return stay(std::move(s));
                std::vector<std::string> failed;
                for (const auto& r : a.printing.batchRows)
                    if (r.state == "failed") failed.push_back(r.jobId);
                if (failed.empty()) return stay(std::move(s));
                return withEffect(std::move(s), SaveRetryJobs{failed, actor(s)});
            },
            // ---- Print queue ----
            [&](const QueueLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::PrintQueue) return stay(std::move(s));
                a.queue.loaded = true;
                a.queue.jobs = e.jobs;
                return stay(std::move(s));
            },
            [&](const ToggleShowAllJobs&) -> OfficerStep {
                if (on(s, OfficerPage::PrintQueue)) a.queue.showAll = !a.queue.showAll;
                return stay(std::move(s));
            },
            [&](const RetryJob& e) -> OfficerStep {
                const bool fromBatch = on(s, OfficerPage::Printing) &&
                                       std::find(a.printing.batchJobs.begin(), a.printing.batchJobs.end(), e.jobId) !=
                                           a.printing.batchJobs.end();
                const bool fromQueue = on(s, OfficerPage::PrintQueue) && queueJob(a, e.jobId);
                if (!fromBatch && !fromQueue) return stay(std::move(s));
                return withEffect(std::move(s), SaveRetryJobs{{e.jobId}, actor(s)});
            },
            [&](const AskCancelJob& e) -> OfficerStep {
                if (on(s, OfficerPage::PrintQueue) && queueJob(a, e.jobId)) a.queue.confirmCancel = e.jobId;
                return stay(std::move(s));
            },
            [&](const ConfirmCancelJob&) -> OfficerStep {
                if (!on(s, OfficerPage::PrintQueue) || !a.queue.confirmCancel) return stay(std::move(s));
                const std::string id = *a.queue.confirmCancel;
                a.queue.confirmCancel.reset();
                return withEffect(std::move(s), SaveCancelJob{id, actor(s)});
            },
            // ---- Printer ----
            [&](const PrintersLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Printer) return stay(std::move(s));
                a.printer.loaded = true;
                a.printer.printers = e.printers;
                a.printer.current = e.current;
                a.printer.currentDescription = e.currentDescription;
                return stay(std::move(s));
            },
            [&](const ChoosePrinter& e) -> OfficerStep {
                if (!on(s, OfficerPage::Printer)) return stay(std::move(s));
                const bool listed = std::any_of(a.printer.printers.begin(), a.printer.printers.end(),
                                                [&](const PrinterOption& p) { return p.queue == e.queue; });
                if (!listed) return stay(std::move(s));
                return withEffect(std::move(s), SavePrinterChoice{e.queue, actor(s)});
            },
            [&](const PrintTestPage&) -> OfficerStep {
                if (!on(s, OfficerPage::Printer)) return stay(std::move(s));
                return withEffect(std::move(s), SendTestPage{actor(s)});
            },
            // ---- Export ----
            [&](const ExportLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Export) return stay(std::move(s));
                a.exporting.loaded = true;
                a.exporting.targets = e.targets;
                a.exporting.sessionId = e.sessionId;
                a.exporting.sessionLabel = e.sessionLabel;
                a.exporting.rows = e.rows;
                if (a.exporting.target && *a.exporting.target >= static_cast<int>(e.targets.size()))
                    a.exporting.target.reset();
                return stay(std::move(s));
            },
            [&](const PickExportTarget& e) -> OfficerStep {
                if (!on(s, OfficerPage::Export) || a.exporting.sessionId.empty()) return stay(std::move(s));
                if (e.index < 0 || e.index >= static_cast<int>(a.exporting.targets.size()) ||
                    !a.exporting.targets[static_cast<std::size_t>(e.index)].writable)
                    return stay(std::move(s));
                a.exporting.target = e.index;
                a.exporting.step = ExportStep::Warn;  // the personal-data warning comes before any file
                return stay(std::move(s));
            },
            [&](const SetExportJson& e) -> OfficerStep {
                if (on(s, OfficerPage::Export)) a.exporting.json = e.json;
                return stay(std::move(s));
            },
            [&](const ConfirmExport&) -> OfficerStep {
                if (!on(s, OfficerPage::Export) || a.exporting.step != ExportStep::Warn || !a.exporting.target)
                    return stay(std::move(s));
                const auto& t = a.exporting.targets[static_cast<std::size_t>(*a.exporting.target)];
                return withEffect(std::move(s), SaveExport{a.exporting.sessionId, t.folder, a.exporting.json, actor(s)});
            },
            [&](const ExportWritten& e) -> OfficerStep {
                if (s.page != OfficerPage::Export) return stay(std::move(s));
                a.exporting.step = ExportStep::Done;
                a.exporting.written = e.file;
                s.notice.clear();  // the page itself says where the file went
                return stay(std::move(s));
            },
            // ---- Retention ----
            [&](const RetentionLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Retention) return stay(std::move(s));
                auto& r = a.retention;
                r.loaded = true;
                r.retentionDays = e.retentionDays;
                r.cutoff = e.cutoff;
                r.dueNow = e.dueNow;
                r.upcoming = e.upcoming;
                r.emptySessionsDueNow = e.emptySessionsDueNow;
                if (!r.target.empty() && !retentionRow(a, r.target)) {
                    r.target.clear();
                    r.mode = RetentionMode::View;
                }
                return stay(std::move(s));
            },
            [&](const AskPurge&) -> OfficerStep {
                if (on(s, OfficerPage::Retention) && a.retention.loaded) a.retention.mode = RetentionMode::ConfirmPurge;
                return stay(std::move(s));
            },
            [&](const ConfirmPurge&) -> OfficerStep {
                if (!on(s, OfficerPage::Retention) || a.retention.mode != RetentionMode::ConfirmPurge)
                    return stay(std::move(s));
                a.retention.mode = RetentionMode::View;
                return withEffect(std::move(s), SavePurge{actor(s)});
            },
            [&](const AskErase& e) -> OfficerStep {
                if (!on(s, OfficerPage::Retention) || !retentionRow(a, e.candidateId)) return stay(std::move(s));
                a.retention.mode = RetentionMode::ConfirmErase;
                a.retention.target = e.candidateId;
                return stay(std::move(s));
            },
            [&](const ConfirmErase&) -> OfficerStep {
                if (!on(s, OfficerPage::Retention) || a.retention.mode != RetentionMode::ConfirmErase)
                    return stay(std::move(s));
                const std::string id = a.retention.target;
                a.retention.mode = RetentionMode::View;
                a.retention.target.clear();
                return withEffect(std::move(s), SaveErase{id, actor(s)});
            },
            // ---- Settings ----
            [&](const SettingsLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Settings) return stay(std::move(s));
                a.settings.loaded = true;
                a.settings.stored = e.values;
                a.settings.edited = e.values;
                a.settings.problems = e.problems;
                return stay(std::move(s));
            },
            [&](const StepSetting& e) -> OfficerStep {
                if (on(s, OfficerPage::Settings) && a.settings.loaded) applySetting(a.settings.edited, e);
                return stay(std::move(s));
            },
            [&](const SaveSettingsPressed&) -> OfficerStep {
                if (!on(s, OfficerPage::Settings) || !a.settings.dirty()) return stay(std::move(s));
                return withEffect(std::move(s), SaveSettings{a.settings.edited, actor(s)});
            },
            [&](const RevertSettings&) -> OfficerStep {
                if (on(s, OfficerPage::Settings)) a.settings.edited = a.settings.stored;
                return stay(std::move(s));
            },
            // ---- Status ----
            [&](const StatusLoaded& e) -> OfficerStep {
                if (s.page != OfficerPage::Status) return stay(std::move(s));
                a.status.loaded = true;
                a.status.facts = e.facts;
                return stay(std::move(s));
            },
            // ---- Exit ----
            [&](const ConfirmQuit&) -> OfficerStep {
                if (!on(s, OfficerPage::ConfirmExit) || a.quitting) return stay(std::move(s));
                a.quitting = true;
                return withEffect(std::move(s), QuitKiosk{actor(s)});
            },
            [&](const AdminDone& e) -> OfficerStep {
                notice(s, e.message, e.bad);
                return reload(std::move(s));
            },
        },
        event);
}

}  // namespace kiosk::flow
