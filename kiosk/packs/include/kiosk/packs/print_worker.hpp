// Prints queued packs on a thread of its own (a PrintRunner on its own store connection), so the printer
// never stalls the kiosk's screen or its watchdog pings. Layer: kiosk/packs.
// The kiosk enqueues jobs on its connection and calls wake(). News of each job comes back through
// takeResults() as it happens (polled from the main loop), not when the whole queue has drained.
#pragma once

#include "kiosk/packs/packs.hpp"
#include "kiosk/packs/print_runner.hpp"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace kiosk::packs {

// A job's news, or (jobId empty) a problem of the print queue itself (the store could not be opened).
using PrintResult = PrintNews;

class PrintWorker {
public:
    // Starts the thread. Everything it needs is moved in; nothing is shared with the caller but the queue
    // in the store. The first pass runs at once, so jobs left queued or in flight by a crash are reconciled
    // and printed after a restart. With `followStoredChoice`, an officer's printer choice stored in the store
    // (printer_choice.hpp) replaces `printer` when the worker first opens the store, unless setPrinter was
    // called before. `factory` makes the printer for a job in flight on another destination (default:
    // print::makePrinter with the data folder's spool/).
    PrintWorker(std::filesystem::path dataDir, content::Course course, content::ForceProfile force,
                print::PackRenderer renderer, std::unique_ptr<print::Printer> printer,
                bool followStoredChoice = true, RetryPolicy policy = {}, PrinterFactory factory = {});
    ~PrintWorker();  // finishes the step in hand (a few IPP requests at most), then stops
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    void wake();                             // new jobs are queued
    std::vector<PrintResult> takeResults();  // results since the last call (never blocks)

    // Thread-safe: the next job goes to `printer`; a job in hand finishes on the previous one.
    void setPrinter(std::unique_ptr<print::Printer> printer);
    // setPrinter(print::makePrinter(queue, <data folder>/spool)); "" = save to folder.
    void usePrinter(const std::string& queue);
    std::string printerDescription() const;  // Printer::describe() of the current printer

private:
    void loop();

    std::filesystem::path m_dataDir;
    content::Course m_course;
    content::ForceProfile m_force;
    print::PackRenderer m_renderer;
    RetryPolicy m_policy;
    PrinterFactory m_factory;

    mutable std::mutex m_mutex;
    std::shared_ptr<print::Printer> m_printer;  // guarded by m_mutex; each job holds its own reference
    bool m_followStoredChoice;
    std::condition_variable m_cv;
    bool m_pending = true;
    bool m_stop = false;
    std::vector<PrintResult> m_results;
    std::thread m_thread;  // last: starts after every member above exists
};

}  // namespace kiosk::packs
