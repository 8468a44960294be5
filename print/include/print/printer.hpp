// Print destinations as a good print client sees them: the printer's state, a job handed over (with the
// scheduler's job id reported the moment it exists), the job's state later, finding our jobs again after a
// crash, and withdrawing them without a trace. Layer: print (no SQLite, no UI); the durable per-job state
// machine that drives this lives in kiosk/packs (print_runner.hpp) and kiosk/records.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace print {

struct PrintJob {
    std::string jobId;  // the queue's id for the job (a UUID); names and file names use it, never a person's name
    std::vector<unsigned char> pdf;
};

// The job-name CUPS sees: "briefing-pack-" + the job id's 32 hex digits, lower case. Only [a-z0-9-], so no
// scheduler trips over whitespace or quoting (cupsd 2.4.2-3+deb12u10 crashes on whitespace in option
// values), nothing personal, and unique per job (the crash recovery finds a job by it). Throws
// std::invalid_argument for a job id that is not 32 hex digits with optional dashes.
std::string cupsJobName(const std::string& jobId);

// What the printer can do now, from IPP Get-Printer-Attributes (printer-state, printer-is-accepting-jobs,
// printer-state-reasons, printer-state-message), or from the spool folder.
enum class PrinterCondition {
    Ready,           // accepts and prints jobs (it may be printing now)
    Stopped,         // printer-state stopped: disabled (cupsdisable), paused, or stopped after a backend error
    Rejecting,       // not accepting jobs (cupsreject)
    Unreachable,     // the device does not answer (connecting-to-device for a while, offline-report, timed-out)
    NeedsAttention,  // paper, jam, door, toner... (a reason with severity "error"), or the folder is not writable
    NoSuchQueue,     // the scheduler does not know the queue
    SchedulerDown,   // the CUPS scheduler cannot be reached
};
const char* conditionKey(PrinterCondition c);  // "ready", "stopped", "rejecting", "unreachable", ...

struct PrinterStatus {
    PrinterCondition condition = PrinterCondition::SchedulerDown;
    std::string reasons;  // printer-state-reasons other than "none", joined with ", "
    std::string message;  // printer-state-message, or why the scheduler could not be asked
    // connecting-to-device: normal for a moment at the start of each job; for longer, the device does not
    // answer (the socket backend keeps trying). The caller times it (kiosk/packs RetryPolicy).
    bool connecting = false;
    bool ready() const { return condition == PrinterCondition::Ready; }
    // For people: "ready", "stopped (paused)", "not reachable: The printer is in use." ...
    std::string describe() const;
};

// A job at the destination. Waiting: pending or held; Printing: processing; Completed, Cancelled (by
// anyone), Aborted (by the system); Missing: the scheduler does not know the id; Unknown: the scheduler could
// not be asked.
enum class JobPhase { Waiting, Printing, Completed, Cancelled, Aborted, Missing, Unknown };
const char* phaseKey(JobPhase p);

struct JobObservation {
    int cupsJobId = 0;
    JobPhase phase = JobPhase::Unknown;
    bool hasDocument = true;   // false: Create-Job happened but no document arrived (an interrupted hand-over)
    bool connecting = false;   // job or printer reasons say connecting-to-device / offline: nothing delivered yet
    std::string reasons;       // job-state-reasons and job-printer-state-message, for people
};

enum class SubmitResult {
    Accepted,   // the scheduler has the whole document (cupsJobId set): poll it
    Completed,  // done at once (spool folder): nothing to poll
    NotSent,    // the destination provably does not have the job (never created, or created and purged)
    Unknown,    // a job may exist without its document (it could not be withdrawn): reconcile later
};

struct Submission {
    SubmitResult result = SubmitResult::NotSent;
    int cupsJobId = 0;
    std::string message;  // why, when not Accepted/Completed; where it went otherwise
    PrinterCondition condition = PrinterCondition::Ready;  // when NotSent: the printer's state at the time
};

// A destination for packs. Printer faults are results, never exceptions. One instance per thread.
class Printer {
public:
    virtual ~Printer() = default;
    virtual std::string describe() const = 0;     // "CUPS queue Office", "spool folder /var/lib/..."
    virtual std::string destination() const = 0;  // recorded with each job: the queue name, or "spool"
    virtual PrinterStatus status() = 0;
    // Hands the job over. `created` is called with the scheduler's job id as soon as it exists (before the
    // document is sent), so a kill between the two leaves a record the crash recovery can reconcile.
    virtual Submission submit(const PrintJob& job, const std::function<void(int cupsJobId)>& created) = 0;
    // State of a job handed over earlier. Default: Missing (destinations with nothing to poll).
    virtual JobObservation observe(int cupsJobId);
    // Every job of ours with this job id (matched by cupsJobName), any state; nullopt when the destination
    // cannot be asked. Default: none.
    virtual std::optional<std::vector<JobObservation>> findJobs(const std::string& jobId);
    // Cancels the job if unfinished and purges it (document, control file, history): true when the
    // destination no longer holds it (also when it never did). Default: true.
    virtual bool purge(int cupsJobId);
};

// "Save to folder": writes <folder>/<jobId>.pdf atomically (mode 0600): Completed when the file is in place.
// findJobs reports a job whose file is already there as Completed (a kill after the rename).
class SpoolFolderPrinter : public Printer {
public:
    explicit SpoolFolderPrinter(std::filesystem::path folder);
    std::string describe() const override;
    std::string destination() const override { return "spool"; }
    PrinterStatus status() override;
    Submission submit(const PrintJob& job, const std::function<void(int)>& created) override;
    std::optional<std::vector<JobObservation>> findJobs(const std::string& jobId) override;

private:
    std::filesystem::path m_folder;
};

// Deletes the temporary files a killed spool write leaves behind (".<job id>.pdf.XXXXXX": a partial pack,
// personal data) that are older than `olderThan`, so a write in progress elsewhere is never touched.
// Returns how many were removed; a missing or unreadable folder removes nothing.
int removeStaleSpoolTemporaries(const std::filesystem::path& folder, std::chrono::seconds olderThan);

struct CupsSettings {
    std::string queue;   // CUPS destination name, e.g. "Office"
    std::string server;  // "host:port" or a domain socket path; empty = the client's default (cupsServer())
    std::string documentFormat = "application/pdf";
    int connectTimeoutMs = 3000;  // per request: a hung scheduler costs at most this, never a minute
};

// libcups IPP requests on a private connection per call (the worker never blocks on a job: every call is
// one request). Attributes sent: job-name (cupsJobName), requesting-user-name, document-format; nothing else.
class CupsPrinter : public Printer {
public:
    explicit CupsPrinter(CupsSettings settings);
    std::string describe() const override;
    std::string destination() const override { return m_settings.queue; }
    PrinterStatus status() override;
    Submission submit(const PrintJob& job, const std::function<void(int)>& created) override;
    JobObservation observe(int cupsJobId) override;
    std::optional<std::vector<JobObservation>> findJobs(const std::string& jobId) override;
    bool purge(int cupsJobId) override;

private:
    CupsSettings m_settings;
};

// The configured destination: CUPS queue `printer` when it is not empty (or not "spool"), else "print to
// folder" in `spoolFolder` (the data folder's spool/, INTERFACES.md).
std::unique_ptr<Printer> makePrinter(const std::string& printer, const std::filesystem::path& spoolFolder);

}  // namespace print
