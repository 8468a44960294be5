// Officer mode's admin pages (printing, print queue, printer, export, retention, settings, status, exit):
// their state, events, effects and reducer. Layer: kiosk/flow (pure; rows are plain structs filled by
// kiosk/app, see officer_admin_types.hpp).
#pragma once

#include "kiosk/flow/officer_admin_types.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::flow {

struct OfficerState;
struct OfficerStep;

// ---- Page state ----
enum class PrintingMode { List, ConfirmBatch };
struct PrintingPageState {
    bool loaded = false;
    std::string sessionId;  // the session printed: today's open one, else today's walk-in session
    std::string sessionLabel;
    std::vector<CandidateRow> candidates;  // for "reprint one pack"
    PrintingMode mode = PrintingMode::List;
    std::vector<std::string> batchJobs;  // the batch in flight (job ids); empty: none started
    std::vector<PrintJobRow> batchRows;  // per-job status of the batch
    int batchDone = 0, batchFailed = 0, batchPending = 0;
};

struct PrintQueuePageState {
    bool loaded = false;
    std::vector<PrintJobRow> jobs;  // newest first; done and cancelled jobs only when showAll
    bool showAll = false;
    std::optional<std::string> confirmCancel;  // job awaiting "Cancel it?"
};

struct PrinterPageState {
    bool loaded = false;
    std::vector<PrinterOption> printers;  // "Save to folder" first, then the CUPS queues
    std::string current;                  // queue in use ("" = save to folder)
    std::string currentDescription;       // what the print worker says it prints to
};

enum class ExportStep { Pick, Warn, Done };
struct ExportPageState {
    bool loaded = false;
    std::vector<ExportTargetRow> targets;
    std::string sessionId;  // the session exported (same rule as printing)
    std::string sessionLabel;
    int rows = 0;  // candidates in that session
    std::optional<int> target;  // index into targets
    bool json = false;          // CSV unless chosen
    ExportStep step = ExportStep::Pick;
    std::string written;  // file written, on Done
};

enum class RetentionMode { View, ConfirmPurge, ConfirmErase };
struct RetentionPageState {
    bool loaded = false;
    int retentionDays = 0;
    std::string cutoff;  // Europe/London display
    std::vector<RetentionRow> dueNow;
    std::vector<RetentionRow> upcoming;  // soonest first
    int emptySessionsDueNow = 0;
    RetentionMode mode = RetentionMode::View;
    std::string target;  // candidate to erase
};

// Officer settings as the page edits them (kiosk::officer::OfficerSettings mirrored).
struct SettingsValues {
    int idleTimeoutSeconds = 90;
    int idleCountdownSeconds = 20;
    std::string firstLanguage = "en-GB";  // "en-GB" | "cy"
    bool allowSkippingModules = false;
    bool letterPaper = false;  // A4 unless set
    bool largePrintDefault = false;
    bool operator==(const SettingsValues&) const = default;
};
inline constexpr int kIdleTimeoutMin = 15, kIdleTimeoutMax = 3600;
inline constexpr int kIdleCountdownMin = 5, kIdleCountdownMax = 300;

struct SettingsPageState {
    bool loaded = false;
    SettingsValues stored;  // as in effect
    SettingsValues edited;  // as on screen
    std::vector<std::string> problems;  // stored values that were unreadable (defaults used)
    bool dirty() const { return !(stored == edited); }
};

struct StatusPageState {
    bool loaded = false;
    StatusFacts facts;
};

// State of the admin pages, held in OfficerState::admin.
struct AdminState {
    PrintingPageState printing;
    PrintQueuePageState queue;
    PrinterPageState printer;
    ExportPageState exporting;
    RetentionPageState retention;
    SettingsPageState settings;
    StatusPageState status;
    bool quitting = false;  // the exit was confirmed: the kiosk is closing
};

// ---- Events (wrapped in OfficerEvent) ----
struct AdminRefresh {};  // reload the current page (the "Refresh" button)
// The print worker reported results: a printing or queue page reloads to show them. kiosk/main sends it.
struct PrintJobsChanged {};
struct AdminCancel {};  // "No, keep it" on any admin confirmation; "Back" from the export warning

struct PrintingLoaded {
    std::string sessionId, sessionLabel;
    std::vector<CandidateRow> candidates;
};
struct ReprintPack {
    std::string candidateId;
};
struct AskBatchPrint {};
struct ConfirmBatchPrint {};
struct BatchStarted {
    std::vector<std::string> jobIds;
};
struct BatchLoaded {
    std::vector<PrintJobRow> rows;
    int done = 0, failed = 0, pending = 0;
};
struct RetryBatchFailed {};  // retry every failed job of the batch

struct QueueLoaded {
    std::vector<PrintJobRow> jobs;
};
struct ToggleShowAllJobs {};
struct RetryJob {
    std::string jobId;
};
struct AskCancelJob {
    std::string jobId;
};
struct ConfirmCancelJob {};

struct PrintersLoaded {
    std::vector<PrinterOption> printers;
    std::string current;
    std::string currentDescription;
};
struct ChoosePrinter {
    std::string queue;  // "" = save to folder
};
struct PrintTestPage {};

struct ExportLoaded {
    std::vector<ExportTargetRow> targets;
    std::string sessionId, sessionLabel;
    int rows = 0;
};
struct PickExportTarget {
    int index;
};
struct SetExportJson {
    bool json;
};
struct ConfirmExport {};
struct ExportWritten {
    std::string file;
};

struct RetentionLoaded {
    int retentionDays = 0;
    std::string cutoff;
    std::vector<RetentionRow> dueNow, upcoming;
    int emptySessionsDueNow = 0;
};
struct AskPurge {};
struct ConfirmPurge {};
struct AskErase {
    std::string candidateId;
};
struct ConfirmErase {};

enum class SettingField { IdleTimeout, IdleCountdown, FirstLanguage, AllowSkipping, Paper, LargePrint };
struct SettingsLoaded {
    SettingsValues values;
    std::vector<std::string> problems;
};
struct StepSetting {  // +/- on a number (clamped to its range); any other field toggles
    SettingField field;
    int delta = 0;
};
struct SaveSettingsPressed {};
struct RevertSettings {};

struct StatusLoaded {
    StatusFacts facts;
};

struct ConfirmQuit {};

// The outcome of an admin action: shown as the page's notice, then the page reloads.
struct AdminDone {
    std::string message;
    bool bad = false;
};

using AdminEvent =
    std::variant<AdminRefresh, PrintJobsChanged, AdminCancel, PrintingLoaded, ReprintPack, AskBatchPrint,
                 ConfirmBatchPrint, BatchStarted, BatchLoaded, RetryBatchFailed, QueueLoaded, ToggleShowAllJobs,
                 RetryJob, AskCancelJob, ConfirmCancelJob, PrintersLoaded, ChoosePrinter, PrintTestPage,
                 ExportLoaded, PickExportTarget, SetExportJson, ConfirmExport, ExportWritten, RetentionLoaded,
                 AskPurge, ConfirmPurge, AskErase, ConfirmErase, SettingsLoaded, StepSetting, SaveSettingsPressed,
                 RevertSettings, StatusLoaded, ConfirmQuit, AdminDone>;

// ---- Effects (wrapped in OfficerEffect), run by kiosk/app's runAdminEffect ----
struct LoadPrinting {};  // -> PrintingLoaded
struct LoadBatch {       // -> BatchLoaded
    std::vector<std::string> jobIds;
};
struct SaveReprint {  // -> AdminDone
    std::string candidateId;
    std::string actor;
};
struct SaveBatchPrint {  // -> BatchStarted | AdminDone(bad)
    std::string sessionId;
    std::string actor;
};
struct SaveRetryJobs {  // -> AdminDone
    std::vector<std::string> jobIds;
    std::string actor;
};
struct LoadQueue {};  // -> QueueLoaded
struct SaveCancelJob {  // -> AdminDone
    std::string jobId;
    std::string actor;
};
struct LoadPrinters {};  // -> PrintersLoaded
struct SavePrinterChoice {  // -> AdminDone; the print worker switches at once
    std::string queue;
    std::string actor;
};
struct SendTestPage {  // -> AdminDone
    std::string actor;
};
struct LoadExport {};  // -> ExportLoaded
struct SaveExport {    // -> ExportWritten | AdminDone(bad)
    std::string sessionId;
    std::string folder;
    bool json = false;
    std::string actor;
};
struct LoadRetention {};  // -> RetentionLoaded
struct SavePurge {        // -> AdminDone
    std::string actor;
};
struct SaveErase {  // -> AdminDone
    std::string candidateId;
    std::string actor;
};
struct LoadSettings {};  // -> SettingsLoaded
struct SaveSettings {    // -> AdminDone; the journey picks the new settings up
    SettingsValues values;
    std::string actor;
};
struct LoadStatus {};  // -> StatusLoaded
struct QuitKiosk {     // the kiosk exits with code 0 after this frame
    std::string actor;
};

using AdminEffect =
    std::variant<LoadPrinting, LoadBatch, SaveReprint, SaveBatchPrint, SaveRetryJobs, LoadQueue, SaveCancelJob,
                 LoadPrinters, SavePrinterChoice, SendTestPage, LoadExport, SaveExport, LoadRetention, SavePurge,
                 SaveErase, LoadSettings, SaveSettings, LoadStatus, QuitKiosk>;

// The admin pages' reducer; reduceOfficer forwards every AdminEvent here. Events for a page that is not
// on screen only update that page's data (or are ignored); nothing happens without a signed-in officer
// whose role allows the page.
OfficerStep reduceAdmin(OfficerState state, const AdminEvent& event);

// Called by reduceOfficer after ShowPage switched to one of the admin pages (state.page is set, the
// role allowed it): reset the page and ask for its data.
OfficerStep enterAdminPage(OfficerState state);

// Pure queries the pages use.
int clampSetting(SettingField field, int value);
const PrintJobRow* queueJob(const AdminState& admin, const std::string& jobId);
const RetentionRow* retentionRow(const AdminState& admin, const std::string& candidateId);

}  // namespace kiosk::flow
