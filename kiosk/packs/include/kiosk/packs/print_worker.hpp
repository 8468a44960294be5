// Prints queued packs on a thread of its own, so a slow printer (CUPS waits up to a minute for a job to
// complete) never stalls the kiosk's screen or its watchdog pings. Layer: kiosk/packs.
// The worker opens its own connection to the store (a Store is one thread's); the kiosk enqueues jobs on
// its connection and calls wake(). Results come back through takeResults(), polled from the main loop.
#pragma once

#include "kiosk/packs/packs.hpp"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace kiosk::packs {

struct PrintResult {
    std::string jobId;
    std::string candidateId;
    bool done = false;
    std::string problem;  // when not done: why, for the officer
};

class PrintWorker {
public:
    // Starts the thread. Everything it needs is moved in; nothing is shared with the caller but the queue
    // in the store. The first pass runs at once, so jobs left queued by a crash are printed after a restart.
    // With `followStoredChoice`, an officer's printer choice stored in the store (printer_choice.hpp)
    // replaces `printer` when the worker first opens the store, unless setPrinter was called before.
    PrintWorker(std::filesystem::path dataDir, content::Course course, content::ForceProfile force,
                print::PackRenderer renderer, std::unique_ptr<print::Printer> printer,
                bool followStoredChoice = true);
    ~PrintWorker();  // finishes the job in hand, then stops
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
