// The printer the kiosk prints to, chosen at run time by an officer (a CUPS queue or "save to folder") and
// kept in the store so it survives a restart; and the batch print of a whole session with its progress.
// Layer: kiosk/packs (records + print; no UI). Not thread-safe: one call at a time per Store.
#pragma once

#include "kiosk/packs/packs.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::packs {

// Store setting holding the officer's choice: "folder" or "cups:<queue>". It overrides kiosk.toml's
// `printer` (config::Settings::printer) once set.
inline constexpr const char* kPrinterSettingKey = "printer";

// The officer's stored choice as a queue name ("" = save to folder), or nullopt when none was made (or
// the stored text is not one of the two forms). Throws records::StoreError only.
std::optional<std::string> storedPrinter(const records::Store& store);
// The queue to print to: the stored choice when there is one, else `configured` (kiosk.toml).
std::string effectivePrinter(const records::Store* store, const std::string& configured);
// Stores the choice ("" = save to folder) with the audit row "settings-change" by `actor`. InputError for a
// queue name that is too long or holds control characters.
void choosePrinter(records::Store& store, const std::string& queue, const std::string& actor);
// For people: "Save to folder" or the queue name.
std::string printerLabel(const std::string& queue);
// The destination recorded with each job: "spool" or the queue name.
std::string printerDestination(const std::string& queue);

// One print job per candidate of `sessionId` (in roster order), each with `options` except the language,
// which is the candidate's own. Audit row "print" by `actor` naming the session and the count. Returns the
// job ids. NotFoundError for an unknown session.
std::vector<std::string> enqueueSessionPacks(records::Store& store, const std::string& sessionId,
                                             const std::string& destination, const PackOptions& options,
                                             const std::string& actor);

struct BatchJobStatus {
    std::string jobId;
    std::string candidateId;
    records::PrintState state = records::PrintState::Queued;
    int attempts = 0;
    std::string lastError;
};

struct BatchProgress {
    int total = 0;
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int pending = 0;  // queued, submitting, sent or waiting
    int waiting = 0;  // of those, waiting for an automatic retry (the printer could not take them)
    std::vector<BatchJobStatus> jobs;  // in the order of the ids given; a job no longer stored is left out
    bool finished() const { return pending == 0; }
    // Share of jobs no longer pending, 0..1 (1 for an empty batch).
    float fraction() const { return total == 0 ? 1.0f : static_cast<float>(total - pending) / static_cast<float>(total); }
};

// The batch's state read back from the store's print queue (Store::listPrintJobs).
BatchProgress batchProgress(const records::Store& store, const std::vector<std::string>& jobIds);

}  // namespace kiosk::packs
