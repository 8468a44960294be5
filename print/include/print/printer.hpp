// The print-job interface: a PDF goes to a printer or a spool folder; the outcome is plain data the print
// queue (kept by kiosk/records, which print/ does not know) persists. Layer: print (no SQLite, no UI).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace print {

// Matches the queue's states after "queued": handed over (completion not yet confirmed), done, or failed.
enum class JobState { Sent, Done, Failed };
const char* jobStateKey(JobState s);  // "sent", "done", "failed"

struct PrintJob {
    std::string jobId;  // the queue's id for the job (a UUID); titles and file names use it, never a name
    std::vector<unsigned char> pdf;
};

struct PrintOutcome {
    JobState state = JobState::Failed;
    std::string message;    // for the officer when Failed; what happened otherwise
    int cupsJobId = 0;      // CUPS job id when the job reached CUPS (for poll)
    std::string where;      // spool file written, or the CUPS queue
};

// A destination for packs. Printer faults (unreachable, out of paper, jammed, spool folder not writable) are
// reported as Failed outcomes, never thrown, so the queue keeps the job and retries it later.
// Implementations are not shared between threads: use one per thread.
class Printer {
public:
    virtual ~Printer() = default;
    // Sends the job and waits for the destination to confirm it (up to the printer's timeout).
    virtual PrintOutcome print(const PrintJob& job) = 0;
    virtual std::string describe() const = 0;
};

// Job title CUPS sees (CUPS keeps job history): "briefing-pack-<first 8 characters of the job id>" (no spaces).
std::string jobTitle(const std::string& jobId);

// "Print to folder": writes <spool>/<jobId>.pdf atomically (mode 0600). Done when the file is in place.
class SpoolFolderPrinter : public Printer {
public:
    explicit SpoolFolderPrinter(std::filesystem::path folder);
    PrintOutcome print(const PrintJob& job) override;
    std::string describe() const override;

private:
    std::filesystem::path m_folder;
};

// Deletes the temporary files a killed spool write leaves behind (".<job id>.pdf.XXXXXX": a partial pack,
// personal data) that are older than `olderThan`, so a write in progress elsewhere is never touched.
// Returns how many were removed; a missing or unreadable folder removes nothing.
int removeStaleSpoolTemporaries(const std::filesystem::path& folder, std::chrono::seconds olderThan);

struct CupsSettings {
    std::string queue;          // CUPS destination name, e.g. "Office"
    std::string server;         // "host:port"; empty = the client's default (cupsServer())
    std::string documentFormat = "application/pdf";
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};  // for the printer to take the job
    std::chrono::milliseconds pollInterval{std::chrono::milliseconds(200)};
};

// libcups: Create-Job, Send-Document, then waits for the job to complete. A completed job is purged from
// CUPS (its document file and history entry are removed) so candidate data does not outlive the kiosk's
// retention. A job that does not complete within the timeout is cancelled and purged, and reported Failed:
// the queue retries it later, so it is never printed twice.
class CupsPrinter : public Printer {
public:
    explicit CupsPrinter(CupsSettings settings);
    PrintOutcome print(const PrintJob& job) override;
    // Submits without waiting: Sent with cupsJobId, or Failed.
    PrintOutcome submit(const PrintJob& job);
    // State of a submitted job: Done (and purged), Failed (and purged) or still Sent.
    PrintOutcome poll(int cupsJobId);
    // Cancels and purges a job (used on timeout and by the queue's "cancel").
    bool cancelAndPurge(int cupsJobId);
    std::string describe() const override;

private:
    CupsSettings m_settings;
};

// The configured destination: CUPS queue `printer` when it is not empty, else "print to folder" in `spoolFolder`
// (the data folder's spool/, INTERFACES.md).
std::unique_ptr<Printer> makePrinter(const std::string& printer, const std::filesystem::path& spoolFolder);

}  // namespace print
