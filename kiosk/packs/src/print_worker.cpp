// The print worker thread. Layer: kiosk/packs.
#include "kiosk/packs/print_worker.hpp"

#include "kiosk/packs/printer_choice.hpp"

namespace kiosk::packs {

PrintWorker::PrintWorker(std::filesystem::path dataDir, content::Course course, content::ForceProfile force,
                         print::PackRenderer renderer, std::unique_ptr<print::Printer> printer,
                         bool followStoredChoice)
    : m_dataDir(std::move(dataDir)),
      m_course(std::move(course)),
      m_force(std::move(force)),
      m_renderer(std::move(renderer)),
      m_printer(std::move(printer)),
      m_followStoredChoice(followStoredChoice),
      m_thread([this] { loop(); }) {}

PrintWorker::~PrintWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void PrintWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_cv.notify_all();
}

std::vector<PrintResult> PrintWorker::takeResults() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_results, {});
}

void PrintWorker::setPrinter(std::unique_ptr<print::Printer> printer) {
    std::lock_guard lock(m_mutex);
    m_printer = std::move(printer);
    m_followStoredChoice = false;  // an explicit choice wins over what the store said at start
}

void PrintWorker::usePrinter(const std::string& queue) { setPrinter(print::makePrinter(queue, m_dataDir / "spool")); }

std::string PrintWorker::printerDescription() const {
    std::lock_guard lock(m_mutex);
    return m_printer ? m_printer->describe() : std::string("no printer");
}

void PrintWorker::loop() {
    std::unique_ptr<records::Store> store;
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_pending || m_stop; });
            if (m_stop) return;
            m_pending = false;
        }
        std::vector<PrintResult> results;
        try {
            if (!store) {
                records::OpenOptions options;
                options.createIfMissing = false;
                options.onDamage = records::DamagePolicy::Fail;  // the kiosk's own open handles damage
                options.kioskId = "kiosk-printer";
                store = std::move(records::Store::open(m_dataDir, options).store);
                const auto chosen = storedPrinter(*store);
                std::lock_guard lock(m_mutex);
                if (chosen && m_followStoredChoice) m_printer = print::makePrinter(*chosen, m_dataDir / "spool");
                m_followStoredChoice = false;
            }
            while (true) {
                const auto job = store->claimNextPrint();
                if (!job) break;
                std::shared_ptr<print::Printer> printer;
                {
                    std::lock_guard lock(m_mutex);
                    printer = m_printer;
                }
                const auto outcome = printClaimedJob(*store, *job, m_renderer, *printer, m_course, m_force);
                results.push_back({job->id, job->candidateId, outcome.empty(), outcome});
                std::lock_guard lock(m_mutex);
                if (m_stop) break;
            }
        } catch (const std::exception& e) {
            // The store could not be opened or written: the jobs stay in the queue for the next wake or
            // restart, and the officer sees the problem.
            results.push_back({{}, {}, false, std::string("print queue: ") + e.what()});
            store.reset();
        }
        std::lock_guard lock(m_mutex);
        m_results.insert(m_results.end(), results.begin(), results.end());
    }
}

}  // namespace kiosk::packs
